// SPDX-License-Identifier: MIT
#pragma once

#include "fields/analysis.hpp"
#include "fields/candidates.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace docextract::detail {

/// The invoice (or receipt) number, from labels such as "Invoice No", "Rechnungsnummer", "Facture N°".
[[nodiscard]] Choice find_invoice_number(const Analysis& analysis, const FieldModel& model);

/// Reads an identifier at the start of a value text: skips separators and number words ("No.", "#", ":"),
/// joins pieces split at '-' or '/', strips trailing punctuation. Returns the byte span in text, or nullopt
/// when the token is not an identifier (no digit, a date, an amount, too long).
[[nodiscard]] std::optional<Span> read_identifier(std::string_view text, Span span);

} // namespace docextract::detail
