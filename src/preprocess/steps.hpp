// SPDX-License-Identifier: MIT
#pragma once

// The cleaning steps of the Preprocessor, one function each (deskew lives in deskew.hpp).

#include <docextract/image.hpp>

#include <opencv2/core.hpp>

namespace docextract::detail {

/// Largest image the upscale step produces, in pixels; the scale factor is reduced to stay under it.
inline constexpr double max_upscaled_pixels = 100'000'000.0;

/// Step 1: 8-bit gray from gray, RGB or RGBA (transparent pixels are composited over white).
[[nodiscard]] cv::Mat to_gray(const cv::Mat& page);

/// Step 2: scales the image up (cubic) so that its height is min_height; returns the factor (1 when not scaled).
double upscale_to_height(cv::Mat& page, int min_height);

/// Step 2: scales the image up (cubic) by factor, reduced so that it gets at most max_pixels pixels (and never more
/// than max_upscaled_pixels); returns the factor applied (1 when not scaled).
double scale_up(cv::Mat& page, double factor, double max_pixels);

/// Most that step 2 scales a page up to bring its text to PreprocessOptions::min_text_height.
inline constexpr double max_text_upscale = 3.0;

/// Step 2 (large pages): scales the image down (area averaging) so that it has at most max_pixels pixels; returns
/// the factor (1 when not scaled). Large scans (600-dpi A4 is 35 million pixels) cost OCR time without helping it.
double downscale_to_pixels(cv::Mat& page, double max_pixels);

/// Step 3: non-local-means denoising with filter strength h (template 7, search window 21).
void denoise(cv::Mat& page, float strength);

/// Longest side of the copy the paper background is estimated on.
inline constexpr double background_side = 1000.0;

/// Step 5 (flatten): divides a page by an estimate of its paper (text closed away on a small copy, blurred):
/// shading and uneven light become white, ink keeps its contrast and gray edges. Colour is converted to gray.
void normalize_background(cv::Mat& page);

/// Pixels darker than this fraction of the paper level count as ink when the ink level is measured.
inline constexpr double ink_fraction_of_paper = 0.7;
/// Pages with a smaller share of ink pixels (blank pages) are not stretched.
inline constexpr double min_stretch_ink_share = 0.001;
/// Least gray-level distance between ink and paper for a stretch.
inline constexpr int min_ink_contrast = 40;

/// Part of step 5 (flatten) when PreprocessOptions::stretch_ink is set: stretches the gray levels so that the
/// page's typical ink (the median pixel darker than 0.7 of the paper) becomes black and its paper (the median
/// pixel) white. Tesseract's layout analysis can lose light print beside a black barcode, scan border or band
/// (a thermal receipt read as 9 words of 76); stretched, it finds it. 8-bit gray input; blank pages unchanged.
void stretch_ink(cv::Mat& page);

/// Step 5: adaptive Gaussian binarisation; colour input is converted to gray first. Output is 0/255.
void binarize(cv::Mat& page, int block_size, double offset);

} // namespace docextract::detail
