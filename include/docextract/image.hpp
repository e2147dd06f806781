// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/export.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace docextract {

/// Pixel layout of an image buffer.
enum class PixelFormat {
    gray8, ///< One byte per pixel, 0 = black.
    rgb8,  ///< Three bytes per pixel, red first.
    rgba8, ///< Four bytes per pixel, red first, alpha last.
};

/// Bytes per pixel of a format.
[[nodiscard]] constexpr int bytes_per_pixel(PixelFormat format) noexcept {
    return format == PixelFormat::gray8 ? 1 : format == PixelFormat::rgb8 ? 3 : 4;
}

/// A non-owning view of pixels: pointer plus layout. The pixels must outlive the view.
struct ImageView {
    const std::uint8_t* data = nullptr;      ///< First byte of the top row.
    int width = 0;                           ///< Width in pixels.
    int height = 0;                          ///< Height in pixels.
    std::ptrdiff_t stride = 0;               ///< Bytes from one row to the next.
    PixelFormat format = PixelFormat::gray8; ///< Pixel layout.

    /// True when the view has no pixels.
    [[nodiscard]] bool empty() const noexcept { return data == nullptr || width <= 0 || height <= 0; }
};

/// An image that owns its pixels, rows packed without padding.
class DOCEXTRACT_API Image {
public:
    /// Creates an empty image.
    Image() = default;
    /// Creates a zero-filled image of the given size and format.
    Image(int width, int height, PixelFormat format);
    /// Copies the pixels of a view.
    static Image copy_of(const ImageView& view);

    /// Width in pixels.
    [[nodiscard]] int width() const noexcept { return width_; }
    /// Height in pixels.
    [[nodiscard]] int height() const noexcept { return height_; }
    /// Pixel layout.
    [[nodiscard]] PixelFormat format() const noexcept { return format_; }
    /// True when the image has no pixels.
    [[nodiscard]] bool empty() const noexcept { return pixels_.empty(); }
    /// Mutable access to the packed pixel bytes.
    [[nodiscard]] std::uint8_t* data() noexcept { return pixels_.data(); }
    /// Read access to the packed pixel bytes.
    [[nodiscard]] const std::uint8_t* data() const noexcept { return pixels_.data(); }
    /// Bytes per row.
    [[nodiscard]] std::ptrdiff_t stride() const noexcept {
        return static_cast<std::ptrdiff_t>(width_) * bytes_per_pixel(format_);
    }
    /// A view of the whole image.
    [[nodiscard]] ImageView view() const noexcept { return {pixels_.data(), width_, height_, stride(), format_}; }

private:
    std::vector<std::uint8_t> pixels_;
    int width_ = 0;
    int height_ = 0;
    PixelFormat format_ = PixelFormat::gray8;
};

/// Encodes an image as PNG bytes (for previews); throws Error on failure.
DOCEXTRACT_API std::vector<std::uint8_t> encode_png(const ImageView& image);

} // namespace docextract
