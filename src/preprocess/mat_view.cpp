// SPDX-License-Identifier: MIT
#include "preprocess/mat_view.hpp"

#include <docextract/error.hpp>

#include <string>

namespace docextract::detail {

cv::Mat mat_view(const ImageView& view) {
    if (view.empty()) {
        throw Error(ErrorCode::invalid_argument, "empty image");
    }
    const int channels = bytes_per_pixel(view.format);
    const auto row_bytes = static_cast<std::ptrdiff_t>(view.width) * channels;
    if (view.stride < row_bytes) {
        throw Error(ErrorCode::invalid_argument, "image stride " + std::to_string(view.stride) +
                                                     " is smaller than a row (" + std::to_string(row_bytes) +
                                                     " bytes)");
    }
    // OpenCV takes a non-const pointer; the returned header is only ever read from.
    auto* data = const_cast<std::uint8_t*>(view.data);
    return {view.height, view.width, CV_8UC(channels), data, static_cast<std::size_t>(view.stride)};
}

PixelFormat format_for_channels(int channels) {
    switch (channels) {
    case 1:
        return PixelFormat::gray8;
    case 3:
        return PixelFormat::rgb8;
    case 4:
        return PixelFormat::rgba8;
    default:
        throw Error(ErrorCode::invalid_argument, "unsupported channel count " + std::to_string(channels));
    }
}

Image image_from_mat(const cv::Mat& mat, PixelFormat format) {
    if (mat.empty()) {
        return {};
    }
    if (mat.depth() != CV_8U || mat.channels() != bytes_per_pixel(format) || mat.dims != 2) {
        throw Error(ErrorCode::invalid_argument, "matrix does not match the image format");
    }
    Image image(mat.cols, mat.rows, format);
    cv::Mat target(mat.rows, mat.cols, mat.type(), image.data(), static_cast<std::size_t>(image.stride()));
    mat.copyTo(target);
    return image;
}

} // namespace docextract::detail
