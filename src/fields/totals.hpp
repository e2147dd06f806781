// SPDX-License-Identifier: MIT
#pragma once

#include "fields/analysis.hpp"
#include "fields/candidates.hpp"
#include "fields/labels.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace docextract::detail {

/// An amount that stands next to (or under) a label.
struct LabelledAmount {
    LabelKind kind = LabelKind::total;
    float strength = 0;
    std::string label_text;
    std::int64_t cents = 0;
    bool has_decimals = false;
    std::string currency;
    std::size_t row = 0;
    Span span;
    int rows_below = 0;
    double ocr = 1.0;
    bool table_row = false; ///< The slot holds further, different amounts (a row of a summary table).
};

/// Total, subtotal and tax as chosen, with the currency mark printed on the total (empty when none).
struct AmountFields {
    Choice total;
    Choice subtotal;
    Choice tax;
    std::string total_currency;
};

/// Every amount that a money label names (totals, subtotals, taxes, payments, change...).
[[nodiscard]] std::vector<LabelledAmount> labelled_amounts(const Analysis& analysis);

/// Sums of the labelled amounts that are checked against a total.
struct AmountGroups {
    std::vector<std::int64_t> subtotals, taxes, roundings, discounts, shippings, payments, changes, paids, balances;
    std::optional<std::int64_t> items; ///< Sum of the item lines, when an item table was found.
};

/// Sum of the amounts of the item lines: the rightmost amount of each row between the item table's header row
/// and the first row with a money label. nullopt without a table or item lines.
[[nodiscard]] std::optional<std::int64_t> line_item_sum(const Analysis& analysis);

/// Groups labelled amounts by what they are.
[[nodiscard]] AmountGroups group_amounts(const std::vector<LabelledAmount>& amounts);

/// +1 when the amounts add up to total (subtotal or item lines + tax (+ rounding + shipping - discount), item lines
/// alone, cash - change, total - part payment = balance), -1 when a printed subtotal and tax contradict it,
/// 0 otherwise.
[[nodiscard]] int check_total(std::int64_t total, const AmountGroups& groups);

/// True when the two amounts, written with two decimals, have the same length and differ in exactly one digit
/// (an OCR misreading such as 8.40 for 8.60).
[[nodiscard]] bool one_digit_apart(std::int64_t a, std::int64_t b);

/// Finds total, subtotal and tax.
[[nodiscard]] AmountFields find_amount_fields(const Analysis& analysis, const FieldModel& model);

} // namespace docextract::detail
