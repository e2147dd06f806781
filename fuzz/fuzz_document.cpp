// SPDX-License-Identifier: MIT
// Fuzz target: a document of any format (PNG, JPEG, TIFF, PDF or none) opened from bytes, through decoding or
// rendering its first page at a low resolution. The loader's contract is that bad bytes give a docextract::Error;
// anything else escaping, a crash, a leak or a sanitizer report is a finding.

#include "fuzz_limits.hpp"

#include <docextract/document.hpp>
#include <docextract/error.hpp>

#include <cstddef>
#include <cstdint>
#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    docextract::LoadOptions options = docextract::fuzz::small_load_options();
    options.gray = size % 2 == 1; // both decoders' paths: to gray8 straight away, and in colour
    try {
        const auto document = docextract::Document::from_bytes(bytes, "fuzz-input", options);
        const docextract::Image page = document.render_page(0);
        (void)page;
    } catch (const docextract::Error&) {
        // Rejected as corrupt, unsupported, encrypted or over a limit: the expected answer to most inputs.
    }
    return 0;
}
