// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/export.hpp>
#include <docextract/geometry.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace docextract {

/// Where the words of a page came from.
enum class TextSource {
    ocr,        ///< Recognised by the OCR engine from pixels.
    text_layer, ///< Read from a PDF page's text layer.
};

/// Stable lower-case name of a text source, e.g. "text_layer".
DOCEXTRACT_API std::string_view to_string(TextSource source) noexcept;

/// Which reading of the page a line of words came from.
enum class ReadingPass {
    page,           ///< The page read whole (OCR's page layout), or its text layer.
    missed_text,    ///< Ink the page layout left out, read again as sparse text.
    line,           ///< One line cropped from the cleaned page, scaled and read as a single line.
    second_reading, ///< The page read whole a second time, cleaned and recognised differently.
    picture,        ///< A picture on a text-layer page (a letterhead), OCR'd.
};

/// Stable lower-case name of a reading pass, e.g. "missed_text".
DOCEXTRACT_API std::string_view to_string(ReadingPass pass) noexcept;

/// One recognised word.
struct TextWord {
    std::string text;        ///< The word as UTF-8.
    float confidence = 1.0F; ///< Recognition confidence in 0..1 (1 for a text layer).
    Box box;                 ///< Position on the page, in page pixels.
    /// Spellings the recogniser nearly chose instead, for words with digits: one digit changed each, likeliest
    /// first ("54.50" beside "64.50"); empty for most words and for text layers.
    std::vector<std::string> alternatives{};
};

/// One line of words, left to right.
struct TextLine {
    std::vector<TextWord> words;          ///< The words of the line.
    Box box;                              ///< Bounding box of the whole line.
    int block = 0;                        ///< Index of the text block (column/paragraph group) it belongs to.
    ReadingPass pass = ReadingPass::page; ///< Which reading of the page gave it.

    /// The words joined by single spaces.
    [[nodiscard]] DOCEXTRACT_API std::string text() const;
    /// Mean word confidence, 0 when the line has no words.
    [[nodiscard]] DOCEXTRACT_API float confidence() const noexcept;
};

/// The text of one page, as lines of words with boxes, top to bottom.
struct PageText {
    std::vector<TextLine> lines;         ///< Lines in reading order.
    int width = 0;                       ///< Page width in pixels (coordinate space of the boxes).
    int height = 0;                      ///< Page height in pixels.
    int page = 0;                        ///< Zero-based page index in its document.
    TextSource source = TextSource::ocr; ///< Where the words came from.

    /// All lines joined by newlines.
    [[nodiscard]] DOCEXTRACT_API std::string text() const;
};

/// Builds a page from plain text, one line per text line, with synthetic boxes (for text input and tests).
DOCEXTRACT_API PageText page_from_text(std::string_view text, TextSource source = TextSource::text_layer);

} // namespace docextract
