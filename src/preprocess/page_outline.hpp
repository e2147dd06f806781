// SPDX-License-Identifier: MIT
#pragma once

// Finding a photographed page inside a larger picture and flattening its perspective.

#include <opencv2/core.hpp>

#include <array>
#include <optional>

namespace docextract::detail {

/// The four corners of a page in image coordinates: top-left, top-right, bottom-right, bottom-left.
using PageCorners = std::array<cv::Point2f, 4>;

/// Finds a bright four-cornered page that covers between 20 % and 97 % of an 8-bit gray picture (a receipt or
/// sheet photographed on a darker table); nothing when the page fills the picture or has no clear outline.
[[nodiscard]] std::optional<PageCorners> find_page_corners(const cv::Mat& gray);

/// Maps the quadrilateral to an upright rectangle whose sides are as long as the longer of its opposite edges.
[[nodiscard]] cv::Mat flatten_page(const cv::Mat& page, const PageCorners& corners);

} // namespace docextract::detail
