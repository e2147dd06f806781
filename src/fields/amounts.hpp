// SPDX-License-Identifier: MIT
#pragma once

#include "fields/regex.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// A printed money amount, parsed.
struct Amount {
    std::int64_t cents = 0;    ///< Value in hundredths (negative allowed).
    bool has_decimals = false; ///< True when a decimal part was printed ("12.30", not "12").
    std::string currency;      ///< ISO code of an attached currency mark ("EUR" for "€"), empty when none.
};

/// One amount found inside a longer text.
struct AmountMatch {
    Span span;     ///< Bytes of the amount, currency marks included.
    Amount amount; ///< The parsed value.
};

/// Parses a whole string as one amount: "$1,234.50", "1.234,50 €", "1 234,50", "1'234.50", "RM 12.3",
/// "(12.50)", "12.50-". With ocr_tolerant, O/o, l/I/| and S read as 0, 1 and 5 inside the number.
/// A missing decimal mark is never guessed: "1234" is 1234.00.
[[nodiscard]] std::optional<Amount> parse_amount(std::string_view text, bool ocr_tolerant = false);

/// All amounts in a line of text, left to right (numbers glued to letters, dates and times are skipped).
/// With ocr_tolerant, a space after the decimal mark is accepted ("73. 00").
[[nodiscard]] std::vector<AmountMatch> find_amounts(std::string_view text, bool ocr_tolerant = false);

/// Formats cents as a decimal string with two decimals and '.', e.g. -1234 -> "-12.34".
[[nodiscard]] std::string format_cents(std::int64_t cents);

/// ISO 4217 code for a currency symbol, code or word as printed ("€", "RM", "Rs.", "us$", "chf"), empty when
/// unknown; the spellings are the vocabulary's [currencies] and [currency_words].
[[nodiscard]] std::string currency_code(std::string_view mark);

/// Replaces the OCR confusions O/o->0, l/I/|->1, S/s->5 in a token that is otherwise numeric (has a digit and
/// only digits, separators and those letters), after an optional glued currency mark (the vocabulary's
/// [glued_marks]: "$", "€", "£", "RM" and its misreadings "RN", "PM", which become "RM"); other tokens are
/// returned unchanged. The length in bytes never changes.
[[nodiscard]] std::string fix_ocr_digits(std::string_view token);

} // namespace docextract::detail
