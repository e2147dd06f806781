// SPDX-License-Identifier: MIT
#include "feature_groups.hpp"

#include <docextract/field_model.hpp>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace docextract::train {

namespace {

const std::array<FeatureGroup, 7> groups = {{
    {"label",
     {"label", "rows_below", "total_label_strong", "total_label_due", "total_subtotal_label", "total_payment_label",
      "number_is_other", "vendor_label_row", "vendor_number_label", "date_distractor"}},
    {"geometry",
     {"relative_y", "later_page", "total_lower_half", "total_top_third", "vendor_top", "vendor_upper", "vendor_footer",
      "vendor_middle", "vendor_first_row", "vendor_tallest", "vendor_tall", "vendor_taller", "vendor_leading_mark",
      "email_edge_position", "vendor_customer"}},
    {"ocr", {"ocr_gap", "page_noise", "vendor_misread_marks", "line_reading", "date_repaired", "total_alternative"}},
    {"support",
     {"support", "vendor_repeated", "second_reading", "vendor_domain", "email_vendor_domain", "vendor_completes_name",
      "currency_on_total", "currency_on_amount"}},
    {"arithmetic",
     {"arithmetic_ok", "arithmetic_bad", "total_repaired_digit", "total_pre_rounding", "total_rounded",
      "total_partial_balance", "total_below_subtotal", "amount_not_below_total", "total_cents_5", "total_max_labelled",
      "total_largest", "tax_sum_row", "amount_zero", "implausible", "total_not_positive", "total_detached_dash"}},
    {"document", {"text_layer"}},
    {"vocabulary",
     {"ambiguous",
      "total_no_decimals",
      "total_currency_mark",
      "total_unlabelled",
      "total_table_row",
      "date_with_time",
      "date_two_digit_year",
      "date_compact",
      "number_shape_mixed",
      "number_shape_digits",
      "number_too_short",
      "number_too_long",
      "number_bare_pattern",
      "email_role_account",
      "currency_code_word",
      "currency_dollar_only",
      "vendor_legal_suffix",
      "vendor_business_word",
      "vendor_address",
      "vendor_town_line",
      "vendor_date_or_amount",
      "vendor_sentence",
      "vendor_generic",
      "vendor_short",
      "vendor_digits",
      "vendor_amount_row",
      "vendor_lower_case",
      "vendor_dangling",
      "vendor_joined_lines"}},
}};

} // namespace

std::span<const FeatureGroup> feature_groups() {
    return groups;
}

std::vector<std::size_t> features_of_groups(const std::vector<std::string>& names) {
    const auto all = candidate_feature_names();
    std::vector<std::size_t> out;
    for (const auto& name : names) {
        const auto group =
            std::find_if(groups.begin(), groups.end(), [&](const FeatureGroup& g) { return g.name == name; });
        if (group == groups.end()) {
            throw std::invalid_argument("unknown feature group '" + name + "'");
        }
        for (const auto feature : group->features) {
            const auto it = std::find(all.begin(), all.end(), feature);
            if (it != all.end()) {
                out.push_back(static_cast<std::size_t>(it - all.begin()));
            }
        }
    }
    return out;
}

} // namespace docextract::train
