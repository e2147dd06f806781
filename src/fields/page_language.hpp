// SPDX-License-Identifier: MIT
#pragma once
// Telling a page's language from its labels, to read it with the OCR model its vocabulary names.
#include <docextract/text.hpp>

#include <optional>
#include <string>

namespace docextract::detail {

/// The language a page's labels are written in.
struct PageLanguage {
    std::string locale;       ///< Vocabulary file name without ".txt" ("de").
    std::string ocr_language; ///< The Tesseract model that file names for its pages; empty: none.
    int lines = 0;            ///< Lines holding a label of that language.
};

/// Lines with a label of one language a page needs before that language is named its own.
inline constexpr int min_language_lines = 2;

/// The language of the page: the vocabulary whose label wordings occur on the most lines, when that is at least
/// min_language_lines and more than any other language (a word two languages share counts for both); nullopt
/// otherwise.
[[nodiscard]] std::optional<PageLanguage> page_language(const PageText& page);

} // namespace docextract::detail
