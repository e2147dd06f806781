// SPDX-License-Identifier: MIT
#pragma once

// Text that a PDF page shows only as pixels: logos and pasted pictures of letterheads carry vendor names and
// addresses that the page's text layer does not contain.

#include <docextract/geometry.hpp>
#include <docextract/image.hpp>
#include <docextract/text.hpp>

#include <vector>

namespace docextract::detail {

/// Regions of a rendered text-layer page with ink the text layer does not explain, largest first: dark pixels
/// outside every text-layer word, merged into blocks; thin rules, specks and near-full-page areas are left out.
/// `layer` must use the pixel space of `render`.
[[nodiscard]] std::vector<Box> uncovered_ink_regions(const ImageView& render, const PageText& layer);

/// A gray copy of one region of an image with a white margin around it, ready for OCR.
[[nodiscard]] Image gray_crop(const ImageView& image, const Box& region, int margin);

} // namespace docextract::detail
