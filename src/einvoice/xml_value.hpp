// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace docextract::detail {

/// Longest text value taken from an e-invoice (longer values are treated as garbage and ignored).
inline constexpr std::size_t max_einvoice_value_length = 512;

/// Trims and collapses runs of whitespace to single spaces; nullopt when empty or longer than the limit.
[[nodiscard]] std::optional<std::string> normalise_xml_text(std::string_view text);

/// An xs:decimal ("1234.5", "-0.456", "+12") as a two-decimal amount with '.' ("1234.50", "-0.46", "12.00"),
/// rounded half away from zero; nullopt for anything that is not a plain decimal number.
[[nodiscard]] std::optional<std::string> normalise_xml_amount(std::string_view text);

/// A UN/CEFACT date (format code 102, "YYYYMMDD"; an empty code also accepts ISO "YYYY-MM-DD") as ISO
/// "YYYY-MM-DD"; nullopt for other format codes or impossible dates.
[[nodiscard]] std::optional<std::string> normalise_cii_date(std::string_view text, std::string_view format_code);

/// An xs:date ("YYYY-MM-DD", optionally followed by a time zone) as ISO "YYYY-MM-DD"; nullopt when invalid.
[[nodiscard]] std::optional<std::string> normalise_iso_date(std::string_view text);

/// An e-mail address in lower case without a "mailto:" prefix; nullopt when it does not look like one.
[[nodiscard]] std::optional<std::string> normalise_xml_email(std::string_view text);

/// An ISO 4217 code in upper case ("eur" -> "EUR"); nullopt unless it is three ASCII letters.
[[nodiscard]] std::optional<std::string> normalise_currency_code(std::string_view text);

} // namespace docextract::detail
