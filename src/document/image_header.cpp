// SPDX-License-Identifier: MIT
#include "document/image_header.hpp"

#include <docextract/error.hpp>

#include <algorithm>
#include <limits>
#include <set>
#include <string>

namespace docextract::detail {

namespace {

[[noreturn]] void corrupt(const std::string& name, const std::string& what) {
    throw Error(ErrorCode::corrupt_input, name + ": " + what);
}

std::uint32_t byte_at(std::span<const std::byte> bytes, std::size_t pos) {
    return std::to_integer<std::uint32_t>(bytes[pos]);
}

std::uint32_t be16(std::span<const std::byte> bytes, std::size_t pos) {
    return (byte_at(bytes, pos) << 8U) | byte_at(bytes, pos + 1);
}

std::uint32_t be32(std::span<const std::byte> bytes, std::size_t pos) {
    return (be16(bytes, pos) << 16U) | be16(bytes, pos + 2);
}

/// Reads TIFF integers in the file's byte order.
class TiffReader {
public:
    TiffReader(std::span<const std::byte> bytes, bool little_endian) : bytes_(bytes), little_(little_endian) {}

    [[nodiscard]] bool fits(std::uint64_t pos, std::uint64_t length) const {
        return pos <= bytes_.size() && length <= bytes_.size() - pos;
    }
    [[nodiscard]] std::uint32_t u16(std::size_t pos) const {
        return little_ ? (byte_at(bytes_, pos + 1) << 8U) | byte_at(bytes_, pos) : be16(bytes_, pos);
    }
    [[nodiscard]] std::uint32_t u32(std::size_t pos) const {
        return little_ ? (u16(pos + 2) << 16U) | u16(pos) : be32(bytes_, pos);
    }

private:
    std::span<const std::byte> bytes_;
    bool little_;
};

bool is_sof_marker(std::uint32_t marker) {
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

} // namespace

ImageSize read_png_size(std::span<const std::byte> bytes, const std::string& name) {
    // Signature (8), chunk length (4), "IHDR" (4), width (4), height (4).
    constexpr std::size_t ihdr_end = 24;
    if (bytes.size() < ihdr_end) {
        corrupt(name, "PNG data ends inside the header");
    }
    const bool is_ihdr = byte_at(bytes, 12) == 'I' && byte_at(bytes, 13) == 'H' && byte_at(bytes, 14) == 'D' &&
                         byte_at(bytes, 15) == 'R';
    if (!is_ihdr || be32(bytes, 8) != 13) {
        corrupt(name, "PNG data does not start with an IHDR chunk");
    }
    ImageSize size{be32(bytes, 16), be32(bytes, 20)};
    if (bytes.size() > 25) {
        // OpenCV keeps 16-bit samples (IMREAD_UNCHANGED) and expands palettes and gray with alpha to 3 or 4
        // channels; the palette's alpha (tRNS) comes later in the file, so a palette counts as 4.
        size.bytes_per_sample = byte_at(bytes, 24) == 16 ? 2 : 1;
        switch (byte_at(bytes, 25)) {
        case 0: // gray
            size.channels = 1;
            break;
        case 2: // RGB
            size.channels = 3;
            break;
        default: // palette (3), gray with alpha (4), RGBA (6)
            size.channels = 4;
            break;
        }
    }
    return size;
}

JpegHeader read_jpeg_header(std::span<const std::byte> bytes, const std::string& name) {
    JpegHeader header;
    bool have_frame = false;
    std::size_t pos = 2; // after SOI
    while (true) {
        if (pos >= bytes.size() || byte_at(bytes, pos) != 0xFF) {
            corrupt(name, have_frame ? "JPEG data ends before the image data" : "JPEG data has no frame header");
        }
        while (pos < bytes.size() && byte_at(bytes, pos) == 0xFF) {
            ++pos; // fill bytes
        }
        if (pos >= bytes.size()) {
            corrupt(name, "JPEG data ends inside a marker");
        }
        const std::uint32_t marker = byte_at(bytes, pos++);
        if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            continue; // markers without a length
        }
        if (marker == 0xD9) {
            corrupt(name, "JPEG data ends before the image data");
        }
        if (pos + 2 > bytes.size()) {
            corrupt(name, "JPEG data ends inside a marker segment");
        }
        const std::size_t length = be16(bytes, pos);
        if (length < 2 || pos + length > bytes.size()) {
            corrupt(name, "JPEG marker segment is truncated");
        }
        if (is_sof_marker(marker) && !have_frame) {
            if (length < 7) {
                corrupt(name, "JPEG frame header is too short");
            }
            // Precision, height, width, components.
            header.size = {be16(bytes, pos + 5), be16(bytes, pos + 3)};
            header.size.bytes_per_sample = byte_at(bytes, pos + 2) > 8 ? 2 : 1;
            header.size.channels = length >= 8 && byte_at(bytes, pos + 7) == 1 ? 1 : 3; // CMYK is decoded to BGR
            have_frame = true;
        }
        if (marker == 0xDA) { // start of scan: entropy-coded data follows
            if (!have_frame) {
                corrupt(name, "JPEG scan starts before the frame header");
            }
            // In entropy-coded data 0xFF is always stuffed (FF 00) or a marker, so FF D9 is the real end.
            const auto rest = bytes.subspan(pos + length);
            for (std::size_t i = 0; i + 1 < rest.size(); ++i) {
                if (byte_at(rest, i) == 0xFF && byte_at(rest, i + 1) == 0xD9) {
                    header.has_end_marker = true;
                    break;
                }
            }
            return header;
        }
        pos += length;
    }
}

std::vector<ImageSize> read_tiff_page_sizes(std::span<const std::byte> bytes, const std::string& name, int max_pages) {
    if (bytes.size() < 8) {
        corrupt(name, "TIFF data ends inside the header");
    }
    const TiffReader tiff(bytes, byte_at(bytes, 0) == 'I');
    std::vector<ImageSize> pages;
    std::set<std::uint32_t> visited;
    std::uint32_t offset = tiff.u32(4);
    while (offset != 0) {
        if (!visited.insert(offset).second) {
            corrupt(name, "TIFF page directories form a loop");
        }
        if (!tiff.fits(offset, 2)) {
            corrupt(name, "TIFF page directory lies outside the data");
        }
        const std::uint32_t entries = tiff.u16(offset);
        if (!tiff.fits(offset, 2 + 12ULL * entries + 4)) {
            corrupt(name, "TIFF page directory is truncated");
        }
        ImageSize size;
        std::uint32_t samples_per_pixel = 1;
        std::uint32_t bits_per_sample = 1;
        for (std::uint32_t i = 0; i < entries; ++i) {
            const std::size_t entry = offset + 2 + 12 * std::size_t{i};
            const std::uint32_t tag = tiff.u16(entry);
            const std::uint32_t type = tiff.u16(entry + 2);
            if (tag == 277 && type == 3) { // SamplesPerPixel
                samples_per_pixel = tiff.u16(entry + 8);
            }
            if (tag == 258 && type == 3) { // BitsPerSample: one per sample, the first is inline or at an offset
                const std::uint32_t count = tiff.u32(entry + 4);
                const std::uint32_t at = count <= 2 ? static_cast<std::uint32_t>(entry + 8) : tiff.u32(entry + 8);
                bits_per_sample = tiff.fits(at, 2) ? tiff.u16(at) : 8;
            }
            if (tag != 256 && tag != 257) {
                continue;
            }
            std::int64_t value = 0;
            if (type == 3) { // SHORT, left-justified in the value field
                value = tiff.u16(entry + 8);
            } else if (type == 4) { // LONG
                value = tiff.u32(entry + 8);
            } else {
                corrupt(name, "TIFF image size has an invalid type");
            }
            (tag == 256 ? size.width : size.height) = value;
        }
        if (size.width <= 0 || size.height <= 0) {
            corrupt(name, "TIFF page " + std::to_string(pages.size() + 1) + " has no image size");
        }
        // Leptonica holds colour as 32-bit words and gray as 8 or 16 bits; fewer bits are widened to 8 here.
        const bool colour = samples_per_pixel >= 3;
        size.channels = colour ? 4 : 1;
        size.bytes_per_sample = !colour && bits_per_sample == 16 ? 2 : 1;
        pages.push_back(size);
        if (pages.size() > static_cast<std::size_t>(std::max(max_pages, 0))) {
            throw Error(ErrorCode::limit_exceeded,
                        name + ": TIFF has more than " + std::to_string(max_pages) + " pages (limit max_pages)");
        }
        offset = tiff.u32(offset + 2 + 12 * std::size_t{entries});
    }
    if (pages.empty()) {
        corrupt(name, "TIFF has no pages");
    }
    return pages;
}

std::int64_t decoded_bytes(ImageSize size) noexcept {
    if (size.width <= 0 || size.height <= 0) {
        return 0;
    }
    constexpr std::int64_t most = std::numeric_limits<std::int64_t>::max();
    const std::int64_t per_pixel = std::int64_t{std::max(size.channels, 1)} * std::max(size.bytes_per_sample, 1);
    if (size.width > most / size.height || size.width * size.height > most / per_pixel) {
        return most;
    }
    return size.width * size.height * per_pixel;
}

void check_page_size(ImageSize size, const LoadOptions& options, const std::string& name, int page) {
    const std::string where = name + ": page " + std::to_string(page + 1);
    if (size.width <= 0 || size.height <= 0) {
        throw Error(ErrorCode::corrupt_input, where + " has an empty size");
    }
    if (size.width > options.max_page_pixels / size.height) { // division: the product could overflow
        throw Error(ErrorCode::limit_exceeded, where + " is " + std::to_string(size.width) + "x" +
                                                   std::to_string(size.height) + " pixels, over the limit of " +
                                                   std::to_string(options.max_page_pixels) + " (max_page_pixels)");
    }
    if (const std::int64_t bytes = decoded_bytes(size); bytes > options.max_page_bytes) {
        throw Error(ErrorCode::limit_exceeded,
                    where + " would take " + std::to_string(bytes) + " bytes decoded (" + std::to_string(size.width) +
                        "x" + std::to_string(size.height) + " pixels, " + std::to_string(size.channels) +
                        " channels of " + std::to_string(size.bytes_per_sample * 8) + " bits), over the limit of " +
                        std::to_string(options.max_page_bytes) + " (max_page_bytes)");
    }
}

} // namespace docextract::detail
