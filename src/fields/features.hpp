// SPDX-License-Identifier: MIT
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace docextract::detail {

/// The named features a candidate is scored by. Generators set them; the fitted model (data/model/fields.json)
/// weighs them. Adding one: a name here and in feature_names(), then a refit (docs/field-model.md).
enum class Feature : std::size_t {
    // generic: every candidate of every field
    bias,           ///< 1 for every candidate.
    label,          ///< Strength 0..1 of the label naming the field; 0 when the value stands alone.
    rows_below,     ///< 0: value beside its label; k: k rows under it.
    ocr_gap,        ///< 1 - mean OCR confidence of the value's words.
    arithmetic_ok,  ///< The page's amounts add up to this value.
    arithmetic_bad, ///< The page's amounts contradict it.
    ambiguous,      ///< An ambiguous numeric date decided by weak evidence.
    implausible,    ///< A possible but unusual value (a zero or negative total).
    support,        ///< Further rows giving the same value (at most 3).
    relative_y,     ///< Height of its row on the page, 0 top .. 1 bottom.
    text_layer,     ///< Read from a PDF text layer.
    later_page,     ///< Not on the first page.
    second_reading, ///< From the second OCR reading of the page.
    line_reading,   ///< From a line read again on its own (ReadingPass::line).
    page_noise,     ///< Share of the document's OCR words read unsurely.
    // total
    total_lower_half,
    total_top_third,
    total_no_decimals,
    total_currency_mark,
    total_not_positive,
    total_partial_balance,
    total_detached_dash,
    total_alternative, ///< The labelled total with one digit as the recogniser's runner-up read it.
    total_pre_rounding,
    total_unlabelled,
    total_subtotal_label,
    total_payment_label,
    total_table_row,
    total_largest,
    total_repaired_digit,
    total_rounded,
    total_below_subtotal,
    total_label_strong,
    total_label_due,
    total_cents_5,      ///< The amount is a multiple of 5 cents (payable totals are rounded so in several countries).
    total_max_labelled, ///< The largest amount among the candidates with a total label.
    // tax and subtotal
    tax_sum_row,
    amount_not_below_total,
    amount_zero,
    // date
    date_distractor,
    date_with_time,
    date_two_digit_year,
    date_compact,
    date_repaired, ///< OCR read no real date there: one digit changed (or a lost separator supplied) makes one.
    // invoice number
    number_shape_mixed,
    number_shape_digits,
    number_too_short,
    number_too_long,
    number_is_other,
    number_bare_pattern,
    // email
    email_role_account,
    email_vendor_domain,
    email_edge_position,
    // currency
    currency_on_total,
    currency_on_amount,
    currency_code_word,
    currency_dollar_only,
    // vendor
    vendor_legal_suffix,
    vendor_business_word,
    vendor_top,
    vendor_upper,
    vendor_footer,
    vendor_middle,
    vendor_first_row,
    vendor_tallest,
    vendor_tall,
    vendor_taller,
    vendor_repeated,
    vendor_domain,
    vendor_customer,
    vendor_label_row,
    vendor_number_label,
    vendor_address,
    vendor_town_line,
    vendor_date_or_amount,
    vendor_sentence,
    vendor_generic,
    vendor_short,
    vendor_digits,
    vendor_amount_row,
    vendor_lower_case,
    vendor_completes_name,
    vendor_dangling,
    vendor_joined_lines,
    vendor_misread_marks, ///< Marks of misreading in the name (a symbol, a digit inside a word...), at most 3.
    vendor_leading_mark,  ///< The name starts with a logo's letters: a short word far taller than the rest.
    count_                ///< Number of features (not a feature).
};

/// Number of candidate features.
inline constexpr std::size_t feature_count = static_cast<std::size_t>(Feature::count_);

/// Feature values of one candidate, indexed by Feature.
using FeatureVector = std::array<float, feature_count>;

/// Stable snake_case name of a feature, as used in the model file.
[[nodiscard]] std::string_view feature_name(Feature feature) noexcept;

/// The feature of a name, nullopt for an unknown one.
[[nodiscard]] std::optional<Feature> feature_from_name(std::string_view name) noexcept;

/// Features of the "no value" option of a field, scored against each document's candidates.
enum class NoneFeature : std::size_t {
    bias,       ///< 1.
    page_noise, ///< Share of the document's OCR words read unsurely.
    text_layer, ///< The document's words come from a text layer.
    count_      ///< Number of features (not a feature).
};

/// Number of features of the "no value" option.
inline constexpr std::size_t none_feature_count = static_cast<std::size_t>(NoneFeature::count_);

/// Stable name of a feature of the "no value" option.
[[nodiscard]] std::string_view none_feature_name(NoneFeature feature) noexcept;

/// Every candidate feature name, in Feature order.
[[nodiscard]] std::span<const std::string_view> all_feature_names() noexcept;
/// Every name of a feature of the "no value" option, in NoneFeature order.
[[nodiscard]] std::span<const std::string_view> all_none_feature_names() noexcept;

} // namespace docextract::detail
