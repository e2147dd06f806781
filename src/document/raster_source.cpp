// SPDX-License-Identifier: MIT
// PNG and JPEG pages, decoded with OpenCV.

#include "document/image_header.hpp"
#include "document/page_source.hpp"
#include "preprocess/mat_view.hpp"

#include <docextract/error.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <climits>
#include <cstdint>
#include <string>
#include <utility>

namespace docextract::detail {

namespace {

/// What libjpeg produces at 1/`reduction` size (it rounds up).
ImageSize reduced(ImageSize size, int reduction) {
    size.width = (size.width + reduction - 1) / reduction;
    size.height = (size.height + reduction - 1) / reduction;
    return size;
}

/// The JPEG decoding flags: gray or colour, and the largest of libjpeg's reductions (1/2, 1/4, 1/8) that keeps at
/// least decode_min_pixels pixels, or a larger one when the page would otherwise take more than max_page_bytes.
/// `size` becomes the size decoded.
int jpeg_flags(ImageSize& size, const LoadOptions& options) {
    if (options.gray) {
        size.channels = 1;
    }
    const double pixels = static_cast<double>(size.width) * static_cast<double>(size.height);
    const double floor = static_cast<double>(options.decode_min_pixels);
    int reduction = 1;
    while (floor > 0 && reduction < 8 && pixels / (4.0 * reduction * reduction) >= floor) {
        reduction *= 2;
    }
    while (reduction < 8 && decoded_bytes(reduced(size, reduction)) > options.max_page_bytes) {
        reduction *= 2;
    }
    size = reduced(size, reduction);
    // Not IMREAD_UNCHANGED: OpenCV applies the EXIF orientation for every other flag combination. Gray straight
    // from the decoder lets libjpeg skip the colour conversion and the RGB buffer.
    switch (reduction) {
    case 2:
        return options.gray ? cv::IMREAD_REDUCED_GRAYSCALE_2 : cv::IMREAD_REDUCED_COLOR_2;
    case 4:
        return options.gray ? cv::IMREAD_REDUCED_GRAYSCALE_4 : cv::IMREAD_REDUCED_COLOR_4;
    case 8:
        return options.gray ? cv::IMREAD_REDUCED_GRAYSCALE_8 : cv::IMREAD_REDUCED_COLOR_8;
    default:
        return options.gray ? cv::IMREAD_GRAYSCALE : cv::IMREAD_ANYCOLOR | cv::IMREAD_ANYDEPTH;
    }
}

/// A single decoded image; the compressed bytes are not kept once decoded.
class RasterSource final : public PageSource {
public:
    explicit RasterSource(Image image) : image_(std::move(image)) {}

    [[nodiscard]] int page_count() const noexcept override { return 1; }
    [[nodiscard]] Image render_page(int /*index*/) const override { return image_; }

private:
    Image image_;
};

/// Converts what cv::imdecode returns (BGR order, 8 or 16 bit) to a packed gray8/rgb8/rgba8 Image; colour
/// without alpha becomes gray8 when `gray` is set.
Image normalise(const cv::Mat& decoded, bool gray, const std::string& name) {
    cv::Mat eight_bit;
    if (decoded.depth() == CV_8U) {
        eight_bit = decoded;
    } else if (decoded.depth() == CV_16U) {
        decoded.convertTo(eight_bit, CV_8U, 1.0 / 257.0);
    } else {
        throw Error(ErrorCode::unsupported_format, name + ": unsupported sample depth");
    }
    cv::Mat converted;
    switch (eight_bit.channels()) {
    case 1:
        return image_from_mat(eight_bit, PixelFormat::gray8);
    case 3:
        if (gray) {
            cv::cvtColor(eight_bit, converted, cv::COLOR_BGR2GRAY);
            return image_from_mat(converted, PixelFormat::gray8);
        }
        cv::cvtColor(eight_bit, converted, cv::COLOR_BGR2RGB);
        return image_from_mat(converted, PixelFormat::rgb8);
    case 4:
        cv::cvtColor(eight_bit, converted, cv::COLOR_BGRA2RGBA);
        return image_from_mat(converted, PixelFormat::rgba8);
    default:
        throw Error(ErrorCode::unsupported_format,
                    name + ": unsupported channel count " + std::to_string(eight_bit.channels()));
    }
}

} // namespace

std::unique_ptr<PageSource> open_raster(std::vector<std::byte> bytes, DocumentType type, const std::string& name,
                                        const LoadOptions& options) {
    const std::string kind(to_string(type));
    ImageSize size;
    int flags = cv::IMREAD_UNCHANGED; // PNG: keep gray, alpha and 16-bit as stored
    if (type == DocumentType::png) {
        size = read_png_size(bytes, name);
    } else {
        const JpegHeader header = read_jpeg_header(bytes, name);
        if (!header.has_end_marker) {
            throw Error(ErrorCode::corrupt_input, name + ": JPEG data is truncated (no end-of-image marker)");
        }
        size = header.size;
        LoadOptions pixels_only = options; // the byte limit applies to the size decoded, checked below
        pixels_only.max_page_bytes = INT64_MAX;
        check_page_size(size, pixels_only, name, 0);
        flags = jpeg_flags(size, options);
    }
    check_page_size(size, options, name, 0); // for a JPEG: the size it is decoded at
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        throw Error(ErrorCode::limit_exceeded, name + ": " + kind + " data is larger than 2 GiB");
    }
    cv::Mat decoded;
    try {
        const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, bytes.data());
        decoded = cv::imdecode(buffer, flags);
    } catch (const cv::Exception& e) {
        throw Error(ErrorCode::corrupt_input, name + ": " + kind + " data could not be decoded: " + e.what());
    }
    if (decoded.empty()) {
        throw Error(ErrorCode::corrupt_input, name + ": " + kind + " data could not be decoded (corrupt or truncated)");
    }
    try {
        return std::make_unique<RasterSource>(normalise(decoded, options.gray, name));
    } catch (const cv::Exception& e) {
        throw Error(ErrorCode::corrupt_input, name + ": " + kind + " pixels could not be converted: " + e.what());
    }
}

} // namespace docextract::detail
