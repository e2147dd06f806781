// SPDX-License-Identifier: MIT
// Field rules for OCR readings of receipts: misread label letters, broken amounts, totals repaired by arithmetic.
#include "fields/labels.hpp"
#include "fields/totals.hpp"

#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include "fixture_fields.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using docextract::Field;
using docextract::PageText;
using docextract::detail::find_labels;
using docextract::detail::LabelKind;
using docextract::detail::one_digit_apart;

namespace {

std::vector<Field> extract(std::string_view text, docextract::TextSource source = docextract::TextSource::ocr) {
    return fixture::extract_text(text, source);
}

LabelKind only_kind(const std::string& text) {
    const auto labels = find_labels(text, docextract::detail::LabelSpelling::ocr_tolerant);
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

    TEST_CASE("OCR readings of 'excluding' and run-together German labels still make their labels") {
        CHECK(only_kind("Total (Exotuding 6st): 21,30") == LabelKind::subtotal);
        CHECK(only_kind("Total (Excluding GST): 21.30") == LabelKind::subtotal);
        CHECK(only_kind("Total exceeding 21.30") == LabelKind::total);
        // Words OCR ran together: "Summe netto".
        CHECK(only_kind("Summenetto CHF 3577.32") == LabelKind::subtotal);
        CHECK(only_kind("Summebrutto CHF 3852.77") == LabelKind::total_strong);
    }

    TEST_CASE("OCR readings of the rounding label still mark the total after it as the payable one") {
        CHECK(only_kind("ROUNCING 0.02") == LabelKind::rounding);
        CHECK(only_kind("R0UNDING ADJ 0.01") == LabelKind::rounding);
        // The rounding amount itself misread (0.92 for 0.02): the total on 5 cents beside the one before rounding
        // is still the payable total.
        const auto fields = extract("ANEKA SDN BHD\nITEM 2 Total with GST @ 6% 6.83\nQTY 3 ROUNCING 0.92\n"
                                    "TOTAL SAVING: 0.00 TOTAL 6.85\n");
        CHECK(fixture::field_value(fields, "total") == "6.85");
    }

    TEST_CASE("long one-word labels with an OCR error or two are labels on OCR pages, weaker, never on text layers") {
        using docextract::detail::LabelSpelling;
        const auto misread = find_labels("Towalbedrag EUR 617,86", LabelSpelling::ocr_tolerant);
        REQUIRE(misread.size() == 1);
        CHECK(misread[0].kind == LabelKind::total_strong);
        CHECK(misread[0].strength < 1.0F);
        CHECK(find_labels("Base imponitle 15 296,05", LabelSpelling::ocr_tolerant).at(0).kind == LabelKind::subtotal);
        CHECK(find_labels("Towalbedrag EUR 617,86").empty());
        // Short words stay exact ("Charge" is no "Change"); a first letter that differs is another word; a word
        // as close to two kinds of label is none of them.
        CHECK(find_labels("Service Charge 5.00", LabelSpelling::ocr_tolerant).empty());
        CHECK(find_labels("Founding partners", LabelSpelling::ocr_tolerant).empty());
        CHECK(find_labels("Subtotals", LabelSpelling::ocr_tolerant).at(0).kind == LabelKind::subtotal);
        const auto fields = extract("BAKKERIJ JANSEN B.V.\nSubtotaal EUR 510,63\nBTW 21% EUR 107,23\n"
                                    "Towalbedrag EUR 617,86\nBetaald EUR 617,86\n");
        CHECK(fixture::field_value(fields, "total") == "617.86");
    }

    TEST_CASE("the amount to be paid is the total, not the cash handed over") {
        const auto fields = extract(R"(KEDAI MAJU SDN BHD
Discount: 0.06
Rounding Adjustment: 0.01
Amount To Be Paid : 25.45
Cash Received : 25.50
Change : 0.05
)");
        CHECK(fixture::field_value(fields, "total") == "25.45");
    }

    TEST_CASE("a total with one misread digit is repaired by cash minus change, not when printed twice alike") {
        CHECK(one_digit_apart(840, 860));
        CHECK_FALSE(one_digit_apart(840, 870 + 100));
        CHECK_FALSE(one_digit_apart(1200, 12000));
        // Misread digits are the ones OCR was unsure of.
        const auto repaired = fixture::extract_page(fixture::with_confidence(
            docextract::page_from_text("SHOP SDN BHD\nTOTAL INCL. GST RM 8.40\nCASH RM 20.00\nCHANGE RM 11.40\n",
                                       docextract::TextSource::ocr),
            "8.40", 0.6F));
        CHECK(fixture::field_value(repaired, "total") == "8.60");
        // The total printed twice alike outweighs a change that may itself be misread.
        const auto twice = extract("SHOP SDN BHD\nTotal with GST 12.00\nTOTAL 12.00\nCash 50.00\nCHANGE 36.00\n");
        CHECK(fixture::field_value(twice, "total") == "12.00");
        // A total on 5 cents a cent away from subtotal plus tax is rounded, not misread.
        const auto rounded = extract("SHOP SDN BHD\nSub Total : 234.00\nTotal GST : 14.04\nTotal : 248.05\n");
        CHECK(fixture::field_value(rounded, "total") == "248.05");
    }

    TEST_CASE("a total read with confidence is not repaired by a cash line read less surely") {
        // Cash 50.00 read as 56.00 and change 29.95 as 27.95: their difference is one digit from the total.
        docextract::PageText page =
            docextract::page_from_text("SEGI SDN BHD\nTotal Incl. GST: RM 20.05\nCash: RM 56.00\nChange : RM 27.95\n",
                                       docextract::TextSource::ocr);
        page = fixture::with_confidence(std::move(page), "20.05", 0.93F);
        page = fixture::with_confidence(std::move(page), "56.00", 0.71F);
        page = fixture::with_confidence(std::move(page), "27.95", 0.72F);
        CHECK(fixture::field_value(fixture::extract_page(page), "total") == "20.05");
        // The same page with the total read unsurely: the arithmetic repairs it.
        page = fixture::with_confidence(std::move(page), "20.05", 0.5F);
        CHECK(fixture::field_value(fixture::extract_page(page), "total") == "28.05");
    }

    TEST_CASE("the total after a rounding line is the payable total, also when the rounding amount is unreadable") {
        const auto derived = extract("SUSHI SDN BHD\nTotal (Inclusive of GST): 41.52\nRounding Adj: -0.02\n");
        CHECK(fixture::field_value(derived, "total") == "41.50");
        const auto unreadable =
            extract("SUSHI SDN BHD\nTotal (Inclusive of GST): 23.26\nRounding Adj: ~0.0)\nTOTAL: 23.25\n");
        CHECK(fixture::field_value(unreadable, "total") == "23.25");
    }

    TEST_CASE("a total under half the subtotal is doubted unless a discount explains it") {
        const auto confidence = [](const std::vector<Field>& fields) {
            const auto it =
                std::find_if(fields.begin(), fields.end(), [](const Field& f) { return f.name == "total"; });
            return it != fields.end() && it->value ? it->confidence : 0.0F;
        };
        // The same rows, once with a subtotal the total can be (8.68) and once with one it is under half of.
        const auto agreeing = extract("MINI MARKET SDN BHD\nSUB-TOTAL 8.68\nTOTAL T 8.68\n");
        const auto under = extract("MINI MARKET SDN BHD\nSUB-TOTAL 144.68\nTOTAL T 8.68\n");
        CHECK(fixture::field_value(agreeing, "total") == "8.68");
        CHECK(confidence(under) < confidence(agreeing) - 0.05F);
        const auto discounted = extract("SHOP LTD\nSubtotal 100.00\nDiscount 60.00\nTotal 40.00\n");
        CHECK(fixture::field_value(discounted, "total") == "40.00");
    }

    TEST_CASE("spaces around a decimal mark, or in place of a lost one, inside a labelled amount") {
        CHECK(fixture::field_value(extract("CAFE SDN BHD\nSubtotal: 165.08\nTotal: 105 . 00\n"), "total") == "105.00");
        const auto lost = extract("CAFE SDN BHD\n3 00 x 2.00 6.00 SR\nTotal incl of GST 6 00\nChange Due 0.00\n");
        CHECK(fixture::field_value(lost, "total") == "6.00");
        // Not where the slot holds a real amount already, and not for a date or a phone number.
        CHECK(fixture::field_value(extract("CAFE SDN BHD\nTotal 12 34.50\n"), "total") == "34.50");
        CHECK(fixture::field_value(extract("CAFE SDN BHD\nTotal 3.00\nDate 12/06 18\n"), "total") == "3.00");
    }

    TEST_CASE("a quote speck after a date separator does not hide the date") {
        CHECK(fixture::field_value(extract("CAFE SDN BHD\nDate i 23- \u201c06- 2018 21:54\nTotal 3.00\n"), "date") ==
              "2018-06-23");
        CHECK(fixture::field_value(extract("CAFE SDN BHD\nDate: 23/'06/2018\nTotal 3.00\n"), "date") == "2018-06-23");
    }

    TEST_CASE("a dash standing apart after a tax label is a separator, not a minus") {
        const auto fields = extract(R"(Beratung GmbH
Zwischensumme 17.374,81 EUR
Umsatzsteuer 19% 1.987,25 EUR
Umsatzsteuer 7 % 484,09 EUR
Summe MwSt.- 2.471,34 EUR
Gesamtbetrag 19.846,15 EUR
)",
                                    docextract::TextSource::text_layer);
        CHECK(fixture::field_value(fields, "tax") == "2471.34");
        CHECK(fixture::field_value(fields, "total") == "19846.15");
    }

