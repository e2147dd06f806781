// SPDX-License-Identifier: MIT
#include "fields/amounts.hpp"
#include "fields/dates.hpp"

#include <docextract/field_values.hpp>

#include <algorithm>
#include <cctype>

namespace docextract {
namespace {

/// Trims the text and collapses runs of whitespace to one space.
std::string collapse_spaces(std::string_view text) {
    std::string out;
    bool space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c)) != 0) {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

FieldValueCheck invalid(std::string problem) {
    return FieldValueCheck{.value = std::nullopt, .problem = std::move(problem)};
}

FieldValueCheck valid(std::string value) {
    return FieldValueCheck{.value = std::move(value), .problem = {}};
}

FieldValueCheck check_date(const std::string& text) {
    const std::optional<detail::Date> date = detail::parse_date(text, DateOrder::automatic);
    if (!date) {
        return invalid("not a date (write it as 2024-01-31 or as printed, e.g. 31.01.2024 or 31 Jan 2024)");
    }
    if (!detail::plausible_date(*date)) {
        return invalid("not a plausible date (the year must be in 1990..2100)");
    }
    return valid(date->iso());
}

FieldValueCheck check_amount(const std::string& text) {
    const std::optional<detail::Amount> amount = detail::parse_amount(text, false);
    if (!amount) {
        return invalid("not an amount (write it as 12.30, 1,234.50 or 1.234,50)");
    }
    return valid(detail::format_cents(amount->cents));
}

FieldValueCheck check_email(const std::string& text) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto at = lower.find('@');
    const bool one_at = at != std::string::npos && lower.find('@', at + 1) == std::string::npos;
    const bool has_space = lower.find(' ') != std::string::npos;
    if (!one_at || has_space || at == 0) {
        return invalid("not an email address");
    }
    const std::string domain = lower.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == std::string::npos || dot == 0 || domain.back() == '.') {
        return invalid("not an email address (the domain needs a dot)");
    }
    return valid(lower);
}

FieldValueCheck check_currency(const std::string& text) {
    std::string code = detail::currency_code(text);
    if (code.empty()) {
        return invalid("not a known currency code or sign");
    }
    return valid(std::move(code));
}

} // namespace

bool is_known_field(std::string_view name) noexcept {
    return std::find(known_field_names.begin(), known_field_names.end(), name) != known_field_names.end();
}

FieldValueCheck normalize_field_value(std::string_view name, std::string_view text) {
    const std::string value = collapse_spaces(text);
    if (!is_known_field(name)) {
        return invalid("unknown field");
    }
    if (value.empty()) {
        return invalid("empty value (send null for a value the document does not have)");
    }
    if (name == "date" || name == "due_date") {
        return check_date(value);
    }
    if (name == "total" || name == "subtotal" || name == "tax") {
        return check_amount(value);
    }
    if (name == "email") {
        return check_email(value);
    }
    if (name == "currency") {
        return check_currency(value);
    }
    return valid(value); // vendor, invoice_number: text as printed
}

} // namespace docextract
