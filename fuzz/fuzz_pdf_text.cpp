// SPDX-License-Identifier: MIT
// Fuzz target: the text layer of a PDF (poppler's words grouped into lines and blocks), the usability rule applied
// to it, the picture check and the embedded e-invoice files (found, read and merged into fields). Inputs that are
// not PDFs are rejected so they stay out of the corpus.

#include "fuzz_limits.hpp"

#include "einvoice/embedded_fields.hpp"
#include "pipeline/text_layer.hpp"

#include <docextract/document.hpp>
#include <docextract/error.hpp>
#include <docextract/fields.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::byte> bytes(reinterpret_cast<const std::byte*>(data), size);
    if (docextract::detect_type(bytes) != docextract::DocumentType::pdf) {
        return -1;
    }
    try {
        const auto document =
            docextract::Document::from_bytes(bytes, "fuzz-input.pdf", docextract::fuzz::small_load_options());
        const int pages = std::min(document.page_count(), 3);
        for (int index = 0; index < pages; ++index) {
            if (const auto text = document.page_text(index)) {
                (void)docextract::detail::usable_text_layer(*text);
            }
        }
        (void)document.has_pictures();
        std::vector<docextract::Field> fields;
        (void)docextract::detail::apply_embedded_invoice(document, fields);
    } catch (const docextract::Error&) {
        // Corrupt, encrypted or over a limit.
    }
    return 0;
}
