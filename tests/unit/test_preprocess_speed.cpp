// SPDX-License-Identifier: MIT
// The parts of the cleaning that keep it cheap: noise estimation gating the denoiser, and the pixel cap of step 2.
#include <docextract/error.hpp>
#include <docextract/preprocess.hpp>

#include "fixture_pages.hpp"
#include "preprocess/mat_view.hpp"
#include "preprocess/noise.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <limits>

using docextract::Image;
using docextract::PixelFormat;
using docextract::PreprocessOptions;
using docextract::Preprocessor;
using docextract::detail::estimate_noise;

namespace {

Image gray_image(const cv::Mat& mat) {
    return docextract::detail::image_from_mat(mat, PixelFormat::gray8);
}

/// A text page on mid-gray paper (so that noise is not clipped at white) with Gaussian noise of deviation sigma.
cv::Mat noisy_page(double sigma, int width = 900, int height = 1200) {
    cv::Mat page = fixture::text_page(width, height, 12);
    page.convertTo(page, CV_32F, 180.0 / 255.0, 20.0); // paper 200, ink 20
    cv::Mat noise(page.size(), CV_32F);
    cv::RNG rng(12345);
    rng.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
    cv::Mat out;
    cv::Mat(page + noise).convertTo(out, CV_8U);
    return out;
}

PreprocessOptions denoise_only() {
    PreprocessOptions options;
    options.grayscale = false;
    options.upscale = false;
    options.max_pixels = 0;
    options.deskew = false;
    options.threshold = false;
    options.denoise_min_noise = 4.0F; // the gate on: clean pages are left alone
    return options;
}

} // namespace

