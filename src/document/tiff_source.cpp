// SPDX-License-Identifier: MIT
// TIFF pages (single and multi-page), decoded with Leptonica.

#include "document/image_header.hpp"
#include "document/page_source.hpp"

#include <docextract/error.hpp>

#include <leptonica/allheaders.h>

#include <memory>
#include <string>
#include <utility>

namespace docextract::detail {

namespace {

struct PixDeleter {
    void operator()(PIX* pix) const noexcept { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

/// Byte `index` of a row of 32-bit words, in Leptonica's big-endian-within-word order.
std::uint8_t sample(const l_uint32* row, int index) {
    const auto word = row[index / 4];
    return static_cast<std::uint8_t>(word >> (24U - 8U * static_cast<unsigned>(index % 4)));
}

/// Brings any Leptonica image to 8-bit gray or 32-bit colour without a colour map.
PixPtr to_gray8_or_rgb32(PIX* pix) {
    PixPtr current(pixClone(pix));
    if (pixGetColormap(current.get()) != nullptr) {
        current.reset(pixRemoveColormap(current.get(), REMOVE_CMAP_BASED_ON_SRC));
    }
    if (!current) {
        return current;
    }
    switch (pixGetDepth(current.get())) {
    case 8:
    case 32:
        return current;
    case 16:
        return PixPtr(pixConvert16To8(current.get(), L_MS_BYTE));
    default: // 1, 2, 4 bpp: pixConvertTo8 maps 1 to black as the other formats do
        return PixPtr(pixConvertTo8(current.get(), 0));
    }
}

Image image_from_pix(PIX* pix) {
    const int width = pixGetWidth(pix);
    const int height = pixGetHeight(pix);
    const int wpl = pixGetWpl(pix);
    const l_uint32* data = pixGetData(pix);
    if (pixGetDepth(pix) == 8) {
        Image image(width, height, PixelFormat::gray8);
        for (int y = 0; y < height; ++y) {
            const l_uint32* row = data + static_cast<std::ptrdiff_t>(y) * wpl;
            std::uint8_t* out = image.data() + static_cast<std::ptrdiff_t>(y) * image.stride();
            for (int x = 0; x < width; ++x) {
                out[x] = sample(row, x);
            }
        }
        return image;
    }
    const bool alpha = pixGetSpp(pix) == 4;
    Image image(width, height, alpha ? PixelFormat::rgba8 : PixelFormat::rgb8);
    const int channels = bytes_per_pixel(image.format());
    for (int y = 0; y < height; ++y) {
        const l_uint32* row = data + static_cast<std::ptrdiff_t>(y) * wpl;
        std::uint8_t* out = image.data() + static_cast<std::ptrdiff_t>(y) * image.stride();
        for (int x = 0; x < width; ++x) {
            for (int c = 0; c < channels; ++c) { // words hold R, G, B, A from the high byte down
                out[x * channels + c] = sample(row, x * 4 + c);
            }
        }
    }
    return image;
}

class TiffSource final : public PageSource {
public:
    TiffSource(std::vector<std::byte> bytes, std::vector<ImageSize> sizes, std::string name, LoadOptions options)
        : bytes_(std::move(bytes)), sizes_(std::move(sizes)), name_(std::move(name)), options_(std::move(options)) {}

    [[nodiscard]] int page_count() const noexcept override { return static_cast<int>(sizes_.size()); }

    [[nodiscard]] Image render_page(int index) const override {
        check_page_size(sizes_[static_cast<std::size_t>(index)], options_, name_, index);
        const auto* data = reinterpret_cast<const l_uint8*>(bytes_.data());
        const PixPtr pix(pixReadMemTiff(data, bytes_.size(), index));
        if (!pix) {
            throw Error(ErrorCode::corrupt_input,
                        name_ + ": TIFF page " + std::to_string(index + 1) + " could not be decoded");
        }
        PixPtr normalised = to_gray8_or_rgb32(pix.get());
        if (normalised && options_.gray && pixGetDepth(normalised.get()) == 32 && pixGetSpp(normalised.get()) == 3) {
            normalised.reset(pixConvertRGBToLuminance(normalised.get()));
        }
        if (!normalised) {
            throw Error(ErrorCode::corrupt_input,
                        name_ + ": TIFF page " + std::to_string(index + 1) + " has an unsupported pixel layout");
        }
        return image_from_pix(normalised.get());
    }

private:
    std::vector<std::byte> bytes_;
    std::vector<ImageSize> sizes_;
    std::string name_;
    LoadOptions options_;
};

} // namespace

std::unique_ptr<PageSource> open_tiff(std::vector<std::byte> bytes, const std::string& name,
                                      const LoadOptions& options) {
    auto sizes = read_tiff_page_sizes(bytes, name, options.max_pages);
    return std::make_unique<TiffSource>(std::move(bytes), std::move(sizes), name, options);
}

} // namespace docextract::detail
