// SPDX-License-Identifier: MIT
#include "matching.hpp"

#include <algorithm>
#include <vector>

namespace docextract::eval {

namespace {

/// ASCII upper-case letters for a Latin-1 letter given as the second byte of its UTF-8 form (lead byte 0xC3).
std::string_view fold_latin1(unsigned char cont) {
    static constexpr std::string_view table[64] = {
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",  // 0x80..0x8F
        "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "",  "SS", // 0x90..0x9F
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",  // 0xA0..0xAF
        "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "",  "Y",  // 0xB0..0xBF
    };
    return cont >= 0x80 && cont <= 0xBF ? table[cont - 0x80] : std::string_view();
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

std::string lower(std::string_view s) {
    std::string out(trim(s));
    for (auto& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0U : 1U)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

} // namespace

std::string normalise_vendor(std::string_view name) {
    std::string out;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (std::isalnum(c) != 0 && c < 0x80) {
            out += static_cast<char>(std::toupper(c));
        } else if (c == 0xC3 && i + 1 < name.size()) {
            out += fold_latin1(static_cast<unsigned char>(name[i + 1]));
            ++i;
        } else if (c >= 0xC0) {
            // Other letters outside Latin-1: keep their bytes so that they still have to match.
            std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            out.append(name.substr(i, n));
            i += n - 1;
        }
    }
    return out;
}

double vendor_distance(std::string_view expected, std::string_view extracted) {
    const std::string a = normalise_vendor(expected);
    const std::string b = normalise_vendor(extracted);
    const std::size_t longer = std::max(a.size(), b.size());
    if (longer == 0) {
        return 0.0;
    }
    return static_cast<double>(edit_distance(a, b)) / static_cast<double>(longer);
}

std::optional<long long> amount_cents(std::string_view text) {
    std::string_view s = trim(text);
    bool negative = false;
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    long long units = 0;
    std::size_t i = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0; ++i) {
        units = units * 10 + (s[i] - '0');
    }
    if (i == 0) {
        return std::nullopt;
    }
    long long cents = 0;
    if (i < s.size()) {
        if (s[i] != '.') {
            return std::nullopt;
        }
        const std::string_view decimals = s.substr(i + 1);
        if (decimals.empty() || decimals.size() > 2 || !std::all_of(decimals.begin(), decimals.end(), [](char c) {
                return std::isdigit(static_cast<unsigned char>(c)) != 0;
            })) {
            return std::nullopt;
        }
        cents = (decimals[0] - '0') * 10 + (decimals.size() == 2 ? decimals[1] - '0' : 0);
    }
    const long long value = units * 100 + cents;
    return negative ? -value : value;
}

bool matches(std::string_view field, std::string_view expected, std::string_view extracted) {
    if (field == "vendor") {
        const std::string e = normalise_vendor(expected);
        return !e.empty() && e == normalise_vendor(extracted);
    }
    if (field == "total" || field == "subtotal" || field == "tax") {
        const auto e = amount_cents(expected);
        const auto x = amount_cents(extracted);
        return e && x && *e == *x;
    }
    if (field == "email" || field == "currency") {
        return lower(expected) == lower(extracted);
    }
    if (field == "invoice_number") {
        auto strip = [](std::string_view s) {
            std::string out;
            for (const char c : s) {
                if (c != ' ' && c != '#' && c != '\t') {
                    out += c;
                }
            }
            return out;
        };
        const std::string e = strip(expected);
        return !e.empty() && e == strip(extracted);
    }
    return trim(expected) == trim(extracted);
}

bool matches_any(std::string_view field, std::string_view expected, const std::vector<std::string>& alternates,
                 std::string_view extracted) {
    if (matches(field, expected, extracted)) {
        return true;
    }
    return std::any_of(alternates.begin(), alternates.end(),
                       [&](const std::string& alt) { return matches(field, alt, extracted); });
}

} // namespace docextract::eval
