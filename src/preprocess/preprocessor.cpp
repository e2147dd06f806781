// SPDX-License-Identifier: MIT
#include <docextract/error.hpp>
#include <docextract/preprocess.hpp>

#include "preprocess/deskew.hpp"
#include "preprocess/dots.hpp"
#include "preprocess/mat_view.hpp"
#include "preprocess/noise.hpp"
#include "preprocess/page_outline.hpp"
#include "preprocess/steps.hpp"
#include "preprocess/text_size.hpp"

#include <opencv2/core.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>
#include <utility>

namespace docextract {

namespace {

void require(bool condition, const std::string& message) {
    if (!condition) {
        throw Error(ErrorCode::invalid_argument, "invalid preprocess option: " + message);
    }
}

/// Runs a step and returns its wall-clock time in milliseconds.
template <typename Step> double timed(Step&& step) {
    const auto start = std::chrono::steady_clock::now();
    std::forward<Step>(step)();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

Preprocessor::Preprocessor(PreprocessOptions options) : options_(std::move(options)) {
    const auto& o = options_;
    require(o.threshold_block_size >= 3 && o.threshold_block_size % 2 == 1,
            "threshold_block_size must be odd and at least 3, got " + std::to_string(o.threshold_block_size));
    require(std::isfinite(o.threshold_offset), "threshold_offset must be finite");
    require(o.min_height >= 1 && o.min_height <= 100'000,
            "min_height must be in 1..100000, got " + std::to_string(o.min_height));
    require(o.max_pixels >= 0, "max_pixels must not be negative, got " + std::to_string(o.max_pixels));
    require(o.min_text_height >= 0 && o.min_text_height <= 1000,
            "min_text_height must be in 0..1000, got " + std::to_string(o.min_text_height));
    require(o.min_page_height >= 0 && o.min_page_height <= 100'000,
            "min_page_height must be in 0..100000, got " + std::to_string(o.min_page_height));
    require(std::isfinite(o.denoise_min_noise) && o.denoise_min_noise >= 0.0F,
            "denoise_min_noise must be finite and not negative");
    require(std::isfinite(o.denoise_strength) && o.denoise_strength >= 0.0F && o.denoise_strength <= 100.0F,
            "denoise_strength must be in 0..100");
    require(std::isfinite(o.max_skew_degrees) && o.max_skew_degrees >= 0.0 && o.max_skew_degrees <= 45.0,
            "max_skew_degrees must be in 0..45");
    require(std::isfinite(o.min_skew_degrees) && o.min_skew_degrees >= 0.0 && o.min_skew_degrees <= o.max_skew_degrees,
            "min_skew_degrees must be in 0..max_skew_degrees");
}

PreprocessResult Preprocessor::run(const ImageView& page) const {
    if (page.empty()) {
        throw Error(ErrorCode::invalid_argument, "cannot preprocess an empty image");
    }
    PreprocessResult result;
    PreprocessReport& report = result.report;
    try {
        const cv::Mat input = detail::mat_view(page);
        // Every step writes its result to a new image, so `work` may start as a view of the caller's pixels: a
        // page that is already gray is not copied (35 MB for a 600-dpi scan).
        cv::Mat work = input;
        if (options_.grayscale && input.channels() != 1) {
            report.grayscale_ms = timed([&] { work = detail::to_gray(input); });
        }
        // Large scans first come down to a size OCR needs; small pages, and pages of small text, then go up.
        report.upscale_ms =
            timed([&] { report.scale = detail::downscale_to_pixels(work, static_cast<double>(options_.max_pixels)); });
        if (options_.denoise) {
            report.denoise_ms += timed([&] {
                // Before scaling up, while a dot of impulse noise is one pixel (scaled up, it is a blob like ink) and
                // the noise is as the camera or scanner made it (cubic scaling smooths it below the gate).
                if (options_.despeckle && work.channels() == 1) {
                    report.dots_removed = detail::remove_dots(work);
                }
                report.noise = detail::estimate_noise(work.channels() == 1 ? work : detail::to_gray(work));
            });
        }
        if (options_.upscale && report.scale == 1.0) {
            report.upscale_ms += timed([&] {
                const double pixels = static_cast<double>(work.rows) * work.cols;
                const double by_height =
                    work.rows < options_.min_height ? static_cast<double>(options_.min_height) / work.rows : 1.0;
                double by_text = 1.0;
                if (options_.min_text_height > 0) {
                    report.text_height =
                        detail::estimate_text_height(work.channels() == 1 ? work : detail::to_gray(work));
                    if (report.text_height > 0 && report.text_height < options_.min_text_height) {
                        by_text = std::min(detail::max_text_upscale, options_.min_text_height / report.text_height);
                        // Small text makes a page no larger than max_pixels (min_height alone may, as before).
                        if (options_.max_pixels > 0) {
                            by_text = std::min(by_text, std::sqrt(options_.max_pixels / pixels));
                        }
                    }
                }
                report.scale = detail::scale_up(work, std::max(by_height, by_text), detail::max_upscaled_pixels);
            });
        }
        if (options_.denoise) {
            report.denoise_ms += timed([&] {
                // Denoising costs seconds per page: only pages that measure noisy get it.
                if (report.noise >= options_.denoise_min_noise) {
                    detail::denoise(work, options_.denoise_strength);
                    report.denoised = true;
                }
            });
        }
        if (options_.deskew) {
            report.deskew_ms = timed([&] {
                // Search a little past the limit so that a larger skew is recognised as such, not clipped.
                const double search = std::min(45.0, options_.max_skew_degrees + 3.0);
                // A photographed page is cut out of the table first, so the rotation is measured on the page.
                if (options_.find_page) {
                    const cv::Mat gray = work.channels() == 1 ? work : detail::to_gray(work);
                    if (const auto corners = detail::find_page_corners(gray)) {
                        work = detail::flatten_page(work, *corners);
                        report.page_found = true;
                        if (options_.min_page_height > 0) {
                            report.scale *= detail::upscale_to_height(work, options_.min_page_height);
                        }
                    }
                }
                const detail::SkewEstimate skew = detail::estimate_skew(work, search);
                if (!skew.reliable) {
                    return;
                }
                report.skew_degrees = skew.degrees;
                const double magnitude = std::abs(skew.degrees);
                if (magnitude >= options_.min_skew_degrees && magnitude <= options_.max_skew_degrees) {
                    work = detail::rotate_page(work, skew.degrees);
                    report.skew_corrected = true;
                }
            });
        }
        if (options_.threshold) {
            report.threshold_ms = timed([&] {
                if (options_.threshold_method == ThresholdMethod::flatten) {
                    detail::normalize_background(work);
                    if (options_.stretch_ink) {
                        detail::stretch_ink(work);
                    }
                } else {
                    detail::binarize(work, options_.threshold_block_size, options_.threshold_offset);
                }
            });
            report.thresholded = true;
        }
        result.image = detail::image_from_mat(work, detail::format_for_channels(work.channels()));
    } catch (const cv::Exception& e) {
        const ErrorCode code = e.code == cv::Error::StsNoMem ? ErrorCode::limit_exceeded : ErrorCode::invalid_argument;
        throw Error(code, std::string("preprocessing failed: ") + e.what());
    }
    return result;
}

} // namespace docextract
