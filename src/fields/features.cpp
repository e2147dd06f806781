// SPDX-License-Identifier: MIT
#include "fields/features.hpp"

#include <algorithm>

namespace docextract::detail {

namespace {

constexpr std::array<std::string_view, feature_count> names = {
    "bias",
    "label",
    "rows_below",
    "ocr_gap",
    "arithmetic_ok",
    "arithmetic_bad",
    "ambiguous",
    "implausible",
    "support",
    "relative_y",
    "text_layer",
    "later_page",
    "second_reading",
    "line_reading",
    "page_noise",
    "total_lower_half",
    "total_top_third",
    "total_no_decimals",
    "total_currency_mark",
    "total_not_positive",
    "total_partial_balance",
    "total_detached_dash",
    "total_alternative",
    "total_pre_rounding",
    "total_unlabelled",
    "total_subtotal_label",
    "total_payment_label",
    "total_table_row",
    "total_largest",
    "total_repaired_digit",
    "total_rounded",
    "total_below_subtotal",
    "total_label_strong",
    "total_label_due",
    "total_cents_5",
    "total_max_labelled",
    "tax_sum_row",
    "amount_not_below_total",
    "amount_zero",
    "date_distractor",
    "date_with_time",
    "date_two_digit_year",
    "date_compact",
    "date_repaired",
    "number_shape_mixed",
    "number_shape_digits",
    "number_too_short",
    "number_too_long",
    "number_is_other",
    "number_bare_pattern",
    "email_role_account",
    "email_vendor_domain",
    "email_edge_position",
    "currency_on_total",
    "currency_on_amount",
    "currency_code_word",
    "currency_dollar_only",
    "vendor_legal_suffix",
    "vendor_business_word",
    "vendor_top",
    "vendor_upper",
    "vendor_footer",
    "vendor_middle",
    "vendor_first_row",
    "vendor_tallest",
    "vendor_tall",
    "vendor_taller",
    "vendor_repeated",
    "vendor_domain",
    "vendor_customer",
    "vendor_label_row",
    "vendor_number_label",
    "vendor_address",
    "vendor_town_line",
    "vendor_date_or_amount",
    "vendor_sentence",
    "vendor_generic",
    "vendor_short",
    "vendor_digits",
    "vendor_amount_row",
    "vendor_lower_case",
    "vendor_completes_name",
    "vendor_dangling",
    "vendor_joined_lines",
    "vendor_misread_marks",
    "vendor_leading_mark",
};

constexpr std::array<std::string_view, none_feature_count> none_names = {"bias", "page_noise", "text_layer"};

} // namespace

std::string_view feature_name(Feature feature) noexcept {
    const auto i = static_cast<std::size_t>(feature);
    return i < names.size() ? names[i] : std::string_view();
}

std::optional<Feature> feature_from_name(std::string_view name) noexcept {
    const auto it = std::find(names.begin(), names.end(), name);
    if (it == names.end()) {
        return std::nullopt;
    }
    return static_cast<Feature>(it - names.begin());
}

std::string_view none_feature_name(NoneFeature feature) noexcept {
    const auto i = static_cast<std::size_t>(feature);
    return i < none_names.size() ? none_names[i] : std::string_view();
}

std::span<const std::string_view> all_feature_names() noexcept {
    return names;
}

std::span<const std::string_view> all_none_feature_names() noexcept {
    return none_names;
}

} // namespace docextract::detail
