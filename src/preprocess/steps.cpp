// SPDX-License-Identifier: MIT
#include "preprocess/steps.hpp"

#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace docextract::detail {

cv::Mat to_gray(const cv::Mat& page) {
    cv::Mat gray;
    switch (page.channels()) {
    case 1:
        return page.clone();
    case 3:
        cv::cvtColor(page, gray, cv::COLOR_RGB2GRAY);
        return gray;
    default: {
        // Flatten onto white: a transparent background must not turn black.
        cv::Mat rgb;
        cv::Mat alpha;
        cv::cvtColor(page, rgb, cv::COLOR_RGBA2RGB);
        cv::extractChannel(page, alpha, 3);
        cv::cvtColor(rgb, gray, cv::COLOR_RGB2GRAY);
        cv::Mat gray_f;
        cv::Mat alpha_f;
        gray.convertTo(gray_f, CV_32F);
        alpha.convertTo(alpha_f, CV_32F, 1.0 / 255.0);
        cv::Mat flat = gray_f.mul(alpha_f) + (1.0 - alpha_f) * 255.0;
        flat.convertTo(gray, CV_8U);
        return gray;
    }
    }
}

double upscale_to_height(cv::Mat& page, int min_height) {
    if (page.rows >= min_height || page.rows <= 0) {
        return 1.0;
    }
    return scale_up(page, static_cast<double>(min_height) / page.rows, max_upscaled_pixels);
}

double scale_up(cv::Mat& page, double factor, double max_pixels) {
    if (page.rows <= 0 || page.cols <= 0) {
        return 1.0;
    }
    const double pixels = static_cast<double>(page.rows) * page.cols;
    factor = std::min(factor, std::sqrt(std::min(max_pixels, max_upscaled_pixels) / pixels));
    const int height = static_cast<int>(std::lround(page.rows * factor));
    if (factor <= 1.0 || height <= page.rows) {
        return 1.0;
    }
    const int width = std::max(1, static_cast<int>(std::lround(page.cols * factor)));
    cv::Mat scaled;
    cv::resize(page, scaled, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
    const double applied = static_cast<double>(height) / page.rows;
    page = scaled;
    return applied;
}

double downscale_to_pixels(cv::Mat& page, double max_pixels) {
    const double pixels = static_cast<double>(page.rows) * page.cols;
    if (max_pixels <= 0 || pixels <= max_pixels) {
        return 1.0;
    }
    const double scale = std::sqrt(max_pixels / pixels);
    const int width = std::max(1, static_cast<int>(std::floor(page.cols * scale)));
    const int height = std::max(1, static_cast<int>(std::floor(page.rows * scale)));
    cv::Mat scaled;
    cv::resize(page, scaled, cv::Size(width, height), 0, 0, cv::INTER_AREA);
    const double applied = static_cast<double>(height) / page.rows;
    page = scaled;
    return applied;
}

void denoise(cv::Mat& page, float strength) {
    cv::Mat clean;
    cv::fastNlMeansDenoising(page, clean, strength, 7, 21);
    page = clean;
}

void normalize_background(cv::Mat& page) {
    const cv::Mat gray = page.channels() == 1 ? page : to_gray(page);
    // The background varies slowly: estimate it on a small copy, where the closing that erases text is cheap.
    // Linear sampling and a box blur suffice there (the closing removes thin strokes anyway) and cost a tenth of
    // area averaging and a wide Gaussian.
    const double scale = std::min(1.0, background_side / std::max(gray.rows, gray.cols));
    cv::Mat background;
    cv::resize(gray, background, cv::Size(), scale, scale, cv::INTER_LINEAR);
    const int kernel = std::max(7, (std::max(background.rows, background.cols) / 40) | 1);
    cv::morphologyEx(background, background, cv::MORPH_CLOSE,
                     cv::getStructuringElement(cv::MORPH_RECT, cv::Size(kernel, kernel)));
    cv::blur(background, background, cv::Size(kernel, kernel));
    cv::resize(background, background, gray.size(), 0, 0, cv::INTER_LINEAR);
    cv::Mat flat;
    cv::divide(gray, background, flat, 255.0);
    page = flat;
}

void stretch_ink(cv::Mat& page) {
    std::array<std::size_t, 256> histogram{};
    for (int y = 0; y < page.rows; ++y) {
        const std::uint8_t* row = page.ptr<std::uint8_t>(y);
        for (int x = 0; x < page.cols; ++x) {
            ++histogram[row[x]];
        }
    }
    const std::size_t total = page.total();
    // The level below which `share` of the counted pixels lie, among levels [0, end).
    const auto level_at = [&histogram](double share, int end) {
        std::size_t count = 0;
        for (int v = 0; v < end; ++v) {
            count += histogram[static_cast<std::size_t>(v)];
        }
        const auto wanted = static_cast<std::size_t>(share * static_cast<double>(count));
        std::size_t seen = 0;
        for (int v = 0; v < end; ++v) {
            seen += histogram[static_cast<std::size_t>(v)];
            if (seen > wanted) {
                return v;
            }
        }
        return end - 1;
    };
    const int paper = level_at(0.5, 256);
    const int ink_end = static_cast<int>(paper * ink_fraction_of_paper);
    std::size_t ink_pixels = 0;
    for (int v = 0; v < ink_end; ++v) {
        ink_pixels += histogram[static_cast<std::size_t>(v)];
    }
    if (ink_end <= 0 || static_cast<double>(ink_pixels) < min_stretch_ink_share * static_cast<double>(total)) {
        return; // a blank page: nothing to stretch
    }
    const int ink = level_at(0.5, ink_end);
    if (paper - ink < min_ink_contrast) {
        return; // no print to speak of
    }
    cv::Mat table(1, 256, CV_8U);
    for (int v = 0; v < 256; ++v) {
        table.at<std::uint8_t>(v) = cv::saturate_cast<std::uint8_t>((v - ink) * 255.0 / (paper - ink));
    }
    cv::LUT(page, table, page);
}

void binarize(cv::Mat& page, int block_size, double offset) {
    const cv::Mat gray = page.channels() == 1 ? page : to_gray(page);
    cv::Mat binary;
    cv::adaptiveThreshold(gray, binary, 255, cv::ADAPTIVE_THRESH_GAUSSIAN_C, cv::THRESH_BINARY, block_size, offset);
    page = binary;
}

} // namespace docextract::detail
