// SPDX-License-Identifier: MIT
#pragma once

// Noise estimation for the denoise step: is this page noisy enough for denoising to be worth its cost?

#include <opencv2/core.hpp>

namespace docextract::detail {

/// Estimated standard deviation of the pixel noise of an 8-bit gray page, in gray levels (0 for flat or tiny pages).
/// Immerkaer's estimator (mean absolute response to the 3x3 Laplacian difference kernel, scaled to sigma) taken
/// only over the pixels whose Sobel gradient is below the page's 90th percentile, so that text edges do not count
/// as noise (Tai and Yang's refinement). Looks at evenly spaced bands of rows covering about 250,000 pixels, so it
/// costs about a millisecond whatever the page size. Calibration on scanned receipts with added Gaussian noise:
/// clean scans give 0-2.5, sigma 10 gives 10-11 (5.5 where the paper is saturated white and half the noise clips).
[[nodiscard]] double estimate_noise(const cv::Mat& gray);

} // namespace docextract::detail
