// SPDX-License-Identifier: MIT
// Tests of the evaluation rules (matching and scoring); no documents, no OCR.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "matching.hpp"
#include "scoring.hpp"

#include <doctest/doctest.h>

using namespace docextract::eval;

TEST_CASE("vendor names match ignoring case, punctuation, spaces and accents") {
    CHECK(matches("vendor", "SDN. BHD. TRADING", "sdn bhd trading"));
    CHECK(matches("vendor", "Papelería Morales SL", "PAPELERIA MORALES S.L."));
    CHECK(matches("vendor", "Keller Bürobedarf GmbH", "Keller Burobedarf GmbH"));
    CHECK_FALSE(matches("vendor", "ACME Ltd", "ACME"));
    CHECK_FALSE(matches("vendor", "", ""));
    CHECK(vendor_distance("ACME Ltd", "ACME Ltd") == 0.0);
    CHECK(vendor_distance("IKANO HANDEL SDN BHD", "TKANO HANDEL SDN BHD") <= fuzzy_vendor_distance);
    CHECK(vendor_distance("ACME", "Oravel Stays") > fuzzy_vendor_distance);
}

TEST_CASE("amounts match to the cent, dates and codes exactly, emails ignoring case, numbers ignoring # and spaces") {
    CHECK(matches("total", "495.00", "495"));
    CHECK(matches("total", "43.70", "43.7"));
    CHECK_FALSE(matches("total", "43.70", "43.71"));
    CHECK_FALSE(matches("total", "43.70", "43,70"));
    CHECK(matches("tax", "-0.02", "-0.02"));
    CHECK(matches("date", "2024-03-05", "2024-03-05"));
    CHECK_FALSE(matches("date", "2024-03-05", "2024-05-03"));
    CHECK(matches_any("date", "2024-03-05", {"2024-05-03"}, "2024-05-03"));
    CHECK(matches("email", "Westbrookbooks@yahoo.com", "westbrookbooks@yahoo.com"));
    CHECK(matches("invoice_number", "INV-42", "# INV-42"));
    CHECK(matches("invoice_number", "2024 118", "2024118"));
    CHECK_FALSE(matches("invoice_number", "INV-42", "INV-43"));
    CHECK(matches("currency", "EUR", "eur"));
    CHECK(amount_cents("12.5") == 1250);
    CHECK(amount_cents("-3") == -300);
    CHECK_FALSE(amount_cents("1,234.00").has_value());
}

TEST_CASE("summaries count labelled, emitted, correct and accepted values, and calibrate") {
    DocumentOutcome a;
    a.name = "a.pdf";
    FieldOutcome right{"total", "1.00", {}, "1.00", 0.95F, false, {}, true, false};
    FieldOutcome wrong{"vendor", "ACME", {}, "ACNE", 0.55F, true, {"below_threshold"}, false, true};
    FieldOutcome missing{"date", "2024-01-01", {}, std::nullopt, 0.0F, true, {"not_found"}, false, false};
    a.fields = {right, wrong, missing};
    DocumentOutcome b;
    b.name = "b.pdf";
    b.error = "corrupt";
    const Summary s = summarise({a, b});
    CHECK(s.documents == 2);
    CHECK(s.failed == 1);
    CHECK(s.field_order == std::vector<std::string>{"vendor", "date", "total"});
    const FieldStats& total = s.fields.at("total");
    CHECK(total.labelled == 1);
    CHECK(total.precision() == 1.0);
    CHECK(total.coverage() == 1.0);
    const FieldStats& vendor = s.fields.at("vendor");
    CHECK(vendor.emitted == 1);
    CHECK(vendor.correct == 0);
    CHECK(vendor.fuzzy_correct == 1);
    CHECK(vendor.accepted == 0);
    CHECK(s.overall.labelled == 3);
    CHECK(s.overall.emitted == 2);
    CHECK(s.overall.correct == 1);
    CHECK(s.overall.recall() == doctest::Approx(1.0 / 3));
    CHECK(s.overall.f1() == doctest::Approx(0.4));
    CHECK(s.calibration[9].count == 1);
    CHECK(s.calibration[9].accuracy() == 1.0);
    CHECK(s.calibration[5].count == 1);
    CHECK(s.calibration[5].accuracy() == 0.0);
    CHECK(s.calibration[5].mean_confidence() == doctest::Approx(0.55));
}
