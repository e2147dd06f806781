// SPDX-License-Identifier: MIT
#include "einvoice/xml_value.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace docextract::detail {
namespace {

constexpr std::size_t max_amount_length = 40;

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}
bool is_alpha(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
char to_lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
char to_upper(char c) noexcept {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

std::string_view trim(std::string_view text) noexcept {
    while (!text.empty() && is_space(text.front())) {
        text.remove_prefix(1);
    }
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

int digits_value(std::string_view digits) noexcept {
    int value = 0;
    for (const char c : digits) {
        value = value * 10 + (c - '0');
    }
    return value;
}

bool all_digits(std::string_view text) noexcept {
    for (const char c : text) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return !text.empty();
}

bool is_leap_year(int year) noexcept {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) noexcept {
    constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap_year(year)) {
        return 29;
    }
    return days.at(static_cast<std::size_t>(month - 1));
}

/// Builds "YYYY-MM-DD" from digit strings after checking the calendar.
std::optional<std::string> make_date(std::string_view year, std::string_view month, std::string_view day) {
    if (!all_digits(year) || !all_digits(month) || !all_digits(day)) {
        return std::nullopt;
    }
    const int y = digits_value(year);
    const int m = digits_value(month);
    const int d = digits_value(day);
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
        return std::nullopt;
    }
    std::string iso;
    iso.reserve(10);
    iso.append(year).append("-").append(month).append("-").append(day);
    return iso;
}

} // namespace

std::optional<std::string> normalise_xml_text(std::string_view text) {
    std::string out;
    bool pending_space = false;
    for (const char c : trim(text)) {
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        out += c;
        if (out.size() > max_einvoice_value_length) {
            return std::nullopt;
        }
    }
    if (out.empty()) {
        return std::nullopt;
    }
    return out;
}

std::optional<std::string> normalise_xml_amount(std::string_view text) {
    text = trim(text);
    if (text.empty() || text.size() > max_amount_length) {
        return std::nullopt;
    }
    bool negative = false;
    if (text.front() == '-' || text.front() == '+') {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    const auto dot = text.find('.');
    std::string_view integer = text.substr(0, dot);
    std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    if ((integer.empty() && fraction.empty()) || (!integer.empty() && !all_digits(integer)) ||
        (!fraction.empty() && !all_digits(fraction))) {
        return std::nullopt;
    }
    // Digits of the value in hundredths, then rounded half away from zero on the third decimal.
    std::string cents(integer.empty() ? std::string_view{"0"} : integer);
    cents.append(fraction.substr(0, 2));
    cents.append(2 - std::min<std::size_t>(fraction.size(), 2), '0');
    if (fraction.size() > 2 && fraction[2] >= '5') {
        std::size_t i = cents.size();
        while (i > 0) {
            --i;
            if (cents[i] == '9') {
                cents[i] = '0';
                continue;
            }
            ++cents[i];
            break;
        }
        if (i == 0 && cents.front() == '0') {
            cents.insert(cents.begin(), '1');
        }
    }
    const std::size_t first_nonzero = cents.find_first_not_of('0');
    const std::size_t keep_from =
        first_nonzero == std::string::npos ? cents.size() - 3 : std::min(first_nonzero, cents.size() - 3);
    cents.erase(0, keep_from);
    const bool zero = first_nonzero == std::string::npos;
    std::string amount = negative && !zero ? "-" : "";
    amount.append(cents, 0, cents.size() - 2).append(".").append(cents, cents.size() - 2, 2);
    return amount;
}

std::optional<std::string> normalise_cii_date(std::string_view text, std::string_view format_code) {
    text = trim(text);
    format_code = trim(format_code);
    if (format_code == "102" || (format_code.empty() && text.size() == 8)) {
        if (text.size() != 8) {
            return std::nullopt;
        }
        return make_date(text.substr(0, 4), text.substr(4, 2), text.substr(6, 2));
    }
    if (format_code.empty()) {
        return normalise_iso_date(text);
    }
    return std::nullopt; // 610 (month), 616 (week) and others do not name a day.
}

std::optional<std::string> normalise_iso_date(std::string_view text) {
    text = trim(text);
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const std::string_view zone = text.substr(10);
    if (!zone.empty() && zone != "Z" && !((zone.front() == '+' || zone.front() == '-') && zone.size() == 6)) {
        return std::nullopt;
    }
    return make_date(text.substr(0, 4), text.substr(5, 2), text.substr(8, 2));
}

std::optional<std::string> normalise_xml_email(std::string_view text) {
    text = trim(text);
    constexpr std::string_view mailto = "mailto:";
    if (text.size() > mailto.size()) {
        std::string prefix;
        for (const char c : text.substr(0, mailto.size())) {
            prefix += to_lower(c);
        }
        if (prefix == mailto) {
            text.remove_prefix(mailto.size());
        }
    }
    if (text.size() < 5 || text.size() > 254) {
        return std::nullopt;
    }
    const auto at = text.find('@');
    if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view domain = text.substr(at + 1);
    const auto dot = domain.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || dot + 2 > domain.size()) {
        return std::nullopt;
    }
    std::string email;
    email.reserve(text.size());
    for (const char c : text) {
        if (is_space(c) || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') {
            return std::nullopt;
        }
        email += to_lower(c);
    }
    return email;
}

std::optional<std::string> normalise_currency_code(std::string_view text) {
    text = trim(text);
    if (text.size() != 3 || !is_alpha(text[0]) || !is_alpha(text[1]) || !is_alpha(text[2])) {
        return std::nullopt;
    }
    return std::string{to_upper(text[0]), to_upper(text[1]), to_upper(text[2])};
}

} // namespace docextract::detail
