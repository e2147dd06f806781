// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/fields.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// Structured invoice syntaxes recognised in embedded XML.
enum class EInvoiceFormat {
    unknown,  ///< Not well-formed, or not an invoice syntax we read.
    cii,      ///< UN/CEFACT CrossIndustryInvoice: Factur-X, ZUGFeRD 2.x, XRechnung CII.
    zugferd1, ///< UN/CEFACT CrossIndustryDocument: ZUGFeRD 1.0.
    ubl,      ///< OASIS UBL 2.x Invoice or CreditNote: XRechnung UBL, Peppol BIS.
};

/// Stable lower-case name of a format, e.g. "cii".
[[nodiscard]] std::string_view to_string(EInvoiceFormat format) noexcept;

/// Largest XML document that is parsed (larger ones are ignored as unknown).
inline constexpr std::size_t max_einvoice_xml_bytes = 16U << 20U;

/// Fields read from one e-invoice XML document.
struct EInvoiceData {
    EInvoiceFormat format = EInvoiceFormat::unknown; ///< The syntax found.
    std::vector<Field> fields; ///< Normalised fields, source embedded_xml, confidence 1; empty when unknown.
};

/// Parses e-invoice XML (elements matched on local names, prefixes ignored). Never throws: malformed,
/// oversized or unknown XML gives format unknown and no fields. No DTDs or external entities are processed.
[[nodiscard]] EInvoiceData parse_einvoice_xml(std::string_view xml) noexcept;

} // namespace docextract::detail
