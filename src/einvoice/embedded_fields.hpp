// SPDX-License-Identifier: MIT
#pragma once

#include "einvoice/einvoice_parser.hpp"

#include <docextract/document.hpp>
#include <docextract/fields.hpp>

#include <span>
#include <vector>

namespace docextract::detail {

/// Parses the embedded files in turn (the standard Factur-X / ZUGFeRD / XRechnung file names first, then the
/// others in document order) and returns the first that yields fields; format unknown when none does.
[[nodiscard]] EInvoiceData read_embedded_invoice(std::span<const EmbeddedInvoice> files);

/// Replaces each field of `fields` by the XML field of the same name and appends XML fields with new names.
/// When the page-derived value equals the XML value, its page and box are kept, so the value can be shown.
void merge_embedded_fields(std::vector<Field>& fields, std::vector<Field> xml_fields);

/// Pipeline hook: reads the document's embedded e-invoice and merges its fields into `fields`. A document
/// without (readable) embedded XML leaves `fields` unchanged. Returns true when XML fields were merged.
bool apply_embedded_invoice(const Document& document, std::vector<Field>& fields);

} // namespace docextract::detail
