// SPDX-License-Identifier: MIT
#pragma once

#include "fields/regex.hpp"

#include <docextract/fields.hpp>

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// A calendar date.
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    /// ISO 8601 form, "YYYY-MM-DD".
    [[nodiscard]] std::string iso() const;
    friend auto operator<=>(const Date&, const Date&) = default;
};

/// How a date was printed.
enum class DateForm {
    iso,        ///< 2024-03-05 (year first).
    numeric,    ///< 05/03/2024, 05.03.24: day and month order must be decided.
    month_name, ///< 5 March 2024, Mar 5, 2024, 5. März 2024, 5 de marzo de 2024.
    compact,    ///< 20240305.
};

/// One date found in a line of text, with both readings of a numeric date.
struct DateMatch {
    Span span;                         ///< Bytes of the date in the text.
    DateForm form = DateForm::numeric; ///< How it was printed.
    std::optional<Date> day_first;     ///< Reading as day/month/year (numeric form) or the only reading.
    std::optional<Date> month_first;   ///< Reading as month/day/year (numeric form only).
    bool two_digit_year = false;       ///< The year was printed with two digits.
    bool repaired = false;             ///< Read as no real date; one digit changed or a lost separator supplied.

    /// True when both numeric readings are valid and differ.
    [[nodiscard]] bool ambiguous() const noexcept;
    /// The reading for an order (automatic means day-first unless only month-first is valid).
    [[nodiscard]] std::optional<Date> resolve(DateOrder order) const noexcept;
};

/// True for a real calendar date with a year in the plausible range 1990..2100.
[[nodiscard]] bool plausible_date(const Date& date) noexcept;

/// The last year a document read today is taken to be dated in: this year and two more (due dates run ahead).
[[nodiscard]] int latest_document_year() noexcept;

/// All dates in a line of text, left to right. With `repair` (OCR'd text), a date that is no real one as read, or
/// dated after latest_document_year() ("92/02/2018", "11/05/2078"), is read again with one digit changed as the
/// vocabulary's [digit_confusions] say, and "1202/2018" with its lost separator; such matches are `repaired`.
[[nodiscard]] std::vector<DateMatch> find_dates(std::string_view text, bool repair = false);

/// Parses the first date in the text; ambiguous numeric dates follow order (automatic: day-first).
[[nodiscard]] std::optional<Date> parse_date(std::string_view text, DateOrder order = DateOrder::automatic);

/// Month number 1..12 for a month name or abbreviation in English, German, Dutch, French, Spanish or Malay
/// ("sept.", "März", "décembre", "julio", "Ogos"), 0 when unknown.
[[nodiscard]] int month_from_name(std::string_view name);

/// Evidence for the day/month order of a document's ambiguous numeric dates, strongest first.
enum class DateOrderEvidence {
    none,        ///< Nothing known: the default (day-first) applies.
    currency,    ///< A currency hint ($/USD: month-first; others: day-first).
    language,    ///< Labels in a day-first language (German, Dutch, French, Spanish, Malay).
    other_dates, ///< Another numeric date in the document can only be read one way.
};

/// A decided order and why.
struct DateOrderDecision {
    DateOrder order = DateOrder::day_first;
    DateOrderEvidence evidence = DateOrderEvidence::none;
};

/// Hints from the rest of the document that bear on the date order.
struct DateOrderHints {
    int day_first_language_labels = 0; ///< Labels matched in languages that write day-first.
    std::string currency;              ///< ISO code of the document's currency, empty when unknown.
};

/// Decides the order of ambiguous numeric dates from the other dates in the document, then the language of the
/// labels, then the currency ($/USD: month-first), else day-first.
[[nodiscard]] DateOrderDecision decide_date_order(const std::vector<DateMatch>& dates, const DateOrderHints& hints);

} // namespace docextract::detail
