// SPDX-License-Identifier: MIT
#include <docextract/error.hpp>
#include <docextract/preprocess.hpp>

#include "fixture_pages.hpp"
#include "preprocess/mat_view.hpp"
#include "preprocess/page_outline.hpp"
#include "preprocess/steps.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

#include <array>
#include <cmath>

using docextract::detail::find_page_corners;
using docextract::detail::flatten_page;
using docextract::detail::PageCorners;

namespace {

/// A text page warped onto the given corners of a darker, textured table picture of the given size.
cv::Mat photographed(const cv::Mat& page, const PageCorners& corners, cv::Size picture) {
    cv::Mat table(picture, CV_8UC1);
    cv::randu(table, 60, 110);
    cv::GaussianBlur(table, table, cv::Size(5, 5), 0);
    const std::array<cv::Point2f, 4> source{cv::Point2f(0, 0), cv::Point2f(static_cast<float>(page.cols), 0),
                                            cv::Point2f(static_cast<float>(page.cols), static_cast<float>(page.rows)),
                                            cv::Point2f(0, static_cast<float>(page.rows))};
    const cv::Mat transform = cv::getPerspectiveTransform(source.data(), corners.data());
    cv::warpPerspective(page, table, transform, picture, cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
    return table;
}

double worst_corner_error(const PageCorners& found, const PageCorners& expected) {
    double worst = 0;
    for (std::size_t i = 0; i < found.size(); ++i) {
        worst =
            std::max(worst, static_cast<double>(std::hypot(found[i].x - expected[i].x, found[i].y - expected[i].y)));
    }
    return worst;
}

} // namespace

TEST_SUITE("page outline") {

    TEST_CASE("a page photographed at an angle on a table is found and flattened upright") {
        const cv::Mat page = fixture::text_page(800, 1100, 20);
        const PageCorners corners{cv::Point2f(180, 120), cv::Point2f(930, 170), cv::Point2f(990, 1290),
                                  cv::Point2f(110, 1250)};
        const cv::Mat picture = photographed(page, corners, cv::Size(1100, 1400));

        const auto found = find_page_corners(picture);
        REQUIRE(found.has_value());
        CHECK(worst_corner_error(*found, corners) < 12.0); // within about 1 % of the picture

        const cv::Mat flat = flatten_page(picture, *found);
        // The sides are the longer of each pair of opposite edges of the outline.
        CHECK(std::abs(flat.cols - 880) < 20);
        CHECK(std::abs(flat.rows - 1140) < 20);
        // No table is left: the border rows are paper.
        CHECK(cv::mean(flat.row(2))[0] > 200);
        CHECK(cv::mean(flat.col(flat.cols - 3))[0] > 200);
    }

    TEST_CASE("a scan that fills the picture, a blank picture or a small label give no outline") {
        CHECK_FALSE(find_page_corners(fixture::text_page(800, 1100, 20)).has_value());
        CHECK_FALSE(find_page_corners(cv::Mat(600, 400, CV_8UC1, cv::Scalar(255))).has_value());
        CHECK_FALSE(find_page_corners(cv::Mat()).has_value());
        CHECK_FALSE(find_page_corners(cv::Mat(600, 400, CV_8UC3, cv::Scalar::all(255))).has_value());

        const cv::Mat label = fixture::text_page(200, 150, 3);
        const PageCorners small{cv::Point2f(400, 500), cv::Point2f(600, 500), cv::Point2f(600, 650),
                                cv::Point2f(400, 650)};
        CHECK_FALSE(find_page_corners(photographed(label, small, cv::Size(1000, 1300))).has_value());
    }

    TEST_CASE("a page whose corner the frame cuts off is not flattened: its four corners are not the page's") {
        const cv::Mat page = fixture::text_page(800, 1100, 20);
        // The bottom-left corner lies outside the picture: the bright region has five corners.
        const PageCorners corners{cv::Point2f(120, 90), cv::Point2f(980, 110), cv::Point2f(1040, 1330),
                                  cv::Point2f(-260, 1290)};
        CHECK_FALSE(find_page_corners(photographed(page, corners, cv::Size(1100, 1400))).has_value());
    }

    TEST_CASE("a page turned 45 degrees on the table is cleaned without error") {
        const cv::Mat page = fixture::text_page(700, 700, 12);
        const PageCorners diamond{cv::Point2f(550, 100), cv::Point2f(1000, 550), cv::Point2f(550, 1000),
                                  cv::Point2f(100, 550)};
        const cv::Mat picture = photographed(page, diamond, cv::Size(1100, 1100));
        const auto found = find_page_corners(picture);
        if (found) { // when an outline is given, its four corners are distinct and it can be flattened
            CHECK_NOTHROW((void)flatten_page(picture, *found));
        }
        docextract::PreprocessOptions options;
        options.denoise = false;
        CHECK_NOTHROW((void)docextract::Preprocessor(options).run(
            docextract::detail::image_from_mat(picture, docextract::PixelFormat::gray8).view()));
    }

    TEST_CASE("a scan with a dark header band is not cut: the outline shares three sides with the frame") {
        cv::Mat page = fixture::text_page(1000, 1400, 20);
        page.rowRange(0, 150).setTo(cv::Scalar(40));
        CHECK_FALSE(find_page_corners(page).has_value());
    }

    TEST_CASE("the preprocessor cuts the page out before measuring skew, and reports it") {
        const cv::Mat page = fixture::text_page(800, 1100, 20);
        const PageCorners corners{cv::Point2f(150, 140), cv::Point2f(950, 110), cv::Point2f(1000, 1230),
                                  cv::Point2f(120, 1260)};
        const cv::Mat picture = photographed(page, corners, cv::Size(1100, 1400));
        const docextract::Image input = docextract::detail::image_from_mat(picture, docextract::PixelFormat::gray8);

        docextract::PreprocessOptions options;
        options.denoise = false;
        options.min_text_height = 0; // the fixture's print is small; its scaling is tested in test_small_text.cpp
        const auto result = docextract::Preprocessor(options).run(input.view());
        CHECK(result.report.page_found);
        CHECK(std::abs(result.image.height() - 1150) < 40);

        options.find_page = false;
        const auto kept = docextract::Preprocessor(options).run(input.view());
        CHECK_FALSE(kept.report.page_found);
        CHECK(kept.image.height() >= 1400);
    }

    TEST_CASE("a page cut out of a photo is scaled up to min_page_height, a scan filling the frame is not") {
        const cv::Mat page = fixture::text_page(800, 1100, 20);
        const PageCorners corners{cv::Point2f(150, 140), cv::Point2f(950, 110), cv::Point2f(1000, 1230),
                                  cv::Point2f(120, 1260)};
        const docextract::Image photo = docextract::detail::image_from_mat(
            photographed(page, corners, cv::Size(1100, 1400)), docextract::PixelFormat::gray8);
        docextract::PreprocessOptions options;
        options.denoise = false;
        options.min_text_height = 0; // the fixture's print is small; its scaling is tested in test_small_text.cpp
        options.min_page_height = 2000;
        const auto result = docextract::Preprocessor(options).run(photo.view());
        REQUIRE(result.report.page_found);
        CHECK(result.image.height() == 2000);
        CHECK(result.report.scale > 1.6);
        // The frame of a scan is no page of its own: min_page_height leaves it as step 2 made it.
        const docextract::Image scan = docextract::detail::image_from_mat(page, docextract::PixelFormat::gray8);
        const auto plain = docextract::Preprocessor(options).run(scan.view());
        CHECK_FALSE(plain.report.page_found);
        CHECK(plain.image.height() == 1100);
        options.min_page_height = -1;
        CHECK_THROWS_AS(docextract::Preprocessor{options}, docextract::Error);
    }

    TEST_CASE("flattening turns uneven light into white paper and keeps the ink dark") {
        cv::Mat page = fixture::text_page(900, 1200, 20);
        cv::Mat shade(page.size(), CV_8UC1);
        for (int x = 0; x < shade.cols; ++x) {
            shade.col(x).setTo(cv::Scalar(255 - 130 * x / shade.cols)); // light from the left
        }
        cv::Mat lit;
        cv::multiply(page, shade, lit, 1.0 / 255.0);
        const cv::Mat paper = page > 250;
        const cv::Mat ink = page < 50;
        REQUIRE(cv::countNonZero(ink) > 1000);

        cv::Mat flat = lit.clone();
        docextract::detail::normalize_background(flat);
        cv::Scalar before_mean;
        cv::Scalar before_sd;
        cv::meanStdDev(lit, before_mean, before_sd, paper);
        cv::Scalar after_mean;
        cv::Scalar after_sd;
        cv::meanStdDev(flat, after_mean, after_sd, paper);
        CHECK(before_sd[0] > 30.0);
        CHECK(after_mean[0] > 240.0);
        CHECK(after_sd[0] < 10.0);
        CHECK(cv::mean(flat, ink)[0] < 60.0);
    }
}
