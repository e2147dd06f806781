// SPDX-License-Identifier: MIT
#include "fields/labels.hpp"
#include "fields/layout.hpp"

#include <docextract/text.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using docextract::detail::find_labels;
using docextract::detail::LabelKind;

namespace {

/// Kind of the single label expected in the text, with its wording.
std::pair<LabelKind, std::string> only_label(const std::string& text) {
    const auto labels = find_labels(text);
    REQUIRE_MESSAGE(labels.size() == 1, text);
    return {labels[0].kind, std::string(labels[0].span.in(text))};
}

} // namespace

TEST_SUITE("fields.labels") {
    TEST_CASE("invoice number labels in several languages and spellings") {
        for (const std::string text :
             {"Invoice No.: 123", "INVOICE NO 123", "Invoice #123", "Invoice Number 123", "Inv. No. 123",
              "Rechnungsnummer 123", "Rechnung Nr. 123", "Re.-Nr. 123", "Factuurnummer: 123", "Facture N° 123",
              "N° de facture 123", "Factura nº 123", "Número de factura 123", "No. Invois: 123"}) {
            CHECK_MESSAGE(only_label(text).first == LabelKind::invoice_number, text);
        }
        CHECK(only_label("Receipt No: 88").first == LabelKind::receipt_number);
        CHECK(only_label("Bon Nr: 88").first == LabelKind::receipt_number);
        CHECK(only_label("N° ticket 88").first == LabelKind::receipt_number);
        CHECK(only_label("Document no. 88").first == LabelKind::invoice_number);
    }

    TEST_CASE("distractor numbers are labelled as such") {
        CHECK(only_label("Order No: 7").first == LabelKind::other_number);
        CHECK(only_label("Customer No. 7").first == LabelKind::other_number);
        CHECK(only_label("Kunden-Nr. 7").first == LabelKind::other_number);
        CHECK(only_label("GST Reg No: 7").first == LabelKind::other_number);
        CHECK(only_label("USt-IdNr.: DE1").first == LabelKind::other_number);
    }

    TEST_CASE("the longer wording wins over a shorter one inside it") {
        CHECK(only_label("Subtotal 10.00") == std::make_pair(LabelKind::subtotal, std::string("Subtotal")));
        CHECK(only_label("Sub Total 10.00").first == LabelKind::subtotal);
        const auto misread = find_labels("Subtoal 10.00", docextract::detail::LabelSpelling::ocr_tolerant);
        REQUIRE(misread.size() == 1);
        CHECK(misread[0].kind == LabelKind::subtotal);
        CHECK(find_labels("Payment terms: 14 days").empty());
        CHECK(only_label("Total excl. VAT 10.00").first == LabelKind::subtotal);
        CHECK(only_label("Totaal excl. BTW 10,00").first == LabelKind::subtotal);
        CHECK(only_label("Total incl. VAT 12.00").first == LabelKind::total_strong);
        CHECK(only_label("Totaal incl. BTW 12,00").first == LabelKind::total_strong);
        CHECK(only_label("Total (incl. GST) 12.00").first == LabelKind::total_strong);
        CHECK(only_label("TOTAL SALES (INCLUSIVE OF GST) 12.00").first == LabelKind::total_strong);
        CHECK(only_label("Total Sales (Excluding GST) 10.00").first == LabelKind::subtotal);
        CHECK(only_label("Total GST 2.00").first == LabelKind::tax);
        CHECK(only_label("Summe MwSt. 2,00").first == LabelKind::tax);
        CHECK(only_label("Total Qty: 3").first == LabelKind::quantity);
        CHECK(only_label("Due Date: 1.1.2024").first == LabelKind::date_due);
        CHECK(only_label("Invoice Date: 1.1.2024").first == LabelKind::date_invoice);
        CHECK(only_label("Order date 1.1.2024").first == LabelKind::date_other);
        CHECK(only_label("Te betalen voor 1-1-2024").first == LabelKind::date_due);
        CHECK(only_label("Te betalen € 10,00").first == LabelKind::amount_due);
    }

    TEST_CASE("total wordings") {
        for (const std::string text :
             {"Grand Total", "TOTAL AMOUNT", "Amount payable", "Total Rounded", "Nett Total", "Gesamtbetrag",
              "Rechnungsbetrag", "Totaalbedrag", "Total TTC", "Net à payer", "Importe total", "Total a pagar"}) {
            CHECK_MESSAGE(only_label(text).first == LabelKind::total_strong, text);
        }
        for (const std::string text : {"Total", "TOTAL", "Totaal", "T0TAL", "TOTAI", "Summe"}) {
            CHECK_MESSAGE(only_label(text).first == LabelKind::total, text);
        }
        CHECK(only_label("Balance due").first == LabelKind::amount_due);
        CHECK(only_label("Rounding Adj").first == LabelKind::rounding);
        CHECK(only_label("CASH").first == LabelKind::payment);
        CHECK(only_label("Change").first == LabelKind::change);
        CHECK(only_label("Anzahlung").first == LabelKind::paid);
    }

    TEST_CASE("labels are words: no matches inside longer words") {
        CHECK(find_labels("Totality of things").empty());
        CHECK(find_labels("datetime").empty());
        CHECK(find_labels("invoice_number_1").empty());
        CHECK(only_label("Gesamtsumme_ 12,00").first == LabelKind::total_strong); // OCR underline
    }

    TEST_CASE("several labels in one row, left to right, with their languages") {
        const std::string text = "Factuurnummer 993 Factuurdatum 19 april 2014 Vervaldatum 3 mei 2014";
        const auto labels = find_labels(text);
        REQUIRE(labels.size() == 3);
        CHECK(labels[0].kind == LabelKind::invoice_number);
        CHECK(labels[1].kind == LabelKind::date_invoice);
        CHECK(labels[2].kind == LabelKind::date_due);
        CHECK(labels[0].locale == "nl");
        CHECK(labels[0].day_first);
        const auto english = find_labels("Invoice date 04/05/2014");
        REQUIRE(english.size() == 1);
        CHECK(english[0].locale == "en");
        CHECK_FALSE(english[0].day_first);
        CHECK(labels[0].span.begin < labels[1].span.begin);
    }
}

