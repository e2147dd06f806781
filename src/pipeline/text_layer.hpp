// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/text.hpp>

#include <cstddef>

namespace docextract::detail {

/// What the usability rule counted on a text-layer page.
struct TextLayerStats {
    std::size_t words = 0;        ///< Non-empty words.
    std::size_t characters = 0;   ///< Code points that are not white space.
    std::size_t alphanumeric = 0; ///< Letters and digits (ASCII, or non-ASCII letters outside private use).
    std::size_t garbage = 0;      ///< Control characters, U+FFFD, private-use code points and invalid UTF-8 bytes.
};

/// Counts the characters of a page for the usability rule.
[[nodiscard]] TextLayerStats text_layer_stats(const PageText& page) noexcept;

/// The rule of docs/architecture.md, section "text layer": a PDF text layer is used instead of OCR when it has
/// at least 5 words and 20 letters or digits, at least half of its non-space characters are letters or digits,
/// and at most 5 % are garbage (control characters, replacement or private-use characters, invalid UTF-8).
[[nodiscard]] bool usable_text_layer(const PageText& page) noexcept;

} // namespace docextract::detail
