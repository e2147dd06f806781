// SPDX-License-Identifier: MIT
#pragma once

// Test fixtures: synthetic page images for the cleaning steps.

#include <opencv2/core.hpp>

namespace fixture {

/// A white gray page with `lines` lines of black text drawn by cv::putText, with margins.
cv::Mat text_page(int width, int height, int lines);

/// The page rotated counter-clockwise (as displayed) by `degrees` around its centre, same size, white corners.
cv::Mat rotated(const cv::Mat& page, double degrees);

} // namespace fixture
