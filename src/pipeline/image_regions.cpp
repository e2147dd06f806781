// SPDX-License-Identifier: MIT
#include "pipeline/image_regions.hpp"

#include "preprocess/mat_view.hpp"
#include "preprocess/steps.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstddef>

namespace docextract::detail {
namespace {

/// Pixels darker than this count as ink (white paper is 255; light tints and anti-aliasing stay out).
constexpr double ink_level = 190.0;
/// Word boxes of the text layer are widened by this share of their height before their ink is discounted.
constexpr double word_margin_share = 0.3;
/// A region must be at least this tall and wide, in pixels at the render resolution (about 1 mm at 300 dpi).
constexpr int min_region_side = 12;
/// Ink must cover at least this share of a region's box (empty frames and stray lines are not text).
constexpr double min_ink_share = 0.02;
/// A region covering more than this share of the page is a background or a full-page scan, not a picture.
constexpr double max_page_share = 0.6;
/// At most this many regions are returned (largest first).
constexpr std::size_t max_regions = 6;

cv::Rect clamp_to(const cv::Rect& rect, const cv::Size& size) {
    return rect & cv::Rect(0, 0, size.width, size.height);
}

/// A word's box widened by word_margin_share of its height on every side: the word's ink with its antialiasing.
cv::Rect widened(const Box& box) {
    const int margin = static_cast<int>(word_margin_share * box.height) + 2;
    return {box.x - margin, box.y - margin, box.width + 2 * margin, box.height + 2 * margin};
}

} // namespace

std::vector<Box> uncovered_ink_regions(const ImageView& render, const PageText& layer) {
    if (render.empty()) {
        return {};
    }
    const cv::Mat gray = to_gray(mat_view(render));
    cv::Mat ink;
    cv::threshold(gray, ink, ink_level, 255, cv::THRESH_BINARY_INV);
    for (const TextLine& line : layer.lines) {
        for (const TextWord& word : line.words) {
            const cv::Rect inside = clamp_to(widened(word.box), ink.size());
            if (inside.area() > 0) {
                ink(inside).setTo(0);
            }
        }
    }
    // Letters and words of one picture merge into one block: close gaps of up to 3 % of the page width along a line
    // (word spaces) and 1 % across lines.
    const int reach = std::max(3, render.width / 100);
    cv::Mat blocks;
    cv::morphologyEx(ink, blocks, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3 * reach, reach)));
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(blocks, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);

    const double page_area = static_cast<double>(render.width) * render.height;
    std::vector<cv::Rect> kept;
    for (const auto& contour : contours) {
        const cv::Rect rect = cv::boundingRect(contour);
        if (rect.width < min_region_side || rect.height < min_region_side) {
            continue; // specks, table rules, underlines
        }
        if (static_cast<double>(rect.area()) > max_page_share * page_area) {
            continue;
        }
        const int dark = cv::countNonZero(ink(rect));
        if (static_cast<double>(dark) < min_ink_share * rect.area()) {
            continue;
        }
        kept.push_back(rect);
    }
    std::sort(kept.begin(), kept.end(), [](const cv::Rect& a, const cv::Rect& b) { return a.area() > b.area(); });
    if (kept.size() > max_regions) {
        kept.resize(max_regions);
    }
    std::vector<Box> regions;
    regions.reserve(kept.size());
    for (const cv::Rect& rect : kept) {
        regions.push_back(Box{rect.x, rect.y, rect.width, rect.height});
    }
    return regions;
}

Image without_words(const ImageView& image, const PageText& text, const std::vector<Box>& keep) {
    const cv::Mat source = to_gray(mat_view(image));
    cv::Mat gray;
    if (keep.empty()) {
        gray = source.clone();
    } else {
        // Only the ink of the regions: specks and texture elsewhere would each be read as a word in sparse mode.
        gray = cv::Mat(source.size(), CV_8UC1, cv::Scalar(255));
        for (const Box& region : keep) {
            const int margin = std::max(2, std::min(region.width, region.height) / 10);
            const cv::Rect inside = clamp_to(
                cv::Rect(region.x - margin, region.y - margin, region.width + 2 * margin, region.height + 2 * margin),
                gray.size());
            if (inside.area() > 0) {
                source(inside).copyTo(gray(inside));
            }
        }
    }
    for (const TextLine& line : text.lines) {
        for (const TextWord& word : line.words) {
            const cv::Rect inside = clamp_to(widened(word.box), gray.size());
            if (inside.area() > 0) {
                gray(inside).setTo(cv::Scalar(255));
            }
        }
    }
    return image_from_mat(gray, PixelFormat::gray8);
}

Image gray_crop(const ImageView& image, const Box& region, int margin) {
    const cv::Mat gray = to_gray(mat_view(image));
    const cv::Rect inside = clamp_to(cv::Rect(region.x, region.y, region.width, region.height), gray.size());
    cv::Mat padded;
    cv::copyMakeBorder(gray(inside), padded, margin, margin, margin, margin, cv::BORDER_CONSTANT, cv::Scalar(255));
    return image_from_mat(padded, PixelFormat::gray8);
}

} // namespace docextract::detail
