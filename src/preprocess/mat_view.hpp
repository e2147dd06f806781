// SPDX-License-Identifier: MIT
#pragma once

// Bridges between docextract images and OpenCV matrices (channel order is kept as is: RGB stays RGB).

#include <docextract/image.hpp>

#include <opencv2/core.hpp>

namespace docextract::detail {

/// A cv::Mat header over the view's pixels (no copy); CV_8UC1/3/4 by format. The view must outlive it.
/// Throws Error(invalid_argument) when the view is empty or its stride is too small.
[[nodiscard]] cv::Mat mat_view(const ImageView& view);

/// Copies an 8-bit matrix with 1, 3 or 4 channels into an Image of the given format (channels must match).
[[nodiscard]] Image image_from_mat(const cv::Mat& mat, PixelFormat format);

/// The pixel format for an 8-bit matrix with 1, 3 or 4 channels (3 = rgb8, 4 = rgba8).
[[nodiscard]] PixelFormat format_for_channels(int channels);

} // namespace docextract::detail
