// SPDX-License-Identifier: MIT
#include "preprocess/text_size.hpp"

#include <docextract/error.hpp>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace docextract::detail {
namespace {

/// Neighbourhood and offset of the local threshold that separates ink from paper for the measurement.
constexpr int ink_block_size = 31;
constexpr double ink_offset = 15.0;
/// A blob counts as a character when it is at least this high, at most a tenth of the page high, at most twice as
/// wide as high and at least a sixth, and fills between these shares of its box (rules are too full, noise and
/// frames too empty).
constexpr int min_blob_height = 4;
constexpr double min_fill = 0.12;
constexpr double max_fill = 0.95;
/// Fewer character blobs than this say nothing about the text size.
constexpr std::size_t min_blobs = 20;

} // namespace

double estimate_text_height(const cv::Mat& gray) {
    if (gray.type() != CV_8UC1) {
        throw Error(ErrorCode::invalid_argument, "text height estimation needs an 8-bit gray image");
    }
    if (gray.rows < ink_block_size || gray.cols < ink_block_size) {
        return 0.0;
    }
    cv::Mat ink;
    cv::medianBlur(gray, ink, 3); // JPEG and sensor speckle would otherwise count as tiny blobs
    cv::adaptiveThreshold(ink, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, ink_block_size, ink_offset);
    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    std::vector<int> heights;
    const int max_height = gray.rows / 10;
    for (int i = 1; i < count; ++i) { // label 0 is the paper
        const int width = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int height = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const double fill =
            static_cast<double>(stats.at<int>(i, cv::CC_STAT_AREA)) / (static_cast<double>(width) * height);
        if (height >= min_blob_height && height <= max_height && width <= 2 * height && 6 * width >= height &&
            fill > min_fill && fill < max_fill) {
            heights.push_back(height);
        }
    }
    if (heights.size() < min_blobs) {
        return 0.0;
    }
    const auto middle = heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2);
    std::nth_element(heights.begin(), middle, heights.end());
    return *middle;
}

} // namespace docextract::detail
