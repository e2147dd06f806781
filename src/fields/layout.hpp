// SPDX-License-Identifier: MIT
#pragma once

#include "fields/regex.hpp"

#include <docextract/geometry.hpp>
#include <docextract/text.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace docextract::detail {

/// One word as the extractor sees it.
struct LayoutWord {
    std::string text;
    Box box;
    float confidence = 1.0F;
    int chunk = 0;                         ///< Index of the gap-separated phrase of its row this word belongs to.
    std::vector<std::string> alternatives; ///< The recogniser's near misses (TextWord::alternatives).
};

/// A visual row: the words of one page that share a baseline, left to right, even when the text source split
/// them into separate lines or blocks (a label on the left, its value far to the right).
struct Row {
    int page = 0;
    TextSource source = TextSource::ocr;
    int page_width = 0;
    int page_height = 0;
    std::vector<LayoutWord> words;
    std::string text;                    ///< Words joined by single spaces.
    std::vector<std::size_t> word_begin; ///< Byte offset of each word in text.
    Box box;                             ///< Union of the word boxes.
    int height = 0;                      ///< Median word height.
    int chunks = 0;                      ///< Number of phrases (words separated by wide gaps).

    /// Index range [first, last) of the words a byte span of text touches; first == last when none.
    [[nodiscard]] std::pair<std::size_t, std::size_t> words_in(Span span) const noexcept;
    /// Byte span of text covered by words [first, last).
    [[nodiscard]] Span span_of(std::size_t first, std::size_t last) const noexcept;
    /// Union of the boxes of words [first, last).
    [[nodiscard]] Box box_of(std::size_t first, std::size_t last) const noexcept;
    /// Mean confidence of words [first, last), 0 when empty.
    [[nodiscard]] float confidence_of(std::size_t first, std::size_t last) const noexcept;
    /// Text of one chunk (phrase), words joined by spaces.
    [[nodiscard]] std::string chunk_text(int chunk) const;
    /// Index range [first, last) of the words of one chunk.
    [[nodiscard]] std::pair<std::size_t, std::size_t> chunk_words(int chunk) const noexcept;
    /// Vertical centre relative to the page height, 0 (top) .. 1 (bottom).
    [[nodiscard]] double relative_y() const noexcept;
};

/// All rows of a document, page by page, top to bottom.
struct Layout {
    std::vector<Row> rows;
    int median_height = 0; ///< Median row height over the document.
};

/// Union of two boxes (an empty box is neutral).
[[nodiscard]] Box unite(const Box& a, const Box& b) noexcept;

/// Groups the lines of all pages into visual rows and phrases.
[[nodiscard]] Layout build_layout(std::span<const PageText> pages);

} // namespace docextract::detail