TEST_SUITE("fields.layout") {
    using docextract::Box;
    using docextract::PageText;
    using docextract::TextLine;
    using docextract::TextWord;

    TEST_CASE("lines from different blocks on one baseline form one row, left to right") {
        PageText page;
        page.width = 1000;
        page.height = 1000;
        TextLine value;
        value.block = 2;
        value.words.push_back(TextWord{"14.10", 0.9F, Box{800, 502, 80, 20}});
        TextLine label;
        label.block = 1;
        label.words.push_back(TextWord{"TOTAL", 0.8F, Box{100, 500, 90, 22}});
        TextLine below;
        below.words.push_back(TextWord{"CASH", 1.0F, Box{100, 540, 70, 20}});
        page.lines = {value, label, below};
        const std::vector<PageText> pages{page};
        const auto layout = docextract::detail::build_layout(pages);
        REQUIRE(layout.rows.size() == 2);
        const auto& row = layout.rows[0];
        CHECK(row.text == "TOTAL 14.10");
        CHECK(row.chunks == 2); // a wide gap separates label and value
        CHECK(row.chunk_text(1) == "14.10");
        CHECK(row.box == Box{100, 500, 780, 22});
        const auto [first, last] = row.words_in(docextract::detail::Span{6, 11});
        CHECK(first == 1);
        CHECK(last == 2);
        CHECK(row.confidence_of(0, 2) == doctest::Approx(0.85));
        CHECK(layout.rows[1].text == "CASH");
        CHECK(row.relative_y() == doctest::Approx(0.511));
    }

    TEST_CASE("overlapping words are not merged into one row") {
        PageText page;
        page.width = 1000;
        page.height = 1000;
        TextLine a;
        a.words.push_back(TextWord{"first", 1.0F, Box{100, 100, 200, 30}});
        TextLine b;
        b.words.push_back(TextWord{"second", 1.0F, Box{150, 110, 200, 30}});
        page.lines = {a, b};
        const std::vector<PageText> pages{page};
        CHECK(docextract::detail::build_layout(pages).rows.size() == 2);
    }
}
