// SPDX-License-Identifier: MIT
// What the cleaning does for phone photos and poor scans: isolated dots removed, small text scaled up.
#include <docextract/preprocess.hpp>

#include "fixture_pages.hpp"
#include "preprocess/dots.hpp"
#include "preprocess/mat_view.hpp"
#include "preprocess/text_size.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

using docextract::PixelFormat;
using docextract::PreprocessOptions;
using docextract::Preprocessor;
using docextract::detail::estimate_text_height;
using docextract::detail::remove_dots;

namespace {

/// The page with `count` single pixels set to black at random places.
cv::Mat with_dots(cv::Mat page, int count) {
    cv::RNG rng(7);
    for (int i = 0; i < count; ++i) {
        page.at<std::uint8_t>(rng.uniform(1, page.rows - 1), rng.uniform(1, page.cols - 1)) = 0;
    }
    return page;
}

docextract::Image gray_image(const cv::Mat& mat) {
    return docextract::detail::image_from_mat(mat, PixelFormat::gray8);
}

/// Only the text-size part of step 2: no other step runs.
PreprocessOptions text_scaling_only(int min_text_height) {
    PreprocessOptions options;
    options.grayscale = false;
    options.min_height = 1;
    options.min_text_height = min_text_height;
    options.denoise = false;
    options.deskew = false;
    options.threshold = false;
    return options;
}

} // namespace

TEST_SUITE("small text") {

    TEST_CASE("text height grows with the size of the print and is 0 without print") {
        const double small = estimate_text_height(fixture::text_page(700, 1000, 20));
        const double large = estimate_text_height(fixture::text_page(2100, 3000, 20));
        CHECK(small >= 5.0);
        CHECK(small <= 16.0);
        CHECK(large == doctest::Approx(3.0 * small).epsilon(0.25));
        CHECK(estimate_text_height(cv::Mat(800, 600, CV_8UC1, cv::Scalar(255))) == 0.0);
        CHECK(estimate_text_height(cv::Mat(10, 10, CV_8UC1, cv::Scalar(0))) == 0.0);
    }

    TEST_CASE("dots of impulse noise are removed, print is not touched") {
        const cv::Mat clean = fixture::text_page(1400, 1000, 12);
        cv::Mat page = clean;
        CHECK(remove_dots(page) == 0);
        CHECK(page.data == clean.data); // nothing to remove: the page is not even copied

        // A white dot in black ink (salt) goes as well as a black one on paper (pepper).
        cv::Mat salt(20, 20, CV_8UC1, cv::Scalar(0));
        salt.at<std::uint8_t>(10, 10) = 255;
        CHECK(remove_dots(salt) == 1);
        CHECK(cv::countNonZero(salt) == 0);

        const cv::Mat noisy = with_dots(clean.clone(), 2000);
        cv::Mat cleaned = noisy;
        const std::size_t removed = remove_dots(cleaned);
        CHECK(removed >= 1800); // a few fell on ink or beside another dot
        CHECK(removed <= 2000);
        CHECK(cleaned.data != noisy.data); // the input is left as it was
        // Where no dot fell, not a pixel changed; where one did, the page is (nearly) the clean one again.
        cv::Mat changed;
        cv::absdiff(cleaned, clean, changed);
        CHECK(cv::countNonZero(changed > 64) < 100);
    }

    TEST_CASE("a page of small text is scaled up to min_text_height, at most three times") {
        const cv::Mat small = fixture::text_page(700, 1000, 20);
        const Preprocessor preprocessor(text_scaling_only(20));
        const auto result = preprocessor.run(gray_image(small).view());
        const double measured = result.report.text_height;
        REQUIRE(measured > 0.0);
        CHECK(result.report.scale == doctest::Approx(std::min(3.0, 20.0 / measured)).epsilon(0.01));
        CHECK(result.image.height() == static_cast<int>(std::lround(1000 * result.report.scale)));

        // Large print is left as it is, and 0 turns the measurement off.
        const cv::Mat large = fixture::text_page(2800, 2000, 20);
        const auto big = Preprocessor(text_scaling_only(20)).run(gray_image(large).view());
        CHECK(big.report.scale == 1.0);
        const auto off = Preprocessor(text_scaling_only(0)).run(gray_image(small).view());
        CHECK(off.report.scale == 1.0);
        CHECK(off.report.text_height == 0.0);
    }

    TEST_CASE("small text is scaled within max_pixels") {
        PreprocessOptions options = text_scaling_only(40);
        options.max_pixels = 1'400'000; // the page has 700'000: at most sqrt(2) larger
        const auto result = Preprocessor(options).run(gray_image(fixture::text_page(700, 1000, 20)).view());
        CHECK(result.report.scale > 1.0);
        CHECK(static_cast<double>(result.image.width()) * result.image.height() <= 1'400'000 * 1.01);
    }

    TEST_CASE("min_text_height is checked") {
        PreprocessOptions options;
        options.min_text_height = -1;
        CHECK_THROWS(Preprocessor(options));
        options.min_text_height = 1001;
        CHECK_THROWS(Preprocessor(options));
    }
}
