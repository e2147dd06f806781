// SPDX-License-Identifier: MIT
#include "fields/amounts.hpp"

#include <doctest/doctest.h>

#include <string>

using docextract::detail::find_amounts;
using docextract::detail::format_cents;
using docextract::detail::parse_amount;

namespace {

std::string normalised(std::string_view text, bool ocr = false) {
    const auto a = parse_amount(text, ocr);
    return a ? format_cents(a->cents) : std::string("none");
}

} // namespace

TEST_SUITE("fields.amounts") {
    TEST_CASE("thousands separators and decimal marks of several locales") {
        CHECK(normalised("$1,234.50") == "1234.50");
        CHECK(normalised("1.234,50 €") == "1234.50");
        CHECK(normalised("€ 1.234,50") == "1234.50");
        CHECK(normalised("1 234,50") == "1234.50");
        CHECK(normalised("1'234.50") == "1234.50");
        CHECK(normalised("CHF 3’541.91") == "3541.91");
        CHECK(normalised("1,234,567.89") == "1234567.89");
        CHECK(normalised("1.234.567,89") == "1234567.89");
        CHECK(normalised("495") == "495.00");
        CHECK(normalised("495.00") == "495.00");
        CHECK(normalised("0,99") == "0.99");
    }

    TEST_CASE("currency marks before or after, attached or spaced") {
        CHECK(normalised("RM 12.3") == "12.30");
        CHECK(normalised("RM12.30") == "12.30");
        CHECK(normalised("EUR 617,86") == "617.86");
        CHECK(normalised("3.425,03 GBP") == "3425.03");
        CHECK(normalised("Rs. 1,200") == "1200.00");
        CHECK(normalised("£9.99") == "9.99");
        CHECK(normalised("₹ 500") == "500.00");
        CHECK(parse_amount("1.234,50 €")->currency == "EUR");
        CHECK(parse_amount("RM 12.30")->currency == "MYR");
        CHECK(parse_amount("$5")->currency == "USD");
        CHECK(parse_amount("12.00")->currency.empty());
    }

    TEST_CASE("negative amounts") {
        CHECK(normalised("-12.50") == "-12.50");
        CHECK(normalised("12.50-") == "-12.50");
        CHECK(normalised("(12.50)") == "-12.50");
        CHECK(normalised("RM -0.02") == "-0.02");
        CHECK(normalised("€ -9,32") == "-9.32");
    }

    TEST_CASE("a missing decimal mark is never guessed") {
        const auto a = parse_amount("1234");
        REQUIRE(a.has_value());
        CHECK(a->cents == 123400);
        CHECK_FALSE(a->has_decimals);
        CHECK(parse_amount("1.234")->cents == 123400); // grouped integer
        CHECK(parse_amount("12.3")->has_decimals);
    }

    TEST_CASE("malformed numbers are rejected") {
        CHECK(normalised("") == "none");
        CHECK(normalised("abc") == "none");
        CHECK(normalised("1.23.45") == "none");
        CHECK(normalised("12,3456") == "none");
        CHECK(normalised("1,2345.00") == "none");
        CHECK(normalised("12.50 13.00") == "none");
        CHECK(normalised("1O.5O") == "none");
    }

    TEST_CASE("OCR confusions are read as digits only when asked") {
        CHECK(normalised("1O.5O", true) == "10.50");
        CHECK(normalised("l2.50", true) == "12.50");
        CHECK(normalised("S.20", true) == "5.20");
        CHECK(normalised("73. 00", true) == "73.00");
        CHECK(normalised("73. 00") == "none");
        CHECK(normalised("RM28 .05", true) == "28.05");
        CHECK(normalised("12 ,50", true) == "12.50");
        CHECK(normalised("28 .05") == "none");
        CHECK(normalised("28 .5", true) == "none"); // one decimal after a space: two numbers, not one
        CHECK(docextract::detail::fix_ocr_digits("TOTAL") == "TOTAL");
        CHECK(docextract::detail::fix_ocr_digits("OO") == "OO");
        CHECK(docextract::detail::fix_ocr_digits("1I.OS") == "11.05");
        CHECK(docextract::detail::fix_ocr_digits("s2.00") == "52.00");
        CHECK(docextract::detail::fix_ocr_digits("RMO.00") == "RM0.00");
        CHECK(docextract::detail::fix_ocr_digits("PM1.00") == "RM1.00");
        CHECK(docextract::detail::fix_ocr_digits("RN24.00") == "RM24.00");
        CHECK(docextract::detail::fix_ocr_digits("$1O.5O") == "$10.50");
        CHECK(docextract::detail::fix_ocr_digits("PMS") == "PMS");
        CHECK(docextract::detail::fix_ocr_digits("RM") == "RM");
        CHECK(docextract::detail::fix_ocr_digits("Sales") == "Sales");
        CHECK(normalised("PM1.00", true) == "1.00");
        // The Swiss apostrophe read as another small mark.
        CHECK(normalised("CHF 3°852.77", true) == "3852.77");
        CHECK(normalised("3´541.91", true) == "3541.91");
    }

    TEST_CASE("find_amounts skips dates, times, percentages and numbers glued to words") {
        const std::string line = "25.12.2018 10:30 Item A4 2x 6% 12.50 Total 1.234,00 €";
        const auto found = find_amounts(line);
        REQUIRE(found.size() == 2);
        CHECK(found[0].span.in(line) == "12.50");
        CHECK(found[0].amount.cents == 1250);
        CHECK(found[1].span.in(line) == "1.234,00 €");
        CHECK(found[1].amount.cents == 123400);
        CHECK(found[1].amount.currency == "EUR");
    }

    TEST_CASE("find_amounts keeps a quantity apart from a space-grouped price") {
        const auto found = find_amounts("2 100.00");
        REQUIRE(found.size() == 2);
        CHECK(found[0].amount.cents == 200);
        CHECK(found[1].amount.cents == 10000);
    }

    TEST_CASE("format_cents") {
        CHECK(format_cents(0) == "0.00");
        CHECK(format_cents(5) == "0.05");
        CHECK(format_cents(123450) == "1234.50");
        CHECK(format_cents(-1234) == "-12.34");
    }

    TEST_CASE("currency_code maps symbols and codes") {
        using docextract::detail::currency_code;
        CHECK(currency_code("€") == "EUR");
        CHECK(currency_code("rm") == "MYR");
        CHECK(currency_code("Rs.") == "INR");
        CHECK(currency_code("₹") == "INR");
        CHECK(currency_code("CHF") == "CHF");
        CHECK(currency_code("£") == "GBP");
        CHECK(currency_code("US$") == "USD");
        CHECK(currency_code("XYZ").empty());
    }
}
