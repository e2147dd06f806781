// SPDX-License-Identifier: MIT
#pragma once

// The limits the fuzz targets open documents with: the library's own caps set low, so one input cannot take more
// than a few hundred MB or more than a fraction of a second to render, and the fuzzer spends its time on parsing.

#include <docextract/document.hpp>

#include <cstddef>

namespace docextract::fuzz {

/// Largest input the targets accept (libFuzzer's -max_len should stay below it).
inline constexpr std::size_t max_input_bytes = std::size_t{4} << 20U;

/// Low resolution, few pages, small pages.
[[nodiscard]] inline LoadOptions small_load_options() {
    LoadOptions options;
    options.dpi = 24;
    options.max_pages = 8;
    options.max_page_pixels = 4'000'000;
    options.max_bytes = max_input_bytes;
    options.decode_min_pixels = 250'000; // large JPEGs take libjpeg's reduced decoding, as in the pipeline
    return options;
}

} // namespace docextract::fuzz
