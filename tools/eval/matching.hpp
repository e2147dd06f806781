// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::eval {

/// Vendor names compared as upper case, accents folded (é = E), everything but letters and digits dropped.
[[nodiscard]] std::string normalise_vendor(std::string_view name);

/// Edit distance of the normalised names divided by the longer length: 0 same, 1 nothing in common.
[[nodiscard]] double vendor_distance(std::string_view expected, std::string_view extracted);

/// A vendor within this normalised distance counts as a fuzzy match.
inline constexpr double fuzzy_vendor_distance = 0.2;

/// An amount as cents ("1234.5" -> 123450); nullopt when it is not a plain decimal number.
[[nodiscard]] std::optional<long long> amount_cents(std::string_view text);

/// Whether an extracted value matches the expected one under the rules of its field:
/// vendor: normalise_vendor equal; total, subtotal, tax: equal to the cent; date, due_date: equal ISO strings;
/// email: equal ignoring case; invoice_number: equal ignoring spaces and '#'; currency: equal ignoring case;
/// anything else: equal after trimming.
[[nodiscard]] bool matches(std::string_view field, std::string_view expected, std::string_view extracted);

/// matches() against the expected value or any accepted alternate.
[[nodiscard]] bool matches_any(std::string_view field, std::string_view expected,
                               const std::vector<std::string>& alternates, std::string_view extracted);

} // namespace docextract::eval
