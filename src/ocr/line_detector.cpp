// SPDX-License-Identifier: MIT
#include "ocr/line_detector.hpp"

#include <docextract/error.hpp>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace docextract::detail {
namespace {

/// The network's input: sides a multiple of 32 (its five stride-2 stages).
constexpr int stride = 32;

int input_side(int side, double scale) {
    return std::max(stride, static_cast<int>(std::lround(side * scale / stride)) * stride);
}

/// ImageNet's mean and deviation per channel, which PP-OCR's detectors are trained with.
constexpr std::array<double, 3> channel_mean{0.485, 0.456, 0.406};
constexpr std::array<double, 3> channel_std{0.229, 0.224, 0.225};

cv::Mat network_input(const cv::Mat& page, cv::Size size) {
    cv::Mat color;
    if (page.channels() == 1) {
        cv::cvtColor(page, color, cv::COLOR_GRAY2BGR);
    } else if (page.channels() == 4) {
        cv::cvtColor(page, color, cv::COLOR_BGRA2BGR);
    } else {
        color = page;
    }
    cv::Mat resized;
    cv::resize(color, resized, size, 0, 0, cv::INTER_AREA);
    cv::Mat scaled;
    resized.convertTo(scaled, CV_32FC3, 1.0 / 255.0);
    cv::subtract(scaled, cv::Scalar(channel_mean[0], channel_mean[1], channel_mean[2]), scaled);
    cv::divide(scaled, cv::Scalar(channel_std[0], channel_std[1], channel_std[2]), scaled);
    return cv::dnn::blobFromImage(scaled); // NCHW, channels as they are
}

/// Mean probability inside a contour: DB's box score.
double contour_score(const cv::Mat& probability, const std::vector<cv::Point>& contour) {
    const cv::Rect bounds = cv::boundingRect(contour) & cv::Rect(0, 0, probability.cols, probability.rows);
    if (bounds.empty()) {
        return 0.0;
    }
    cv::Mat mask = cv::Mat::zeros(bounds.size(), CV_8U);
    std::vector<cv::Point> shifted;
    shifted.reserve(contour.size());
    for (const cv::Point& p : contour) {
        shifted.emplace_back(p.x - bounds.x, p.y - bounds.y);
    }
    cv::fillPoly(mask, std::vector<std::vector<cv::Point>>{shifted}, cv::Scalar(1));
    return cv::mean(probability(bounds), mask)[0];
}

} // namespace

LineDetector::LineDetector(const std::string& model_path, LineDetectorSettings settings) : settings_(settings) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(model_path, ec)) {
        throw Error(
            ErrorCode::ocr_unavailable,
            fmt::format("line detector model '{}' not found (scripts/install-deps.sh installs it)", model_path));
    }
    std::ifstream in(model_path, std::ios::binary);
    model_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        throw Error(ErrorCode::ocr_unavailable, fmt::format("line detector model '{}' could not be read", model_path));
    }
    try {
        net_ = cv::dnn::readNetFromONNX(model_);
    } catch (const cv::Exception& e) {
        throw Error(ErrorCode::ocr_unavailable,
                    fmt::format("line detector model '{}' could not be read: {}", model_path, e.what()));
    }
    if (net_.empty()) {
        throw Error(ErrorCode::ocr_unavailable, fmt::format("line detector model '{}' is empty", model_path));
    }
}

cv::dnn::Net& LineDetector::network_for(cv::Size size) {
    if (net_size_ != cv::Size() && net_size_ != size) {
        net_ = cv::dnn::readNetFromONNX(model_);
    }
    net_size_ = size;
    return net_;
}

std::vector<Box> LineDetector::detect(const cv::Mat& page) {
    if (page.empty()) {
        return {};
    }
    const double scale = std::min(1.0, static_cast<double>(settings_.max_side) / std::max(page.cols, page.rows));
    const cv::Size size(input_side(page.cols, scale), input_side(page.rows, scale));
    cv::Mat output;
    try {
        cv::dnn::Net& net = network_for(size);
        net.setInput(network_input(page, size));
        output = net.forward();
    } catch (const cv::Exception& e) {
        throw Error(ErrorCode::ocr_failed, fmt::format("line detection failed: {}", e.what()));
    }
    if (output.dims != 4 || output.size[2] != size.height || output.size[3] != size.width) {
        throw Error(ErrorCode::ocr_failed, "line detection gave a map of another size than its input");
    }
    const cv::Mat probability(size.height, size.width, CV_32F, output.ptr<float>(0, 0));
    cv::Mat text = probability > settings_.pixel_threshold; // 0 or 255
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(text, contours, cv::RETR_LIST, cv::CHAIN_APPROX_SIMPLE);

    const double to_page_x = static_cast<double>(page.cols) / size.width;
    const double to_page_y = static_cast<double>(page.rows) / size.height;
    std::vector<Box> boxes;
    for (const auto& contour : contours) {
        if (contour.size() < 3) {
            continue;
        }
        const cv::RotatedRect region = cv::minAreaRect(contour);
        if (std::min(region.size.width, region.size.height) < static_cast<float>(settings_.min_side)) {
            continue;
        }
        if (contour_score(probability, contour) < settings_.box_threshold) {
            continue;
        }
        // DB predicts shrunk regions: grow each side by area × ratio / perimeter.
        const double area = static_cast<double>(region.size.width) * region.size.height;
        const double perimeter = 2.0 * (region.size.width + region.size.height);
        const auto grow = static_cast<float>(2.0 * area * settings_.unclip_ratio / perimeter);
        const cv::RotatedRect line(region.center, cv::Size2f(region.size.width + grow, region.size.height + grow),
                                   region.angle);
        const cv::Rect bounds = line.boundingRect();
        const int left = std::clamp(static_cast<int>(std::floor(bounds.x * to_page_x)), 0, page.cols);
        const int top = std::clamp(static_cast<int>(std::floor(bounds.y * to_page_y)), 0, page.rows);
        const int right = std::clamp(static_cast<int>(std::ceil((bounds.x + bounds.width) * to_page_x)), 0, page.cols);
        const int bottom =
            std::clamp(static_cast<int>(std::ceil((bounds.y + bounds.height) * to_page_y)), 0, page.rows);
        if (right - left >= settings_.min_side && bottom - top >= settings_.min_side) {
            boxes.push_back(Box{left, top, right - left, bottom - top});
        }
    }
    // Reading order: rows top to bottom (a box whose centre lies within the height of a row's first box joins
    // it), each row left to right.
    const auto mid = [](const Box& b) { return b.y + b.height / 2; };
    std::sort(boxes.begin(), boxes.end(), [&](const Box& a, const Box& b) { return mid(a) < mid(b); });
    std::vector<Box> ordered;
    ordered.reserve(boxes.size());
    for (std::size_t start = 0; start < boxes.size();) {
        std::size_t end = start + 1;
        while (end < boxes.size() && 2 * (mid(boxes[end]) - mid(boxes[start])) < boxes[start].height) {
            ++end;
        }
        std::vector<Box> row(boxes.begin() + static_cast<std::ptrdiff_t>(start),
                             boxes.begin() + static_cast<std::ptrdiff_t>(end));
        std::sort(row.begin(), row.end(), [](const Box& a, const Box& b) { return a.x < b.x; });
        ordered.insert(ordered.end(), row.begin(), row.end());
        start = end;
    }
    boxes = std::move(ordered);
    return boxes;
}

} // namespace docextract::detail
