// SPDX-License-Identifier: MIT
#include <docextract/error.hpp>
#include <docextract/image.hpp>

#include <doctest/doctest.h>
#include <opencv2/imgcodecs.hpp>

#include <array>
#include <cstdint>
#include <vector>

using docextract::Image;
using docextract::ImageView;
using docextract::PixelFormat;

TEST_SUITE("image") {

    TEST_CASE("a new image is zero-filled and packed") {
        const Image image(5, 3, PixelFormat::rgb8);
        CHECK(image.width() == 5);
        CHECK(image.height() == 3);
        CHECK(image.stride() == 15);
        CHECK_FALSE(image.empty());
        for (std::ptrdiff_t i = 0; i < image.stride() * image.height(); ++i) {
            REQUIRE(image.data()[i] == 0);
        }
        CHECK(Image().empty());
        CHECK(Image(0, 7, PixelFormat::gray8).empty());
        CHECK_THROWS_AS(Image(-1, 3, PixelFormat::gray8), docextract::Error);
    }

    TEST_CASE("copy_of drops row padding and copies every pixel") {
        // 3x2 gray pixels in rows padded to 8 bytes.
        const std::array<std::uint8_t, 16> padded = {1, 2, 3, 99, 99, 99, 99, 99, 4, 5, 6, 99, 99, 99, 99, 99};
        const ImageView view{padded.data(), 3, 2, 8, PixelFormat::gray8};
        const Image copy = Image::copy_of(view);
        REQUIRE(copy.width() == 3);
        REQUIRE(copy.height() == 2);
        const std::vector<std::uint8_t> packed(copy.data(), copy.data() + 6);
        CHECK(packed == std::vector<std::uint8_t>{1, 2, 3, 4, 5, 6});
        CHECK(Image::copy_of(ImageView{}).empty());

        const ImageView too_narrow{padded.data(), 3, 2, 2, PixelFormat::gray8};
        CHECK_THROWS_AS((void)Image::copy_of(too_narrow), docextract::Error);
    }

    TEST_CASE("encode_png keeps size, format and channel order") {
        Image image(4, 2, PixelFormat::rgb8);
        image.data()[0] = 255;         // pixel (0,0) pure red
        image.data()[3 * 5 + 2] = 200; // pixel (1,1) blue 200
        const auto png = docextract::encode_png(image.view());
        REQUIRE(png.size() > 8);
        CHECK(png[1] == 'P');
        const cv::Mat decoded = cv::imdecode(png, cv::IMREAD_UNCHANGED);
        REQUIRE(decoded.cols == 4);
        REQUIRE(decoded.rows == 2);
        REQUIRE(decoded.channels() == 3);
        CHECK(decoded.at<cv::Vec3b>(0, 0) == cv::Vec3b(0, 0, 255)); // OpenCV is BGR
        CHECK(decoded.at<cv::Vec3b>(1, 1) == cv::Vec3b(200, 0, 0));

        const Image gray(3, 3, PixelFormat::gray8);
        CHECK(cv::imdecode(docextract::encode_png(gray.view()), cv::IMREAD_UNCHANGED).channels() == 1);
        const Image rgba(3, 3, PixelFormat::rgba8);
        CHECK(cv::imdecode(docextract::encode_png(rgba.view()), cv::IMREAD_UNCHANGED).channels() == 4);
    }

    TEST_CASE("encode_png rejects an empty image") {
        try {
            (void)docextract::encode_png(ImageView{});
            FAIL("expected an error");
        } catch (const docextract::Error& e) {
            CHECK(e.code() == docextract::ErrorCode::invalid_argument);
        }
    }

} // TEST_SUITE
