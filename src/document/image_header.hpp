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

/// Width and height declared by a header.
struct ImageSize {
    std::int64_t width = 0;
    std::int64_t height = 0;
};

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

/// Throws Error(limit_exceeded) when the size is over options.max_page_pixels, and Error(corrupt_input) when empty.
void check_page_size(ImageSize size, const LoadOptions& options, const std::string& name, int page);

} // namespace docextract::detail