    TEST_CASE("an apostrophe between month name and day ('Oct\u20194, 2025') is OCR noise") {
        const auto fields = extract(
            "Foster Ltd\nInvoice date: Oct\u20194, 2025\nService period: Sep 1, 2025 to Sep 30, 2026\nTotal 5.00\n");
        CHECK(fixture::field_value(fields, "date") == "2025-10-04");
    }

    TEST_CASE("an unsure first word of a name in the name's own print stays, a logo scrap of another size goes") {
        const auto vendor_of = [](int first_word_height) {
            auto page = docextract::page_from_text("TEO HENG STATIONERY & BOOKS\nJALAN BESAR 5\nTotal 5.00\n",
                                                   docextract::TextSource::ocr);
            auto& first = page.lines[0].words[0];
            first.confidence = 0.29F;
            first.box.height = first_word_height;
            const auto extractor = docextract::make_rule_extractor();
            const std::vector<PageText> pages{page};
            return fixture::field_value(extractor->extract(pages), "vendor");
        };
        const int height = docextract::page_from_text("A\n", docextract::TextSource::ocr).lines[0].words[0].box.height;
        CHECK(vendor_of(height) == "TEO HENG STATIONERY & BOOKS");
        CHECK(vendor_of(height * 3) == "HENG STATIONERY & BOOKS");
    }

    TEST_CASE("OCR readings of German due-date labels: 'Zahibar bis', 'AHLUNGSZIEL' without its Z") {
        CHECK(only_kind("Zahibar bis 02.07.2019") == LabelKind::date_due);
        CHECK(only_kind("-AHLUNGSZIEL 29.04.2020") == LabelKind::date_due);
        const auto fields = extract("Lorenz GmbH\nBelegdatum 02.06.2019\nZahibar bis 02.07.2019\nGesamtbetrag 5,00\n");
        CHECK(fixture::field_value(fields, "date") == "2019-06-02");
        CHECK(fixture::field_value(fields, "due_date") == "2019-07-02");
    }
}
