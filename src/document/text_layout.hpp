// SPDX-License-Identifier: MIT
#pragma once

// Groups loose words (e.g. from a PDF text layer) into lines and blocks.

#include <docextract/text.hpp>

#include <vector>

namespace docextract::detail {

/// Words whose horizontal gap is larger than this many word heights start a new line, even on the same row
/// (separates columns that happen to share a baseline).
inline constexpr double max_word_gap_in_heights = 6.0;

/// A vertical gap between rows larger than this many median line heights starts a new block.
inline constexpr double block_gap_in_heights = 1.0;

/// Builds lines from words with boxes: words whose vertical extents overlap by at least half the smaller
/// height and that are close join a line (left to right); lines are ordered top to bottom (left to right
/// within a row) and numbered into blocks by vertical gaps. Words with empty text or boxes are dropped.
[[nodiscard]] PageText layout_words(std::vector<TextWord> words, int width, int height, int page, TextSource source);

} // namespace docextract::detail
