// SPDX-License-Identifier: MIT
#include <docextract/error.hpp>
#include <docextract/preprocess.hpp>

#include "fixture_pages.hpp"
#include "preprocess/deskew.hpp"
#include "preprocess/mat_view.hpp"
#include "preprocess/steps.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

#include <cmath>

using docextract::Image;
using docextract::PixelFormat;
using docextract::PreprocessOptions;
using docextract::Preprocessor;

namespace {

Image gray_image(const cv::Mat& mat) {
    return docextract::detail::image_from_mat(mat, PixelFormat::gray8);
}

cv::Mat as_mat(const Image& image) {
    return docextract::detail::mat_view(image.view());
}

/// Options with every step off; cases switch on what they test.
PreprocessOptions nothing() {
    PreprocessOptions options;
    options.grayscale = false;
    options.upscale = false;
    options.denoise = false;
    options.deskew = false;
    options.threshold = false;
    return options;
}

bool is_binary(const cv::Mat& mat) {
    cv::Mat middle;
    cv::inRange(mat, 1, 254, middle);
    return cv::countNonZero(middle) == 0;
}

} // namespace

TEST_SUITE("preprocess") {

    TEST_CASE("deskew measures and corrects a known rotation") {
        const cv::Mat page = fixture::text_page(1240, 1754, 18);
        for (const double angle : {3.0, -4.5, 1.2, -0.7}) {
            CAPTURE(angle);
            const cv::Mat skewed = fixture::rotated(page, angle);
            const auto estimate = docextract::detail::estimate_skew(skewed, 18.0);
            CHECK(estimate.reliable);
            CHECK(std::abs(estimate.degrees - angle) < 0.5);

            PreprocessOptions options = nothing();
            options.deskew = true;
            const auto result = Preprocessor(options).run(gray_image(skewed).view());
            CHECK(std::abs(result.report.skew_degrees - angle) < 0.5);
            CHECK(result.report.skew_corrected);
            const auto again = docextract::detail::estimate_skew(as_mat(result.image), 18.0);
            CHECK(std::abs(again.degrees) < 0.5);
        }
        const auto straight = docextract::detail::estimate_skew(page, 18.0);
        CHECK(std::abs(straight.degrees) < 0.2);
    }

    TEST_CASE("deskew leaves small and excessive angles alone") {
        const cv::Mat page = fixture::text_page(1000, 1400, 14);
        PreprocessOptions options = nothing();
        options.deskew = true;
        options.min_skew_degrees = 2.0;
        options.max_skew_degrees = 5.0;
        const Preprocessor preprocessor(options);

        const auto small = preprocessor.run(gray_image(fixture::rotated(page, 1.0)).view());
        CHECK(std::abs(small.report.skew_degrees - 1.0) < 0.5);
        CHECK_FALSE(small.report.skew_corrected);
        CHECK(small.image.width() == 1000); // untouched

        const auto large = preprocessor.run(gray_image(fixture::rotated(page, 7.0)).view());
        CHECK(std::abs(large.report.skew_degrees - 7.0) < 0.5);
        CHECK_FALSE(large.report.skew_corrected);

        const auto blank = preprocessor.run(gray_image(cv::Mat(800, 600, CV_8UC1, cv::Scalar(255))).view());
        CHECK(blank.report.skew_degrees == 0.0);
        CHECK_FALSE(blank.report.skew_corrected);
    }

    TEST_CASE("only pages shorter than min_height are scaled up") {
        PreprocessOptions options = nothing();
        options.upscale = true;
        const Preprocessor preprocessor(options);
        const auto short_page = preprocessor.run(gray_image(cv::Mat(999, 500, CV_8UC1, cv::Scalar(255))).view());
        CHECK(short_page.image.height() == 1000);
        CHECK(short_page.image.width() == 501);
        CHECK(short_page.report.scale == doctest::Approx(1000.0 / 999.0));
        const auto tall_page = preprocessor.run(gray_image(cv::Mat(1200, 500, CV_8UC1, cv::Scalar(255))).view());
        CHECK(tall_page.image.height() == 1200);
        CHECK(tall_page.report.scale == 1.0);
        const auto tiny = preprocessor.run(gray_image(cv::Mat(250, 100, CV_8UC1, cv::Scalar(255))).view());
        CHECK(tiny.image.height() == 1000);
        CHECK(tiny.image.width() == 400);
        CHECK(tiny.report.scale == doctest::Approx(4.0));
    }

    TEST_CASE("the full chain turns a noisy colour page into white paper with dark text") {
        cv::Mat gray = fixture::rotated(fixture::text_page(600, 800, 10), 2.0);
        cv::Mat rgb;
        cv::cvtColor(gray, rgb, cv::COLOR_GRAY2RGB);
        rgb.setTo(cv::Scalar(230, 220, 160), gray > 250); // yellowish paper
        cv::Mat noise(gray.size(), CV_8UC3);
        cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(12));
        cv::Mat noisy;
        cv::add(rgb, noise, noisy, cv::noArray(), CV_8UC3);
        const Image input = docextract::detail::image_from_mat(noisy, PixelFormat::rgb8);

        PreprocessOptions options; // all steps on; a lower min_height keeps the denoiser quick
        options.min_height = 700;
        const auto result = Preprocessor(options).run(input.view());
        CHECK(result.image.format() == PixelFormat::gray8);
        CHECK(result.report.noise > 4.0);
        CHECK(result.report.denoised);
        CHECK(result.report.thresholded);
        CHECK(result.report.skew_corrected);
        CHECK_FALSE(result.report.page_found); // the page fills the picture
        CHECK(std::abs(result.report.skew_degrees - 2.0) < 0.5);
        CHECK(result.report.text_height > 0.0);
        CHECK(result.report.scale > 1.5); // its print (under 10 px) is scaled up towards min_text_height
        CHECK(result.report.denoise_ms > 0.0);
        CHECK(result.report.deskew_ms > 0.0);
        // The yellowish paper (gray about 215) is flattened to white; the text stays black.
        const cv::Mat out = as_mat(result.image);
        const double white = cv::countNonZero(out >= 245) / static_cast<double>(out.total());
        const double ink = cv::countNonZero(out <= 128) / static_cast<double>(out.total());
        double darkest = 0;
        cv::minMaxLoc(out, &darkest);
        CHECK(white > 0.85);
        CHECK(ink > 0.005);
        CHECK(darkest < 40);

        options.threshold_method = docextract::ThresholdMethod::adaptive_binary;
        const auto binary = Preprocessor(options).run(input.view());
        CHECK(is_binary(as_mat(binary.image)));
        const double binary_white =
            cv::countNonZero(as_mat(binary.image)) / static_cast<double>(binary.image.width() * binary.image.height());
        CHECK(binary_white > 0.85);
        CHECK(binary_white < 0.999);
    }

    TEST_CASE("stretch_ink turns light print beside a black bar into black, and only when asked") {
        // Light thermal print (gray 150) on paper (245), with a black scan border along the bottom. The typical ink
        // is the median ink pixel: the print, as long as it outweighs the black (it does on real receipts).
        cv::Mat page(800, 600, CV_8UC1, cv::Scalar(245));
        page.setTo(cv::Scalar(150), fixture::text_page(600, 800, 12) < 128);
        page(cv::Rect(0, 796, 600, 4)).setTo(cv::Scalar(0));
        const cv::Mat print_mask = fixture::text_page(600, 800, 12) < 128;
        const Image input = gray_image(page);

        PreprocessOptions options = nothing();
        options.threshold = true; // flatten only
        const cv::Mat plain = as_mat(Preprocessor(options).run(input.view()).image).clone();
        options.stretch_ink = true;
        const cv::Mat stretched = as_mat(Preprocessor(options).run(input.view()).image).clone();
        // Without the option the print keeps its gray; with it the print is black and the paper white.
        CHECK(cv::mean(plain, print_mask)[0] > 120.0);
        CHECK(cv::mean(stretched, print_mask)[0] < 40.0);
        CHECK(cv::mean(stretched, ~print_mask)[0] > 230.0);

        // A blank page has no ink to measure: it is left as it is.
        cv::Mat blank(400, 300, CV_8UC1, cv::Scalar(200));
        const cv::Mat before = blank.clone();
        docextract::detail::stretch_ink(blank);
        CHECK(cv::countNonZero(blank != before) == 0);
    }

    TEST_CASE("grayscale step converts RGB and flattens RGBA onto white") {
        PreprocessOptions options = nothing();
        options.grayscale = true;
        const Preprocessor preprocessor(options);
        Image rgb(4, 4, PixelFormat::rgb8);
        std::fill(rgb.data(), rgb.data() + 48, std::uint8_t{255});
        rgb.data()[0] = 0; // pixel 0: (0, 255, 255)
        const auto gray = preprocessor.run(rgb.view());
        REQUIRE(gray.image.format() == PixelFormat::gray8);
        CHECK(gray.image.data()[5] == 255);
        CHECK(gray.image.data()[0] < 255);

        Image rgba(2, 1, PixelFormat::rgba8); // transparent black, then opaque black
        rgba.data()[7] = 255;
        const auto flat = preprocessor.run(rgba.view());
        REQUIRE(flat.image.format() == PixelFormat::gray8);
        CHECK(flat.image.data()[0] == 255);
        CHECK(flat.image.data()[1] == 0);
    }

    TEST_CASE("each step can be switched off") {
        const cv::Mat page = fixture::rotated(fixture::text_page(600, 800, 8), 3.0);
        cv::Mat rgb;
        cv::cvtColor(page, rgb, cv::COLOR_GRAY2RGB);
        const Image input = docextract::detail::image_from_mat(rgb, PixelFormat::rgb8);

        const auto none = Preprocessor(nothing()).run(input.view());
        CHECK(none.image.format() == PixelFormat::rgb8);
        CHECK(none.image.width() == 600);
        CHECK(none.image.height() == 800);
        CHECK(std::equal(none.image.data(), none.image.data() + 600 * 800 * 3, input.data()));
        CHECK_FALSE(none.report.denoised);
        CHECK_FALSE(none.report.thresholded);
        CHECK_FALSE(none.report.skew_corrected);
        CHECK(none.report.scale == 1.0);

        PreprocessOptions all;
        all.upscale = false;
        all.denoise = false;
        all.threshold = false;
        all.deskew = false;
        const auto gray_only = Preprocessor(all).run(input.view());
        CHECK(gray_only.image.format() == PixelFormat::gray8);
        CHECK(cv::norm(as_mat(gray_only.image), page, cv::NORM_INF) <= 1.0);

        all.threshold = true;
        all.grayscale = false; // thresholding still needs gray and produces it
        const auto threshold_only = Preprocessor(all).run(input.view());
        CHECK(threshold_only.image.format() == PixelFormat::gray8);
        CHECK_FALSE(is_binary(as_mat(threshold_only.image))); // flattened: ink keeps its gray edges
        CHECK(threshold_only.report.grayscale_ms == 0.0);
        all.threshold_method = docextract::ThresholdMethod::adaptive_binary;
        CHECK(is_binary(as_mat(Preprocessor(all).run(input.view()).image)));

        PreprocessOptions no_deskew;
        no_deskew.deskew = false;
        no_deskew.denoise = false;
        no_deskew.min_text_height = 0; // min_height alone
        const auto kept = Preprocessor(no_deskew).run(input.view());
        CHECK_FALSE(kept.report.skew_corrected);
        CHECK(kept.report.skew_degrees == 0.0);
        CHECK(kept.image.height() == 1000); // upscaled from 800
        CHECK(kept.report.scale == doctest::Approx(1.25));
    }

    TEST_CASE("denoising removes speckle noise") {
        cv::Mat page(300, 300, CV_8UC1, cv::Scalar(200));
        cv::Mat noise(page.size(), CV_8UC1);
        cv::randn(noise, 0, 20);
        cv::Mat noisy = page + noise;
        PreprocessOptions options = nothing();
        options.denoise = true;
        const auto result = Preprocessor(options).run(gray_image(noisy).view());
        CHECK(result.report.denoised);
        cv::Scalar mean_before;
        cv::Scalar sd_before;
        cv::meanStdDev(noisy, mean_before, sd_before);
        cv::Scalar mean_after;
        cv::Scalar sd_after;
        cv::meanStdDev(as_mat(result.image), mean_after, sd_after);
        CHECK(sd_after[0] < sd_before[0] / 2);
    }

    TEST_CASE("invalid options throw invalid_argument") {
        const auto code_for = [](PreprocessOptions options) {
            try {
                const Preprocessor preprocessor(options);
            } catch (const docextract::Error& e) {
                return e.code();
            }
            FAIL("expected an error");
            return docextract::ErrorCode::io_error;
        };
        PreprocessOptions options;
        options.threshold_block_size = 30;
        CHECK(code_for(options) == docextract::ErrorCode::invalid_argument);
        options.threshold_block_size = 1;
        CHECK(code_for(options) == docextract::ErrorCode::invalid_argument);
        options.threshold_block_size = -3;
        CHECK(code_for(options) == docextract::ErrorCode::invalid_argument);
        options = {};
        options.min_height = 0;
        CHECK(code_for(options) == docextract::ErrorCode::invalid_argument);
        options = {};
        options.min_skew_degrees = 20;
        CHECK(code_for(options) == docextract::ErrorCode::invalid_argument);
        options = {};
        options.threshold_block_size = 3;
        CHECK_NOTHROW(Preprocessor{options});
        CHECK_THROWS_AS((void)Preprocessor().run(docextract::ImageView{}), docextract::Error);
    }

} // TEST_SUITE
