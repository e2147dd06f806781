// SPDX-License-Identifier: MIT
#include "preprocess/noise.hpp"

#include <docextract/error.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <numbers>
#include <vector>

namespace docextract::detail {
namespace {

/// Rows per sampled band, and about how many pixels all bands together cover.
constexpr int band_rows = 16;
constexpr double sample_pixels = 200'000;
/// The share of pixels with the strongest gradient that is treated as edges and left out.
constexpr double edge_share = 0.10;
/// |gx| + |gy| of the 3x3 Sobel operator on 8-bit pixels is at most 2 * 4 * 255.
constexpr int max_gradient = 2 * 4 * 255;

} // namespace

double estimate_noise(const cv::Mat& gray) {
    if (gray.type() != CV_8UC1) {
        throw Error(ErrorCode::invalid_argument, "noise estimation needs an 8-bit gray image");
    }
    if (gray.rows < 3 || gray.cols < 3) {
        return 0.0;
    }
    const int inner_rows = gray.rows - 2;
    const int inner_cols = gray.cols - 2;
    const int band_count = std::max(1, inner_rows / band_rows);
    const double bands_wanted = std::ceil(sample_pixels / (static_cast<double>(band_rows) * inner_cols));
    const int band_stride = std::max(1, static_cast<int>(band_count / bands_wanted));

    // Per gradient value: how many pixels have it, and the sum of their absolute Laplacian-difference responses.
    std::vector<std::uint64_t> count(max_gradient + 1, 0);
    std::vector<std::uint64_t> laplace(max_gradient + 1, 0);
    std::uint64_t total = 0;
    for (int band = 0; band < band_count; band += band_stride) {
        const int first = 1 + band * band_rows;
        const int last = std::min(first + band_rows, gray.rows - 1);
        for (int y = first; y < last; ++y) {
            const std::uint8_t* up = gray.ptr<std::uint8_t>(y - 1);
            const std::uint8_t* mid = gray.ptr<std::uint8_t>(y);
            const std::uint8_t* down = gray.ptr<std::uint8_t>(y + 1);
            for (int x = 1; x <= inner_cols; ++x) {
                const int a = up[x - 1];
                const int b = up[x];
                const int c = up[x + 1];
                const int d = mid[x - 1];
                const int e = mid[x];
                const int f = mid[x + 1];
                const int g = down[x - 1];
                const int h = down[x];
                const int i = down[x + 1];
                // Kernel [1 -2 1; -2 4 -2; 1 -2 1]: the difference of two Laplacians, blind to smooth shading.
                const int response = a + c + g + i - 2 * (b + d + f + h) + 4 * e;
                const int gx = (c + 2 * f + i) - (a + 2 * d + g);
                const int gy = (g + 2 * h + i) - (a + 2 * b + c);
                const auto gradient = static_cast<std::size_t>(std::abs(gx) + std::abs(gy));
                ++count[gradient];
                laplace[gradient] += static_cast<std::uint64_t>(std::abs(response));
            }
        }
        total += static_cast<std::uint64_t>(last - first) * static_cast<std::uint64_t>(inner_cols);
    }
    if (total == 0) {
        return 0.0;
    }

    // Keep the smoothest (1 - edge_share) of the pixels: all gradient values up to the percentile.
    const auto keep = static_cast<std::uint64_t>(std::ceil(static_cast<double>(total) * (1.0 - edge_share)));
    std::uint64_t kept = 0;
    std::uint64_t response_sum = 0;
    for (std::size_t gradient = 0; gradient < count.size() && kept < keep; ++gradient) {
        kept += count[gradient];
        response_sum += laplace[gradient];
    }
    if (kept == 0) {
        return 0.0;
    }
    // For Gaussian noise of deviation sigma the kernel's response has deviation 6 sigma, and E|X| = sigma sqrt(2/pi).
    const double mean_response = static_cast<double>(response_sum) / static_cast<double>(kept);
    return std::sqrt(std::numbers::pi / 2.0) * mean_response / 6.0;
}

} // namespace docextract::detail
