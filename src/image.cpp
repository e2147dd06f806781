// SPDX-License-Identifier: MIT
#include <docextract/error.hpp>
#include <docextract/image.hpp>

#include "preprocess/mat_view.hpp"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>
#include <limits>
#include <string>

namespace docextract {

namespace {

std::size_t packed_size(int width, int height, PixelFormat format) {
    if (width < 0 || height < 0) {
        throw Error(ErrorCode::invalid_argument,
                    "image size " + std::to_string(width) + "x" + std::to_string(height) + " is negative");
    }
    const auto bytes = static_cast<unsigned long long>(width) * static_cast<unsigned long long>(height) *
                       static_cast<unsigned long long>(bytes_per_pixel(format));
    if (bytes > static_cast<unsigned long long>(std::numeric_limits<std::ptrdiff_t>::max() / 2)) {
        throw Error(ErrorCode::limit_exceeded,
                    "image size " + std::to_string(width) + "x" + std::to_string(height) + " is too large");
    }
    return static_cast<std::size_t>(bytes);
}

} // namespace

Image::Image(int width, int height, PixelFormat format)
    : pixels_(packed_size(width, height, format), std::uint8_t{0}), width_(width), height_(height), format_(format) {
    if (pixels_.empty()) {
        width_ = 0;
        height_ = 0;
    }
}

Image Image::copy_of(const ImageView& view) {
    if (view.empty()) {
        return {};
    }
    Image image(view.width, view.height, view.format);
    const auto row_bytes = static_cast<std::size_t>(image.stride());
    if (view.stride < image.stride()) {
        throw Error(ErrorCode::invalid_argument, "image view stride " + std::to_string(view.stride) +
                                                     " is smaller than a row (" + std::to_string(row_bytes) +
                                                     " bytes)");
    }
    for (int y = 0; y < view.height; ++y) {
        std::memcpy(image.data() + static_cast<std::ptrdiff_t>(y) * image.stride(),
                    view.data + static_cast<std::ptrdiff_t>(y) * view.stride, row_bytes);
    }
    return image;
}

std::vector<std::uint8_t> encode_png(const ImageView& image) {
    if (image.empty()) {
        throw Error(ErrorCode::invalid_argument, "cannot encode an empty image as PNG");
    }
    try {
        const cv::Mat pixels = detail::mat_view(image);
        cv::Mat bgr;
        switch (image.format) {
        case PixelFormat::gray8:
            bgr = pixels;
            break;
        case PixelFormat::rgb8:
            cv::cvtColor(pixels, bgr, cv::COLOR_RGB2BGR);
            break;
        case PixelFormat::rgba8:
            cv::cvtColor(pixels, bgr, cv::COLOR_RGBA2BGRA);
            break;
        }
        std::vector<std::uint8_t> png;
        if (!cv::imencode(".png", bgr, png)) {
            throw Error(ErrorCode::invalid_argument, "PNG encoding failed");
        }
        return png;
    } catch (const cv::Exception& e) {
        throw Error(ErrorCode::invalid_argument, std::string("PNG encoding failed: ") + e.what());
    }
}

} // namespace docextract
