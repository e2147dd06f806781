// SPDX-License-Identifier: MIT
#include "fields/amounts.hpp"

#include "fields/ascii.hpp"
#include "fields/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace docextract::detail {

namespace {

/// The currency marks of the vocabulary that may stand before or after a number, as one alternation.
std::string currency_mark_pattern() {
    std::vector<std::string> marks;
    for (const auto& c : shipped_vocabulary().currencies) {
        if (c.beside_amounts) {
            marks.push_back(regex_literal(c.text));
        }
    }
    return alternation(marks);
}

std::string amount_pattern(bool ocr_tolerant) {
    // OCR sometimes puts a space before or after the decimal mark ("28 .05", "73. 00"); tolerated only where asked
    // for, and only before two decimals.
    const std::string decimals =
        ocr_tolerant ? R"((?:(?: [.,]|[.,] ?)[0-9]{2}(?![0-9])|[.,][0-9]))" : R"((?:[.,][0-9]{1,2}))";
    // The Swiss apostrophe ("3'852.77") comes out of OCR as other small marks too: ‘ ´ °.
    const std::string grouping = ocr_tolerant ? "[.,'’‘´°]" : "[.,'’]";
    const std::string before = ocr_tolerant ? R"(/\-‘´°)" : R"(/\-)";
    return R"((?<![\p{L}\p{N}.,'’)" + before + R"(])(?<![0-9]:))" + R"((?:([-−])\s?)?)" // 1: sign before
           + R"((?:()" + currency_mark_pattern() + R"()\s?)?)"                          // 2: currency before
           + R"((?:([-−])\s?)?)"                                                        // 3: sign after the currency
           + R"(([0-9]{1,3}(?:)" + grouping + R"([0-9]{3})+)" + decimals + "?" // 4: number, punctuation grouping
           + R"(|[0-9]{1,3}(?:[ \x{A0}\x{202F}][0-9]{3})+,[0-9]{1,2})"    //    space grouping needs a decimal comma
           + R"(|[0-9]+)" + decimals + "?)"                               //    plain
           + R"((?:\s?()" + currency_mark_pattern() + R"()(?![\p{L}]))?)" // 5: currency after
           + R"((-(?![0-9]))?)"                                           // 6: trailing minus ("12.50-")
           + R"((?![\p{L}\p{N}%:]|)" + grouping + R"([0-9]))";
}

const Regex& amount_regex(bool ocr_tolerant) {
    static const Regex strict(amount_pattern(false), Regex::caseless);
    static const Regex tolerant(amount_pattern(true), Regex::caseless);
    return ocr_tolerant ? tolerant : strict;
}

bool is_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

/// Parses the number part (digits and separators as matched by amount_regex group 4).
std::optional<std::pair<std::int64_t, bool>> parse_number(std::string_view number) {
    // Split into digit runs and the separators between them (multi-byte separators count as one).
    std::vector<std::string_view> runs;
    std::vector<std::string_view> seps;
    std::size_t i = 0;
    while (i < number.size()) {
        std::size_t j = i;
        while (j < number.size() && is_digit(number[j])) {
            ++j;
        }
        if (j == i) {
            return std::nullopt;
        }
        runs.push_back(number.substr(i, j - i));
        if (j == number.size()) {
            break;
        }
        std::size_t k = j + 1;
        while (k < number.size() && !is_digit(number[k])) {
            ++k;
        }
        std::string_view sep = number.substr(j, k - j);
        // "73. 00" and "28 .05": a space beside a decimal mark is OCR noise.
        if (sep.size() == 2 && (sep[0] == '.' || sep[0] == ',') && sep[1] == ' ') {
            sep = sep.substr(0, 1);
        } else if (sep.size() == 2 && sep[0] == ' ' && (sep[1] == '.' || sep[1] == ',')) {
            sep = sep.substr(1, 1);
        }
        seps.push_back(sep);
        i = k;
    }
    if (runs.empty()) {
        return std::nullopt;
    }
    std::string integer_digits;
    std::string decimals;
    std::size_t integer_runs = runs.size();
    if (!seps.empty()) {
        const std::string_view last_sep = seps.back();
        const std::string_view last_run = runs.back();
        const bool decimal_capable = last_sep == "." || last_sep == ",";
        const bool distinct = std::count(seps.begin(), seps.end(), last_sep) == 1;
        // "12.5", "12.50" and "1.234,50" end in a decimal part; "1.234" and "1,234,567" are grouped integers.
        if (decimal_capable && last_run.size() <= 2 && distinct) {
            decimals = std::string(last_run);
            integer_runs = runs.size() - 1;
        } else if (decimal_capable && last_run.size() <= 2) {
            return std::nullopt; // "1.23.45": the last separator repeats but is not followed by a group of 3
        }
    }
    // Integer groups: the first 1..3 digits (or any length when ungrouped), then groups of exactly 3 with one
    // consistent separator.
    std::string_view group_sep;
    for (std::size_t r = 0; r < integer_runs; ++r) {
        if (r > 0) {
            const std::string_view sep = seps[r - 1];
            if (group_sep.empty()) {
                group_sep = sep;
            } else if (sep != group_sep) {
                return std::nullopt;
            }
            if (runs[r].size() != 3 || runs[0].size() > 3) {
                return std::nullopt;
            }
        }
        integer_digits += runs[r];
    }
    if (!decimals.empty() && !group_sep.empty() && group_sep == seps.back()) {
        return std::nullopt;
    }
    if (integer_digits.size() > 15) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    for (const char c : integer_digits) {
        value = value * 10 + (c - '0');
    }
    std::int64_t cents = value * 100;
    if (decimals.size() == 1) {
        cents += (decimals[0] - '0') * 10;
    } else if (decimals.size() == 2) {
        cents += (decimals[0] - '0') * 10 + (decimals[1] - '0');
    }
    return std::make_pair(cents, !decimals.empty());
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

} // namespace

std::string currency_code(std::string_view mark) {
    const std::string key = ascii_lower(trim(mark));
    for (const auto& c : shipped_vocabulary().currencies) {
        if (key == ascii_lower(c.text)) {
            return c.code;
        }
    }
    return {};
}

namespace {

/// Fixes a token that should be all digits and separators; returns it unchanged when it is not one.
std::string fix_number_core(std::string_view token) {
    bool has_digit = false;
    bool has_confusable = false;
    for (const char c : token) {
        if (is_digit(c)) {
            has_digit = true;
        } else if (c == 'O' || c == 'o' || c == 'l' || c == 'I' || c == '|' || c == 'S' || c == 's') {
            has_confusable = true;
        } else if (c != '.' && c != ',' && c != '\'' && c != '-' && c != '/') {
            return std::string(token); // some other letter: not a misread number
        }
    }
    if (!has_digit || !has_confusable) {
        return std::string(token);
    }
    std::string out(token);
    for (auto& c : out) {
        switch (c) {
        case 'O':
        case 'o':
            c = '0';
            break;
        case 'l':
        case 'I':
        case '|':
            c = '1';
            break;
        case 'S':
        case 's':
            c = '5';
            break;
        default:
            break;
        }
    }
    return out;
}

bool numeric_after_fix(std::string_view token) {
    const std::string fixed = fix_number_core(token);
    return !fixed.empty() && std::all_of(fixed.begin(), fixed.end(), [](char c) {
        return is_digit(c) || c == '.' || c == ',' || c == '\'' || c == '-' || c == '/';
    }) && std::any_of(fixed.begin(), fixed.end(), [](char c) { return is_digit(c); });
}

} // namespace

std::string fix_ocr_digits(std::string_view token) {
    // A currency mark glued to the number: "$1O.5O", "RMO.00", and OCR's readings of a mark ("RN" for "RM").
    for (const auto& glued : shipped_vocabulary().glued_marks) {
        const auto fixed_after = [&](std::string_view prefix) -> std::optional<std::string> {
            if (token.size() > prefix.size() && token.substr(0, prefix.size()) == prefix &&
                numeric_after_fix(token.substr(prefix.size()))) {
                return glued.mark + fix_number_core(token.substr(prefix.size()));
            }
            return std::nullopt;
        };
        if (auto fixed = fixed_after(glued.mark)) {
            return *fixed;
        }
        for (const auto& reading : glued.readings) {
            if (auto fixed = fixed_after(reading)) {
                return *fixed;
            }
        }
    }
    return fix_number_core(token);
}

std::vector<AmountMatch> find_amounts(std::string_view text, bool ocr_tolerant) {
    std::vector<AmountMatch> out;
    for (const auto& m : amount_regex(ocr_tolerant).find_all(text)) {
        const auto number = parse_number(m.group(text, 4));
        if (!number) {
            continue;
        }
        AmountMatch match;
        match.span = m.whole;
        match.amount.cents = number->first;
        match.amount.has_decimals = number->second;
        if (m.has(2)) {
            match.amount.currency = currency_code(m.group(text, 2));
        } else if (m.has(5)) {
            match.amount.currency = currency_code(m.group(text, 5));
        }
        if (m.has(1) || m.has(3) || m.has(6)) {
            match.amount.cents = -match.amount.cents;
        }
        out.push_back(std::move(match));
    }
    return out;
}

std::optional<Amount> parse_amount(std::string_view text, bool ocr_tolerant) {
    std::string_view s = trim(text);
    bool parenthesised = false;
    if (s.size() >= 2 && s.front() == '(' && s.back() == ')') {
        parenthesised = true;
        s = trim(s.substr(1, s.size() - 2));
    }
    std::string buffer;
    if (ocr_tolerant) {
        // Fix each whitespace-separated token on its own so that currency words are left alone.
        std::size_t i = 0;
        while (i < s.size()) {
            std::size_t j = s.find(' ', i);
            if (j == std::string_view::npos) {
                j = s.size();
            }
            if (!buffer.empty()) {
                buffer += ' ';
            }
            buffer += fix_ocr_digits(s.substr(i, j - i));
            i = j + 1;
        }
        s = buffer;
    }
    const auto matches = find_amounts(s, ocr_tolerant);
    if (matches.size() != 1 || matches[0].span.begin != 0 || matches[0].span.end != s.size()) {
        return std::nullopt;
    }
    Amount amount = matches[0].amount;
    if (parenthesised && amount.cents > 0) {
        amount.cents = -amount.cents;
    }
    return amount;
}

std::string format_cents(std::int64_t cents) {
    const bool negative = cents < 0;
    const std::int64_t magnitude = negative ? -cents : cents;
    std::string out = negative ? "-" : "";
    out += std::to_string(magnitude / 100);
    out += '.';
    const std::int64_t frac = magnitude % 100;
    out += static_cast<char>('0' + frac / 10);
    out += static_cast<char>('0' + frac % 10);
    return out;
}

} // namespace docextract::detail
