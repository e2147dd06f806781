// SPDX-License-Identifier: MIT
#pragma once

// Ink that the words read from a page do not explain: on a PDF page, logos and pasted pictures of letterheads that
// carry vendor names and addresses the text layer does not contain; on an OCR'd page, text that OCR's page layout
// analysis left out.

#include <docextract/geometry.hpp>
#include <docextract/image.hpp>
#include <docextract/text.hpp>

#include <vector>

namespace docextract::detail {

/// Regions of a rendered text-layer page with ink the text layer does not explain, largest first: dark pixels
/// outside every text-layer word, merged into blocks; thin rules, specks and near-full-page areas are left out.
/// `layer` must use the pixel space of `render`.
[[nodiscard]] std::vector<Box> uncovered_ink_regions(const ImageView& render, const PageText& layer);

/// A gray copy of `image` with the words of `text` painted white (their boxes widened as for uncovered_ink_regions)
/// and, when `keep` is not empty, everything outside those regions (with a margin) too: the ink the words do not
/// explain, ready to be read again. `text` and `keep` must use the pixel space of `image`.
[[nodiscard]] Image without_words(const ImageView& image, const PageText& text, const std::vector<Box>& keep = {});

/// A gray copy of one region of an image with a white margin around it, ready for OCR.
[[nodiscard]] Image gray_crop(const ImageView& image, const Box& region, int margin);

} // namespace docextract::detail
