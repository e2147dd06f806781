// SPDX-License-Identifier: MIT
#pragma once

// Checking a value a person typed for a field, with the same normalisation extraction applies: a date becomes
// ISO YYYY-MM-DD, an amount a decimal string with two decimals, an email lower case, a currency its ISO code.

#include <docextract/export.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace docextract {

/// Every field name a result can carry: the core fields, then the extra ones, in output order.
inline constexpr std::array<std::string_view, 9> known_field_names = {
    "vendor", "invoice_number", "date", "total", "email", "currency", "subtotal", "tax", "due_date"};

/// True for a name in known_field_names.
[[nodiscard]] DOCEXTRACT_API bool is_known_field(std::string_view name) noexcept;

/// A value checked for a field: the normalised value, or why it is not one.
struct FieldValueCheck {
    std::optional<std::string> value; ///< The normalised value; nullopt when the text is not valid for the field.
    std::string problem;              ///< Why not, e.g. "not a date"; empty when valid.
};

/// Normalises `text` as extraction does for field `name` (dates in any printed form; amounts with separators and
/// currency marks; an email must have one '@' and a dot in its domain; a currency must be a known code or mark;
/// vendor and invoice number are trimmed, inner whitespace collapsed, and must not be empty).
/// Numeric dates that read both ways are taken day-first, as extraction does without other evidence.
[[nodiscard]] DOCEXTRACT_API FieldValueCheck normalize_field_value(std::string_view name, std::string_view text);

} // namespace docextract
