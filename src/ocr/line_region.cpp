// SPDX-License-Identifier: MIT
#include "ocr/line_region.hpp"

#include "preprocess/mat_view.hpp"

#include <docextract/error.hpp>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace docextract::detail {
namespace {

constexpr double min_scale = 0.5;
constexpr double max_scale = 4.0;
/// White border around the crop handed to the recogniser, in pixels.
constexpr int border = 12;

} // namespace

double line_scale(double target, double measured) {
    return measured > 0 ? std::clamp(target / measured, min_scale, max_scale) : 1.0;
}

std::optional<TextLine> read_line_region(const cv::Mat& page, const cv::Rect& region, double scale, OcrEngine& engine,
                                         const OcrOverrides& mode) {
    const cv::Rect inside = region & cv::Rect(0, 0, page.cols, page.rows);
    if (inside.empty()) {
        return std::nullopt;
    }
    cv::Mat scaled;
    cv::resize(page(inside), scaled, cv::Size(), scale, scale, scale > 1.0 ? cv::INTER_CUBIC : cv::INTER_AREA);
    cv::Mat framed;
    cv::copyMakeBorder(scaled, framed, border, border, border, border, cv::BORDER_CONSTANT, cv::Scalar(255));
    const Image owned = image_from_mat(framed, PixelFormat::gray8);
    PageText read;
    try {
        read = engine.recognize_with(owned.view(), mode);
    } catch (const Error& error) {
        if (error.code() != ErrorCode::ocr_failed) {
            throw;
        }
        return std::nullopt;
    }
    // From the framed, scaled crop back to the page, kept on the page.
    const auto back = [scale](int v) { return static_cast<int>(std::lround((v - border) / scale)); };
    TextLine line;
    int left = std::numeric_limits<int>::max();
    int top = std::numeric_limits<int>::max();
    int right = 0;
    int bottom = 0;
    for (const TextLine& part : read.lines) {
        for (const TextWord& word : part.words) {
            TextWord moved = word;
            const int x0 = std::clamp(back(word.box.x) + inside.x, 0, page.cols);
            const int x1 = std::clamp(back(word.box.right()) + inside.x, x0, page.cols);
            const int y0 = std::clamp(back(word.box.y) + inside.y, 0, page.rows);
            const int y1 = std::clamp(back(word.box.bottom()) + inside.y, y0, page.rows);
            moved.box = Box{x0, y0, x1 - x0, y1 - y0};
            left = std::min(left, x0);
            top = std::min(top, y0);
            right = std::max(right, x1);
            bottom = std::max(bottom, y1);
            line.words.push_back(std::move(moved));
        }
    }
    if (line.words.empty()) {
        return std::nullopt;
    }
    line.box = Box{left, top, right - left, bottom - top};
    return line;
}

} // namespace docextract::detail
