// SPDX-License-Identifier: MIT
// Field rules for OCR readings of receipts: misread label letters, broken amounts, totals repaired by arithmetic.
#include "fields/labels.hpp"

#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

using docextract::Field;
using docextract::PageText;
using docextract::detail::find_labels;
using docextract::detail::LabelKind;

namespace {

std::vector<Field> extract(std::string_view text, docextract::TextSource source = docextract::TextSource::ocr) {
    const auto extractor = docextract::make_rule_extractor();
    const std::vector<PageText> pages{docextract::page_from_text(text, source)};
    return extractor->extract(pages);
}

std::string value(const std::vector<Field>& fields, std::string_view name) {
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
    return it != fields.end() && it->value ? *it->value : std::string("<none>");
}

LabelKind only_kind(const std::string& text) {
    const auto labels = find_labels(text);
    REQUIRE_MESSAGE(labels.size() == 1, text);
    return labels[0].kind;
}

} // namespace

TEST_SUITE("fields.ocr_variants") {
    TEST_CASE("OCR readings of total labels: a bracket or a lost l, j for T, n for m") {
        CHECK(only_kind("Tota] Incl. GST RM 8.95") == LabelKind::total_strong);
        CHECK(only_kind("Grand Tota. : 6.70") == LabelKind::total_strong);
        CHECK(only_kind("jotal After Rounding 85.10") == LabelKind::total_strong);
        CHECK(only_kind("Anount Incl. GST 5.00") == LabelKind::total_strong);
        CHECK(only_kind("Amount To Be Paid : 25.45") == LabelKind::amount_due);
        // "Tota" without its l is only a label after "Grand": a bare word "Tota" names nothing.
        CHECK(find_labels("Tota 12").empty());
    }

    TEST_CASE("the amount to be paid is the total, not the cash handed over") {
        const auto fields = extract(R"(KEDAI MAJU SDN BHD
Discount: 0.06
Rounding Adjustment: 0.01
Amount To Be Paid : 25.45
Cash Received : 25.50
Change : 0.05
)");
        CHECK(value(fields, "total") == "25.45");
    }
}