TEST_SUITE("preprocess speed") {

    TEST_CASE("noise estimate: near zero for clean pages, close to the true deviation for noisy ones") {
        CHECK(estimate_noise(cv::Mat(500, 400, CV_8UC1, cv::Scalar(255))) == 0.0);
        CHECK(estimate_noise(cv::Mat(2, 2, CV_8UC1, cv::Scalar(0))) == 0.0);
        // Text edges are strong gradients: they must not be mistaken for noise.
        CHECK(estimate_noise(fixture::text_page(1200, 1600, 20)) < 2.0);
        CHECK(estimate_noise(noisy_page(0.0)) < 2.0);
        for (const double sigma : {5.0, 10.0, 20.0}) {
            CAPTURE(sigma);
            CHECK(estimate_noise(noisy_page(sigma)) == doctest::Approx(sigma).epsilon(0.15));
        }
        // A tall page is sampled in bands, not read whole: the estimate stays the same.
        CHECK(estimate_noise(noisy_page(10.0, 600, 9000)) == doctest::Approx(10.0).epsilon(0.15));
        CHECK_THROWS_AS((void)estimate_noise(cv::Mat(10, 10, CV_8UC3)), docextract::Error);
    }

    TEST_CASE("the denoiser runs only on pages that measure noisy") {
        const Preprocessor gated(denoise_only());
        const auto clean = gated.run(gray_image(noisy_page(0.0)).view());
        CHECK_FALSE(clean.report.denoised);
        CHECK(clean.report.noise < 2.0);
        CHECK(cv::norm(docextract::detail::mat_view(clean.image.view()), noisy_page(0.0), cv::NORM_INF) == 0.0);

        const auto noisy = gated.run(gray_image(noisy_page(12.0)).view());
        CHECK(noisy.report.denoised);
        CHECK(noisy.report.noise > 9.0);

        PreprocessOptions always = denoise_only();
        always.denoise_min_noise = 0.0F;
        CHECK(Preprocessor(always).run(gray_image(noisy_page(0.0)).view()).report.denoised);

        PreprocessOptions off = denoise_only();
        off.denoise = false;
        const auto skipped = Preprocessor(off).run(gray_image(noisy_page(12.0)).view());
        CHECK_FALSE(skipped.report.denoised);
        CHECK(skipped.report.noise == 0.0);
    }

    TEST_CASE("colour pages are measured in gray and denoised in colour") {
        cv::Mat rgb;
        cv::cvtColor(noisy_page(12.0, 400, 500), rgb, cv::COLOR_GRAY2RGB);
        const Image input = docextract::detail::image_from_mat(rgb, PixelFormat::rgb8);
        PreprocessOptions options = denoise_only();
        const auto result = Preprocessor(options).run(input.view());
        CHECK(result.report.denoised);
        CHECK(result.image.format() == PixelFormat::rgb8);
    }

    TEST_CASE("step 2 scales pages above max_pixels down and leaves the rest alone") {
        PreprocessOptions options = denoise_only();
        options.denoise = false;
        options.max_pixels = 2'000'000;
        const Preprocessor capped(options);

        const auto large = capped.run(gray_image(cv::Mat(2000, 1500, CV_8UC1, cv::Scalar(255))).view());
        const double pixels = static_cast<double>(large.image.width()) * large.image.height();
        CHECK(pixels <= 2'000'000);
        CHECK(pixels > 1'990'000);
        CHECK(large.report.scale < 1.0);
        CHECK(large.report.scale == doctest::Approx(large.image.height() / 2000.0));
        CHECK(large.image.width() == doctest::Approx(1500 * large.report.scale).epsilon(0.01));

        const auto small = capped.run(gray_image(cv::Mat(1000, 800, CV_8UC1, cv::Scalar(255))).view());
        CHECK(small.image.height() == 1000);
        CHECK(small.report.scale == 1.0);

        // Independent of the upscale switch, and 0 turns it off.
        options.upscale = true;
        options.min_height = 1000;
        const auto short_page =
            Preprocessor(options).run(gray_image(cv::Mat(500, 400, CV_8UC1, cv::Scalar(255))).view());
        CHECK(short_page.image.height() == 1000);
        options.max_pixels = 0;
        const auto uncapped =
            Preprocessor(options).run(gray_image(cv::Mat(2000, 1500, CV_8UC1, cv::Scalar(255))).view());
        CHECK(uncapped.image.height() == 2000);
    }

    TEST_CASE("defaults: pages over 9 million pixels come down, and the noise gate denoises only noisy pages") {
        const PreprocessOptions options;
        CHECK(options.max_pixels == 9'000'000);
        const auto large = Preprocessor(options).run(gray_image(cv::Mat(4000, 3000, CV_8UC1, cv::Scalar(255))).view());
        CHECK(static_cast<double>(large.image.width()) * large.image.height() <= 9'000'000.0);
        CHECK(large.report.scale == doctest::Approx(std::sqrt(0.75)).epsilon(0.01));
        CHECK(options.denoise_min_noise == 4.0F);
        const auto page = Preprocessor(options).run(gray_image(cv::Mat(1200, 900, CV_8UC1, cv::Scalar(255))).view());
        CHECK(page.image.height() == 1200);
        CHECK(page.report.scale == 1.0);
        CHECK_FALSE(page.report.denoised);
        CHECK(Preprocessor(options).run(gray_image(noisy_page(12.0)).view()).report.denoised);
    }

    TEST_CASE("invalid speed options throw invalid_argument") {
        const auto rejected = [](const PreprocessOptions& options) {
            try {
                const Preprocessor preprocessor(options);
            } catch (const docextract::Error& e) {
                return e.code() == docextract::ErrorCode::invalid_argument;
            }
            return false;
        };
        PreprocessOptions options;
        options.max_pixels = -1;
        CHECK(rejected(options));
        options = {};
        options.denoise_min_noise = -1.0F;
        CHECK(rejected(options));
        options.denoise_min_noise = std::numeric_limits<float>::quiet_NaN();
        CHECK(rejected(options));
        options = {};
        options.max_pixels = 0;
        options.denoise_min_noise = 0.0F;
        CHECK_FALSE(rejected(options));
    }

} // TEST_SUITE
