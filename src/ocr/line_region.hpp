// SPDX-License-Identifier: MIT
#pragma once
// Reading one region of a page as a single line of text: cut out, scaled to the size the recogniser reads best,
// framed in white, recognised, and its words moved back to page coordinates. The lines the detector finds and the
// lines the pipeline reads again are both read this way.
#include <docextract/ocr.hpp>
#include <docextract/text.hpp>

#include <opencv2/core.hpp>

#include <optional>

namespace docextract::detail {

/// The scale that makes text `measured` px high come out `target` px high, clamped to 0.5..4 (tiny or huge text is
/// not worth more pixels).
[[nodiscard]] double line_scale(double target, double measured);

/// Reads `region` of the 8-bit gray `page`, scaled by `scale`, with `engine` and `mode` (a single-line page
/// segmentation). Returns the line with its words in page coordinates, or nullopt when nothing was read: no word,
/// or recognition failed (Error(ocr_failed)). Other errors (the run's deadline, a cancel) are thrown.
[[nodiscard]] std::optional<TextLine> read_line_region(const cv::Mat& page, const cv::Rect& region, double scale,
                                                       OcrEngine& engine, const OcrOverrides& mode);

} // namespace docextract::detail
