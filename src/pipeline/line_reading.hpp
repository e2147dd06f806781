// SPDX-License-Identifier: MIT
#pragma once
// Re-reading single lines: the rows of a page that hold the core fields, cropped, scaled to the size the recogniser
// reads best and recognised one line at a time, at a fraction of the cost of reading the whole page again.
#include <docextract/image.hpp>
#include <docextract/ocr.hpp>
#include <docextract/text.hpp>

namespace docextract::detail {

/// The lines of `page` worth re-reading (lines_worth_rereading), each cropped from `cleaned` across the whole page
/// width (a right-hand amount the page layout dropped is read with its label) with a margin, scaled so that its
/// words are about 30 px high, and recognised as one line of text. Returns a page holding only those lines (pass
/// ReadingPass::line), in the coordinates of `cleaned`; a line whose recognition fails or times out is left out.
/// `page` must use the pixel space of `cleaned`.
[[nodiscard]] PageText reread_lines(const ImageView& cleaned, const PageText& page, OcrEngine& engine);

} // namespace docextract::detail
