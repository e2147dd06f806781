// SPDX-License-Identifier: MIT
#pragma once

// Skew estimation by projection profiles and the matching rotation.

#include <opencv2/core.hpp>

namespace docextract::detail {

/// The rotation of a page's text lines.
struct SkewEstimate {
    double degrees = 0.0;  ///< Counter-clockwise rotation of the text (as displayed), in degrees.
    bool reliable = false; ///< False when the page has too little ink or no clear line structure.
};

/// Estimates the skew of the text on a page (gray, RGB or RGBA, 8-bit), searching +/- search_degrees.
/// The page is downscaled, its ink found by local thresholding, blobs too large to be text dropped, and the
/// angle chosen whose horizontal projection profile is sharpest (coarse search, then fine).
[[nodiscard]] SkewEstimate estimate_skew(const cv::Mat& page, double search_degrees);

/// Rotates a page by -degrees (undoing a counter-clockwise skew) around its centre; the canvas grows so no
/// content is cut and new pixels are white.
[[nodiscard]] cv::Mat rotate_page(const cv::Mat& page, double degrees);

} // namespace docextract::detail
