// SPDX-License-Identifier: MIT
#pragma once

// Reads image dimensions from file headers without decoding pixels, so that limits can be
// enforced before a decoder allocates memory (decompression bombs).

#include <docextract/document.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace docextract::detail {

/// Width and height declared by a header, and the sample layout the decoder will produce from it.
struct ImageSize {
    std::int64_t width = 0;
    std::int64_t height = 0;
    int channels = 1;         ///< Channels of the decoded pixels (the decoder's, e.g. 4 for a palette with alpha).
    int bytes_per_sample = 1; ///< 2 for 16-bit samples the decoder keeps as such, else 1.
};

/// Bytes the decoded pixels of `size` take: width x height x channels x bytes per sample (saturating, no overflow).
[[nodiscard]] std::int64_t decoded_bytes(ImageSize size) noexcept;

/// What a JPEG's marker segments tell before decoding.
struct JpegHeader {
    ImageSize size;              ///< From the first SOFn frame header.
    bool has_end_marker = false; ///< True when an EOI marker follows the scan data (the file is not truncated).
};

/// The IHDR size of a PNG; throws Error(corrupt_input) naming `name` when the header is missing or invalid.
[[nodiscard]] ImageSize read_png_size(std::span<const std::byte> bytes, const std::string& name);

/// The frame size of a JPEG and whether it is complete; throws Error(corrupt_input) when no frame header is found.
[[nodiscard]] JpegHeader read_jpeg_header(std::span<const std::byte> bytes, const std::string& name);

/// The size of every page (top-level IFD) of a TIFF; throws Error(corrupt_input) for a broken directory chain
/// and Error(limit_exceeded) as soon as there are more than max_pages pages.
[[nodiscard]] std::vector<ImageSize> read_tiff_page_sizes(std::span<const std::byte> bytes, const std::string& name,
                                                          int max_pages);

/// Throws Error(limit_exceeded) when the size is over options.max_page_pixels or its decoded bytes are over
/// options.max_page_bytes, and Error(corrupt_input) when empty.
void check_page_size(ImageSize size, const LoadOptions& options, const std::string& name, int page);

} // namespace docextract::detail
