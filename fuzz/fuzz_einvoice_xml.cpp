// SPDX-License-Identifier: MIT
// Fuzz target: the embedded e-invoice XML reader (CII, ZUGFeRD 1 and UBL syntaxes, values normalised to fields).
// It is noexcept by contract: an exception escaping it terminates the run and is a finding.

#include "einvoice/einvoice_parser.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view xml(reinterpret_cast<const char*>(data), size);
    const docextract::detail::EInvoiceData parsed = docextract::detail::parse_einvoice_xml(xml);
    if (parsed.format == docextract::detail::EInvoiceFormat::unknown && !parsed.fields.empty()) {
        __builtin_trap(); // documented: unknown XML gives no fields
    }
    return 0;
}
