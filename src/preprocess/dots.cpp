// SPDX-License-Identifier: MIT
#include "preprocess/dots.hpp"

#include <docextract/error.hpp>

#include <opencv2/imgproc.hpp>

#include <cstdint>

namespace docextract::detail {

std::size_t remove_dots(cv::Mat& gray) {
    if (gray.type() != CV_8UC1) {
        throw Error(ErrorCode::invalid_argument, "dot removal needs an 8-bit gray image");
    }
    if (gray.rows < 3 || gray.cols < 3) {
        return 0;
    }
    // The darkest and the brightest of the 8 neighbours (outside the page counts as neither).
    cv::Mat ring = cv::Mat::ones(3, 3, CV_8U);
    ring.at<std::uint8_t>(1, 1) = 0;
    cv::Mat darkest;
    cv::Mat brightest;
    cv::erode(gray, darkest, ring);
    cv::dilate(gray, brightest, ring);
    // Saturating differences: zero unless the pixel lies below the darkest neighbour (or above the brightest).
    cv::Mat dots = (darkest - gray) > dot_contrast;
    dots |= (gray - brightest) > dot_contrast;
    const auto count = static_cast<std::size_t>(cv::countNonZero(dots));
    if (count == 0) {
        return 0;
    }
    cv::Mat median;
    cv::medianBlur(gray, median, 3);
    cv::Mat clean = gray.clone();
    median.copyTo(clean, dots);
    gray = clean;
    return count;
}

} // namespace docextract::detail
