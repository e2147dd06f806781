// SPDX-License-Identifier: MIT
#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include "fixture_fields.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

using docextract::Field;
using docextract::FieldSource;
using docextract::PageText;
using docextract::ReviewReason;

namespace {

std::vector<Field> extract_text(std::string_view text, const docextract::ExtractorOptions& options = {},
                                docextract::TextSource source = docextract::TextSource::text_layer) {
    return fixture::extract_text(text, source, options);
}

const Field& get(const std::vector<Field>& fields, std::string_view name) {
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
    REQUIRE_MESSAGE(it != fields.end(), name);
    return *it;
}

bool has_reason(const Field& f, ReviewReason r) {
    return std::find(f.reasons.begin(), f.reasons.end(), r) != f.reasons.end();
}

// An English invoice with a letterhead, a customer block, meta data, items and totals.
constexpr std::string_view english_invoice = R"(Northwind Traders Ltd
12 Harbour Road, Bristol BS1 4DJ
accounts@northwind-traders.co.uk

Bill To:                            Invoice No:      INV-2024-0042
Contoso Pharmacy Limited            Invoice Date:    05/03/2024
7 Market Street                     Due Date:        04/04/2024
orders@contoso-pharmacy.com         Order No:        PO-7781

Description            Qty      Unit Price      Amount
Paper A4 box            2           12.50        25.00
Toner cartridge         1           75.00        75.00

                                  Subtotal         100.00
                                  VAT 20%           20.00
                                  Total          £120.00

Thank you for your business.
)";

} // namespace

TEST_SUITE("fields.extractor") {
    TEST_CASE("the core fields come first, in order, followed by currency") {
        const auto fields = extract_text(english_invoice);
        REQUIRE(fields.size() >= 6);
        for (std::size_t i = 0; i < docextract::core_field_names.size(); ++i) {
            CHECK(fields[i].name == docextract::core_field_names[i]);
        }
        CHECK(fields[5].name == "currency");
    }

    TEST_CASE("an English invoice: every field, normalised") {
        const auto fields = extract_text(english_invoice);
        CHECK(fixture::field_value(fields, "vendor") == "Northwind Traders Ltd");
        CHECK(fixture::field_value(fields, "invoice_number") == "INV-2024-0042");
        CHECK(fixture::field_value(fields, "date") == "2024-03-05");
        CHECK(fixture::field_value(fields, "total") == "120.00");
        CHECK(fixture::field_value(fields, "email") == "accounts@northwind-traders.co.uk");
        CHECK(fixture::field_value(fields, "currency") == "GBP");
        CHECK(fixture::field_value(fields, "subtotal") == "100.00");
        CHECK(fixture::field_value(fields, "tax") == "20.00");
        CHECK(fixture::field_value(fields, "due_date") == "2024-04-04");
        const Field& total = get(fields, "total");
        CHECK(total.raw_text == "£120.00");
        CHECK(total.source == FieldSource::text_layer);
        CHECK(total.page == 0);
        REQUIRE(total.box.has_value());
        CHECK(total.box->y == 15 * 40);
        CHECK(total.confidence > 0.8F);
        CHECK_FALSE(total.needs_review);
        CHECK(get(fields, "invoice_number").confidence > 0.8F);
    }

    TEST_CASE("a German invoice with decimal commas, month names and German labels") {
        const auto fields = extract_text(R"(Keller Gastronomiebedarf AG
Keller Gastronomiebedarf AG - Gewerbering 56 - 01040 Dresden
Herrn Daniel Jansen                      Re.-Nr.          RE-2007-422
Gewerbering 130                          Rechnungsdatum   11. Juli 2020
80125 München                            Fällig am        25.07.2020

Pos.  Artikel              Anzahl    E-Preis     Summe
1     Orangensaft          12        17,42       209,04
2     Kaffeebohnen 1 kg    50        23,50     1.175,00

                                   Summe netto       1.384,04 €
                                   zzgl. MwSt. 19 %    262,97 €
                                   Gesamtbetrag      1.647,01 €

Keller Gastronomiebedarf AG · rechnung@keller-gastronomiebedarf.de
)");
        CHECK(fixture::field_value(fields, "vendor") == "Keller Gastronomiebedarf AG");
        CHECK(fixture::field_value(fields, "invoice_number") == "RE-2007-422");
        CHECK(fixture::field_value(fields, "date") == "2020-07-11");
        CHECK(fixture::field_value(fields, "total") == "1647.01");
        CHECK(fixture::field_value(fields, "email") == "rechnung@keller-gastronomiebedarf.de");
        CHECK(fixture::field_value(fields, "currency") == "EUR");
        CHECK(fixture::field_value(fields, "due_date") == "2020-07-25");
        CHECK(has_reason(get(fields, "total"), ReviewReason::arithmetic_mismatch) == false);
    }

    TEST_CASE("Dutch, French and Spanish labels") {
        auto fields = extract_text(R"(Visser Catering B.V.
Factuurnummer: RE-2408-853
Factuurdatum: 04-08-2024
Vervaldatum: 25-08-2024
Totaal excl. BTW      € 886,74
BTW 21%               € 201,75
Totaal incl. BTW    € 1.088,49
)");
        CHECK(fixture::field_value(fields, "invoice_number") == "RE-2408-853");
        CHECK(fixture::field_value(fields, "date") == "2024-08-04");
        CHECK(fixture::field_value(fields, "total") == "1088.49");
        fields = extract_text(R"(Mercier Informatique S.A.R.L.
Facture N° F-000123
Date de facture : 12 décembre 2024
Échéance : 11 janvier 2025
Total HT       1 000,00 €
TVA 20 %         200,00 €
Total TTC      1 200,00 €
)");
        CHECK(fixture::field_value(fields, "vendor") == "Mercier Informatique S.A.R.L.");
        CHECK(fixture::field_value(fields, "invoice_number") == "F-000123");
        CHECK(fixture::field_value(fields, "date") == "2024-12-12");
        CHECK(fixture::field_value(fields, "total") == "1200.00");
        fields = extract_text(R"(Papelería Morales SL
Nº Factura: PU64-8495-M
Fecha factura: 28 de junio de 2020
Base imponible    2.069,04 €
Cuota IVA           434,50 €
Importe total     2.503,54 €
)");
        CHECK(fixture::field_value(fields, "vendor") == "Papelería Morales SL");
        CHECK(fixture::field_value(fields, "invoice_number") == "PU64-8495-M");
        CHECK(fixture::field_value(fields, "date") == "2020-06-28");
        CHECK(fixture::field_value(fields, "total") == "2503.54");
    }

    TEST_CASE("a VAT summary table: the tax is read under its column word") {
        auto fields = extract_text(R"(Ferretería Ejemplo
Calle Mayor, 43
05/01/2023 21:46
Ticket n° T-68236
Alargador 5 m                  12,07
TOTAL                        12,07 €
VISA                           12,07
IVA        Base      Cuota     Total
21%        9,98       2,09     12,07
Gracias por su confianza.
)",
                                   {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(fields, "tax") == "2.09");
        CHECK(fixture::field_value(fields, "total") == "12.07");
        fields = extract_text(R"(Beispiel Handel GmbH
Rechnung Nr. 2024-17
Datum: 03.02.2024
MwSt       Netto     Steuer    Brutto
19 %       83,82      15,93     99,75
Gesamtbetrag                    99,75 EUR
)");
        CHECK(fixture::field_value(fields, "tax") == "15.93");
        CHECK(fixture::field_value(fields, "total") == "99.75");
    }

    TEST_CASE("a Malaysian receipt: legal-name line, TAX INVOICE, cash and change") {
        const auto fields = extract_text(R"(SAM SAM TRADING CO
(742014-W)
67,JLN MEWAH 25/63 TAMAN SRI MUDA,
40400 SHAH ALAM.
TEL/FAX : 03-51213881
TAX INVOICE
EZL A4 CYBER PAPER      1X   8.90    8.90 S
SUPER GLUE              1X   5.20    5.20 S
TOTAL                          RM 14.10
ROUNDING                        RM 0.00
CASH                           RM 20.00
CHANGE                          RM 5.90
29-12-2017 Time : 20:17
THANK YOU FOR SHOPPING
)",
                                         {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(fields, "vendor") == "SAM SAM TRADING CO");
        CHECK(fixture::field_value(fields, "date") == "2017-12-29");
        CHECK(fixture::field_value(fields, "total") == "14.10");
        CHECK(fixture::field_value(fields, "currency") == "MYR");
        CHECK(get(fields, "total").source == FieldSource::ocr);
        CHECK_FALSE(has_reason(get(fields, "total"), ReviewReason::arithmetic_mismatch));
    }

    TEST_CASE("the grand total beats subtotal, tax, cash, change and rounding lines") {
        const auto fields = extract_text(R"(Corner Bakery Sdn Bhd
Sub Total          30.00
GST 6%              1.80
Rounding Adj       -0.05
Grand Total        31.75
Cash               50.00
Change             18.25
)");
        CHECK(fixture::field_value(fields, "total") == "31.75");
        CHECK(fixture::field_value(fields, "subtotal") == "30.00");
        CHECK(fixture::field_value(fields, "tax") == "1.80");
    }

    TEST_CASE("a rounded total beats the total before rounding") {
        const auto fields = extract_text(R"(Kedai Runcit Enterprise
Total Incl. GST     14.12
Rounding            -0.02
Total Rounded       14.10
Cash                20.00
Change               5.90
)");
        CHECK(fixture::field_value(fields, "total") == "14.10");
    }

    TEST_CASE("a tax word inside the total's wording belongs to the total") {
        const auto fields = extract_text(R"(Grocer Sdn Bhd
Total RM Including GST 6%      99.80
Rounding Adj                    0.00
)");
        CHECK(fixture::field_value(fields, "total") == "99.80");
    }

    TEST_CASE("the total row of a tax summary table is not the document total") {
        const auto fields = extract_text(R"(Stationery Sdn Bhd
SUB-TOTAL (EX)         52.00
TOTAL TAX               3.12
TOTAL                  55.12
CASH                   60.00
CHANGE                  4.88
GST SUMMARY
TAX CODE     %     AMOUNT     TAX
SR           6      52.00    3.12
TOTAL:              52.00    3.12
)");
        CHECK(fixture::field_value(fields, "total") == "55.12");
        CHECK(fixture::field_value(fields, "tax") == "3.12");
    }

    TEST_CASE("without a total line, the cash paid with change given back gives the total") {
        const auto fields = extract_text(R"(Dakgalbi Restaurant
1 Item (Inclusive of GST)      71.00
Cash                           71.00
Cash Received                 101.00
Change                         30.00
)");
        CHECK(fixture::field_value(fields, "total") == "71.00");
    }

    TEST_CASE("item lines that add up to the subtotal or the total support it") {
        const auto with_items = extract_text(R"(Shop Ltd
Item                 Qty     Amount
Coffee beans           2      18.00
Filter papers          1       4.50
Subtotal                      22.50
)");
        CHECK(fixture::field_value(with_items, "subtotal") == "22.50");
        const auto wrong_items = extract_text(R"(Shop Ltd
Item                 Qty     Amount
Coffee beans           2      18.00
Filter papers          1       4.00
Subtotal                      22.50
)");
        CHECK(get(with_items, "subtotal").confidence > get(wrong_items, "subtotal").confidence);
        const auto receipt = extract_text(R"(Bakery Ltd
Item                 Qty     Amount
Bread                  2       5.00
Cake                   1       7.50
Total                         12.50
)");
        const auto lone = extract_text("Bakery Ltd\nTotal                         12.50\n");
        CHECK(get(receipt, "total").confidence > get(lone, "total").confidence);
    }

    TEST_CASE("a balance after a deposit is not the total") {
        const auto fields = extract_text(R"(Harborview Catering
Invoice # 10045
Subtotal       1,000.00
Sales Tax         80.00
Total          1,080.00
Deposit          300.00
Balance due      780.00
)");
        CHECK(fixture::field_value(fields, "total") == "1080.00");
        CHECK(fixture::field_value(fields, "invoice_number") == "10045");
    }

    TEST_CASE("values under their labels in the next line, same column") {
        const auto fields = extract_text(R"(Azure Interior
Invoice INV/2023/03/0008

Invoice Date:      Due Date:       Reference:
03/20/2023         04/04/2023      CUSTREF123

Amount due
$ 279.84
)");
        // The number after the title and the reference under "Reference:" are a close call for the fitted model
        // (on AzureInterior.pdf, 2026-12-07.1 took the reference at 0.57, 2026-12-07.2 the number at 0.52;
        // docs/evaluation.md): whichever it takes, a wrong number must not pass unflagged.
        const auto number = std::find_if(fields.begin(), fields.end(),
                                         [](const docextract::Field& f) { return f.name == "invoice_number"; });
        REQUIRE(number != fields.end());
        CHECK((number->value == "INV/2023/03/0008" || number->needs_review));
        CHECK(fixture::field_value(fields, "date") == "2023-03-20");
        CHECK(fixture::field_value(fields, "total") == "279.84");
        CHECK(fixture::field_value(fields, "currency") == "USD");
    }

    TEST_CASE("labels split over words, in upper case, with # and :") {
        auto fields = extract_text("ACME INC.\nINVOICE NO. : 5531\nDATE : 2024-02-01\nTOTAL : $10.00\n");
        CHECK(fixture::field_value(fields, "invoice_number") == "5531");
        CHECK(fixture::field_value(fields, "date") == "2024-02-01");
        CHECK(fixture::field_value(fields, "total") == "10.00");
        fields = extract_text("ACME INC.\nInvoice #: A-77\nTotal: 10.00\n");
        CHECK(fixture::field_value(fields, "invoice_number") == "A-77");
        fields = extract_text("ACME INC.\nReceipt No.\n  R 000 481\nTotal: 10.00\n");
        CHECK(fixture::field_value(fields, "invoice_number") != "R");
    }

    TEST_CASE("OCR noise near a total label: O/0, l/1 and S/5 in amounts") {
        const auto fields = extract_text("Shop Enterprise\nTOTAL      1O.5O\n", {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(fields, "total") == "10.50");
        const auto spaced = extract_text("Shop Enterprise\nTOTAL      RM 1S.2O\n", {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(spaced, "total") == "15.20");
    }

    TEST_CASE("invoice number distractors: order, customer and VAT numbers") {
        const auto fields = extract_text(R"(Benson Electrical Inc.
Customer No: 91117
Order No: 4518133985
VAT No: GB123456789
Invoice Number: F-087135
Total Due   USD 1,162.50
)");
        CHECK(fixture::field_value(fields, "invoice_number") == "F-087135");
        CHECK(fixture::field_value(fields, "total") == "1162.50");
        CHECK(fixture::field_value(fields, "currency") == "USD");
    }

    TEST_CASE("labels do not reach across columns") {
        const auto fields = extract_text(R"(Greenfield Office Supplies Ltd
INVOICE NO     DATE                DUE BY             AMOUNT OWING
914019         24 December 2025    3 January 2026     GBP 3,768.11
)");
        CHECK(fixture::field_value(fields, "invoice_number") == "914019");
        CHECK(fixture::field_value(fields, "date") == "2025-12-24");
        CHECK(fixture::field_value(fields, "due_date") == "2026-01-03");
    }

    TEST_CASE("due-date headers in French, Spanish and German, over the columns of their values") {
        const auto french = extract_text(R"(Carter Electricite SARL
N° Facture     Date de facture     A régler avant le
XB49-3974-M    18 août 2025        17 septembre 2025
)");
        CHECK(fixture::field_value(french, "date") == "2025-08-18");
        CHECK(fixture::field_value(french, "due_date") == "2025-09-17");
        const auto without_apostrophe = extract_text("Girard SARL\nFacture 2024-118 du 12/02/2024\n"
                                                     "DATE DECHEANCE 13/03/2024\n");
        CHECK(fixture::field_value(without_apostrophe, "due_date") == "2024-03-13");
        const auto spanish = extract_text("Papeleria Delgado S.L.\nFecha: 1 de junio de 2023\n"
                                          "Fecha vto.: 1 de julio de 2023\n");
        CHECK(fixture::field_value(spanish, "date") == "2023-06-01");
        CHECK(fixture::field_value(spanish, "due_date") == "2023-07-01");
        const auto german = extract_text("Huber GmbH\nRechnungsdatum 26.08.2019\nZahlungsfrist 25.09.2019\n");
        CHECK(fixture::field_value(german, "due_date") == "2019-09-25");
    }

    TEST_CASE("quote marks OCR reads beside an invoice number are not part of it") {
        using docextract::TextSource;
        CHECK(fixture::field_value(extract_text("Caldwell Office Supplies Inc.\nBill No \u2018885579\nTotal 10.00\n",
                                                {}, TextSource::ocr),
                                   "invoice_number") == "885579");
        CHECK(fixture::field_value(extract_text("Bouw Visser B.V.\nFactuurnummer |\u201D SU59-2742-R\u2019\n"
                                                "Totaal 10,00\n",
                                                {}, TextSource::ocr),
                                   "invoice_number") == "SU59-2742-R");
    }

    TEST_CASE("a net amount whose space OCR lost is still the subtotal") {
        const auto fields = extract_text("Oakridge Business Supplies\nNetamount $2,332.06\nTax $466.41\n"
                                         "Total $2,798.47\n",
                                         {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(fields, "subtotal") == "2332.06");
    }

    TEST_CASE("the invoice date, not the due, order or delivery date") {
        const auto fields = extract_text(R"(Westbrook Books
Order date: 2024-06-27
Delivery date: 2024-06-30
Invoice date: 2024-07-05
Due date: 2024-08-04
Total: 10.00
)");
        CHECK(fixture::field_value(fields, "date") == "2024-07-05");
        CHECK(fixture::field_value(fields, "due_date") == "2024-08-04");
    }

    TEST_CASE("day/month order: evidence from other dates, language and currency") {
        // Alone and without hints, an ambiguous date is read day-first and flagged.
        auto fields = extract_text("Shop Ltd\nDate: 03/04/2024\nTotal 5.00\n");
        CHECK(fixture::field_value(fields, "date") == "2024-04-03");
        CHECK(has_reason(get(fields, "date"), ReviewReason::ambiguous_day_month));
        const float ambiguous_confidence = get(fields, "date").confidence;
        // Another date that can only be month-first decides it.
        fields = extract_text("Shop Ltd\nDate: 03/04/2024\nDue date: 04/17/2024\nTotal 5.00\n");
        CHECK(fixture::field_value(fields, "date") == "2024-03-04");
        CHECK_FALSE(has_reason(get(fields, "date"), ReviewReason::ambiguous_day_month));
        // How much the ambiguity costs is the fitted model's call; the decided date is no less sure.
        CHECK(get(fields, "date").confidence >= ambiguous_confidence - 0.01F);
        // Dollars hint at month-first when nothing else is known.
        fields = extract_text("Shop Inc.\nDate: 03/04/2024\nTotal $5.00\n");
        CHECK(fixture::field_value(fields, "date") == "2024-03-04");
        CHECK(has_reason(get(fields, "date"), ReviewReason::ambiguous_day_month));
        // German labels win over the dollar.
        fields = extract_text("Laden GmbH\nRechnungsdatum: 03/04/2024\nGesamtbetrag $5.00\n");
        CHECK(fixture::field_value(fields, "date") == "2024-04-03");
        // An explicit order is not ambiguous.
        docextract::ExtractorOptions us;
        us.date_order = docextract::DateOrder::month_first;
        fields = extract_text("Shop Ltd\nDate: 03/04/2024\nTotal 5.00\n", us);
        CHECK(fixture::field_value(fields, "date") == "2024-03-04");
        CHECK_FALSE(has_reason(get(fields, "date"), ReviewReason::ambiguous_day_month));
    }

    TEST_CASE("OCR letters inside a date on an OCR page") {
        const auto fields =
            extract_text("Shop Sdn Bhd\nDate: 3O/07/2O18\nTotal 5.00\n", {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(fields, "date") == "2018-07-30");
    }

    TEST_CASE("a labelled value scores above a bare pattern match") {
        const auto labelled = extract_text("Shop Ltd\nsome text\nTotal: 12.50\n");
        const auto bare = extract_text("Shop Ltd\nsome text\n12.50\n");
        CHECK(fixture::field_value(labelled, "total") == "12.50");
        CHECK(fixture::field_value(bare, "total") == "12.50");
        CHECK(get(labelled, "total").confidence > get(bare, "total").confidence);
        CHECK(has_reason(get(bare, "total"), ReviewReason::no_label));
        CHECK_FALSE(has_reason(get(labelled, "total"), ReviewReason::no_label));

        const auto labelled_date = extract_text("Shop Ltd\nInvoice date: 2024-05-06\n");
        const auto bare_date = extract_text("Shop Ltd\n2024-05-06\n");
        CHECK(get(labelled_date, "date").confidence > get(bare_date, "date").confidence);

        const auto labelled_number = extract_text("Shop Ltd\nInvoice No: INV-1234\n");
        const auto bare_number = extract_text("Shop Ltd\nINV-1234\n");
        CHECK(fixture::field_value(bare_number, "invoice_number") == "INV-1234");
        CHECK(get(labelled_number, "invoice_number").confidence > get(bare_number, "invoice_number").confidence);
    }

    TEST_CASE("arithmetic: agreeing amounts raise confidence, a contradicting total is flagged") {
        const auto plain = extract_text("Shop Ltd\nTotal     120.00\n");
        const auto checked = extract_text("Shop Ltd\nSubtotal  100.00\nTax        20.00\nTotal     120.00\n");
        // Two digits away from subtotal + tax: not a single misread digit (those are repaired, see
        // fields.ocr_variants).
        const auto wrong = extract_text("Shop Ltd\nSubtotal  100.00\nTax        20.00\nTotal     175.00\n");
        CHECK(get(checked, "total").confidence > get(plain, "total").confidence);
        CHECK_FALSE(has_reason(get(checked, "total"), ReviewReason::arithmetic_mismatch));
        CHECK(fixture::field_value(wrong, "total") == "175.00");
        CHECK(has_reason(get(wrong, "total"), ReviewReason::arithmetic_mismatch));
        CHECK(get(wrong, "total").confidence < get(checked, "total").confidence);
        const auto cash = extract_text("Shop Ltd\nTotal     13.70\nCash      20.00\nChange     6.30\n");
        CHECK(get(cash, "total").confidence > get(plain, "total").confidence - 0.2F);
        CHECK_FALSE(has_reason(get(cash, "total"), ReviewReason::arithmetic_mismatch));
    }

    TEST_CASE("emails: the vendor's, not the customer's, in lower case") {
        const auto fields = extract_text(english_invoice);
        CHECK(fixture::field_value(fields, "email") == "accounts@northwind-traders.co.uk");
        const auto caps = extract_text("Westbrook Books\nWestbrookBooks@Yahoo.com\nTotal 5.00\n");
        CHECK(fixture::field_value(caps, "email") == "westbrookbooks@yahoo.com");
        CHECK(get(caps, "email").raw_text == "WestbrookBooks@Yahoo.com");
    }

    TEST_CASE("vendor: legal-suffix line, domain match, not titles, addresses or the customer") {
        auto fields = extract_text(R"(TAX INVOICE
No. 5, Jalan Sagu 18, Taman Daya
BOOK TAK (TAMAN DAYA) SDN BHD
(1234567-T)
Total RM 9.00
)");
        CHECK(fixture::field_value(fields, "vendor") == "BOOK TAK (TAMAN DAYA) SDN BHD");
        // Two company names: the one matching the email domain is the vendor.
        fields = extract_text(R"(Oakridge Freight Ltd                     INVOICE
Bill to:
Horizon Labs LLC
4 Elm Street

Invoice No: 7781
Total: 100.00
billing@oakridge-freight.com
)");
        CHECK(fixture::field_value(fields, "vendor") == "Oakridge Freight Ltd");
        // A DIN letter: the sender line and the footer name the vendor; the window names the customer.
        fields = extract_text(R"(LORENZ

Lorenz & Vogel e.K. · Hauptstraße 5 · 10115 Berlin
Müller Systemhaus GmbH
Bahnhofstraße 12
80331 München
                                              Rechnungsnummer: 2024/118
                                              Datum: 19.07.2022
Gesamtbetrag   1.190,00 €

Lorenz & Vogel e.K. · info@lorenz-vogel.de
)");
        CHECK(fixture::field_value(fields, "vendor") == "Lorenz & Vogel e.K.");
        // A brand logo on top, and in the footer the company that trades under it, on the brand's web address line.
        // The legal name on the brand's web-address line completes the brand: a feature the model weighs.
        const std::string_view brand_footer = R"(Corvano
Factuuradres
Strategic Corp
Factuur datum 8-9-2022
Factuur totaal EUR 49,99
Brightline Trading B.V. iov Corvano.com
E-mail: verkoop@corvano.com
)";
        CHECK(fixture::candidate_feature(brand_footer, "vendor", "Brightline Trading B.V.", "vendor_completes_name") ==
              1.0F);
        // Without the brand on its line, a legal name elsewhere on the page does not take the brand's place.
        fields = extract_text(R"(Corvano
Factuuradres
Strategic Corp
Factuur datum 8-9-2022
Factuur totaal EUR 49,99
Brightline Trading B.V.
E-mail: verkoop@corvano.com
)");
        CHECK(fixture::field_value(fields, "vendor") == "Corvano");
    }

    TEST_CASE("of two readings, each field keeps the surer value") {
        const auto field = [](std::string name, std::optional<std::string> value, float confidence) {
            Field f;
            f.name = std::move(name);
            f.value = std::move(value);
            f.confidence = confidence;
            return f;
        };
        std::vector<Field> first{field("vendor", "KRAMER", 0.4F), field("date", "2020-02-04", 0.9F),
                                 field("total", std::nullopt, 0.0F), field("email", "a@b.ch", 0.7F)};
        const std::vector<Field> second{field("vendor", "Kramer Software GmbH", 0.85F),
                                        field("date", "2020-04-04", 0.6F), field("total", "3208.20", 0.5F),
                                        field("email", "a@b.ch", 0.7F), field("due_date", "2020-04-04", 0.9F)};
        const std::vector<Field> merged = docextract::surer_fields(first, second);
        REQUIRE(merged.size() == 5);
        CHECK(fixture::field_value(merged, "vendor") == "Kramer Software GmbH"); // surer
        CHECK(fixture::field_value(merged, "date") == "2020-02-04");             // the first was surer
        CHECK(fixture::field_value(merged, "total") == "3208.20");               // a value beats none
        CHECK(merged[4].name == "due_date");                                     // only in the second, added last
        // A second reading without a value never removes one.
        const std::vector<Field> empty{field("date", std::nullopt, 0.0F)};
        CHECK(fixture::field_value(docextract::surer_fields(first, empty), "date") == "2020-02-04");
    }

    TEST_CASE("a name printed twice side by side is the customer, even when its bill-to header is unreadable") {
        const auto fields = extract_text(R"(Clearpath Office Supplies
4410 Industrial Pkwy, Raleigh NC 27620
Invoice Number: 43263
Date of issue: Aug 3, 2025
oxi to                         ser 10
Lakeside Dental LLC            Lakeside Dental LLC
3602 Maple Dr                  520 Main St
Austin, TX 75749               Portland, OR 97217
Total                          USD 5,112.79
)",
                                         {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(fields, "vendor") == "Clearpath Office Supplies");
        CHECK(fixture::field_value(fields, "total") == "5112.79");
    }

    TEST_CASE("a vendor line both readings found keeps its cleaner spelling, whatever the confidences") {
        const auto vendor = [](std::string value, float confidence) {
            Field f;
            f.name = "vendor";
            f.value = std::move(value);
            f.confidence = confidence;
            return std::vector<Field>{f};
        };
        const auto merged = [](const std::vector<Field>& first, const std::vector<Field>& second) {
            return fixture::field_value(docextract::surer_fields(first, second), "vendor");
        };
        // A digit inside a word, a lone digit or a symbol marks the misread one.
        CHECK(merged(vendor("HAI-0 RAYA BHD", 0.63F), vendor("HAI-O RAYA BHD", 0.57F)) == "HAI-O RAYA BHD");
        CHECK(merged(vendor("OCEAN 1 PACKAGING ENTERPRISE", 0.8F), vendor("OCEAN LC PACKAGING ENTERPRISE", 0.7F)) ==
              "OCEAN LC PACKAGING ENTERPRISE");
        CHECK(merged(vendor("Boulangerie du Parc", 0.6F), vendor("Boulangerie \u2018du Parc", 0.4F)) ==
              "Boulangerie du Parc");
        // Equally clean: the second reading's letters.
        CHECK(merged(vendor("TKANO HANDEL SDN BHD", 0.79F), vendor("IKANO HANDEL SDN BHD", 0.76F)) ==
              "IKANO HANDEL SDN BHD");
        CHECK(merged(vendor("MARK", 0.79F), vendor("MARS", 0.76F)) == "MARS");
        // Other lines (more letters apart) compete on confidence as before.
        CHECK(merged(vendor("KRAMER GMBH", 0.79F), vendor("KELLER GMBH", 0.76F)) == "KRAMER GMBH");
    }

    TEST_CASE("a negative total is kept but flagged as implausible") {
        const auto fields = extract_text("Shop Ltd\nCredit note\nTotal      -25.00\n");
        CHECK(fixture::field_value(fields, "total") == "-25.00");
        CHECK(has_reason(get(fields, "total"), ReviewReason::implausible_value));
    }

    TEST_CASE("OCR splits in email addresses are joined on OCR pages only") {
        const auto ocr = extract_text("Zen Cafe\nEmail: zenandcoffee88@gmail. com\n", {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(ocr, "email") == "zenandcoffee88@gmail.com");
        const auto layer = extract_text("Zen Cafe\nEmail: zenandcoffee88@gmail. com\n");
        CHECK(fixture::field_value(layer, "email") == "<none>");
    }

    TEST_CASE("OCR accents and a colon before the top-level domain are repaired in email addresses") {
        const auto accent =
            extract_text("Cedar Services Inc.\nEmail: sales@cedar-servicés.com\n", {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(accent, "email") == "sales@cedar-services.com");
        const auto colon =
            extract_text("Silver Consulting LLC\nemail: info@silver-consulting:us\n", {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(colon, "email") == "info@silver-consulting.us");
        // A colon after a complete address is punctuation, not a misread dot.
        const auto after =
            extract_text("Silver Consulting LLC\nMail info@silver.com: questions\n", {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(after, "email") == "info@silver.com");
    }

    TEST_CASE("neither a number's label nor the town line of an address is the vendor") {
        // The brand read unsurely; below it a label whose number follows on the next line, and an address whose
        // town stands alone between the street and the postcode.
        docextract::PageText page = docextract::page_from_text("BHPetrol Palekbang\nLot 1626, Mukim Kampung Laut\n"
                                                               "Tumpat\n16200 Palekbang, Kelantan\n"
                                                               "PREPAY CHIT NUMBER\n29721\nTOTAL 6.00\n",
                                                               docextract::TextSource::ocr);
        page = fixture::with_confidence(std::move(page), "BHPetrol", 0.03F);
        CHECK(fixture::field_value(fixture::extract_page(page), "vendor") == "BHPetrol Palekbang");
        // A town line with no address around it can still be a name.
        CHECK(fixture::field_value(extract_text("Tumpat\nTOTAL 6.00\n"), "vendor") == "Tumpat");
    }

    TEST_CASE("a misread name printed again more cleanly on the page takes that spelling") {
        const std::string receipt = "ENW Hardwa. 2 Centre (M) Sdn. Bhd.\nNo. 12, Jalan Kapar\nTOTAL 9.00\n"
                                    "Thank you for shopping at ENW Hardware Centre (M) Sdn. Bhd.\n";
        const auto fields = extract_text(receipt, {}, docextract::TextSource::ocr);
        CHECK(fixture::field_value(fields, "vendor") == "ENW Hardware Centre (M) Sdn. Bhd.");
        // Another name in the closing sentence is no spelling of this one.
        const auto other = extract_text("KEDAI MAJU SDN BHD\nTOTAL 9.00\nThank you for shopping at Maju Mart.\n", {},
                                        docextract::TextSource::ocr);
        CHECK(fixture::field_value(other, "vendor") == "KEDAI MAJU SDN BHD");
    }

    TEST_CASE("logo glyphs read as text before the name are dropped") {
        CHECK(fixture::field_value(extract_text("(™) Mercier Informatique S.A.R.L.\nTotal 5.00\n"), "vendor") ==
              "Mercier Informatique S.A.R.L.");
        CHECK(fixture::field_value(extract_text("ll Lorenz & Vogel e.K.\nTotal 5.00\n"), "vendor") ==
              "Lorenz & Vogel e.K.");
        CHECK(fixture::field_value(extract_text("de Boer Drukkerij B.V.\nTotal 5.00\n"), "vendor") ==
              "de Boer Drukkerij B.V.");
        CHECK(fixture::field_value(extract_text("B & BEST RESTAURANT\nTotal 5.00\n"), "vendor") ==
              "B & BEST RESTAURANT");
    }

    TEST_CASE("an address with a business-park name is not a vendor") {
        const auto fields = extract_text(R"(Foxglove Electrical plc
99 Mill Lane, Reading RG7 1RF
Bill To:
Bramble & Co
Unit 25, Enterprise
Total 5.00
)");
        CHECK(fixture::field_value(fields, "vendor") == "Foxglove Electrical plc");
    }

    TEST_CASE("currencies from symbols and codes") {
        CHECK(fixture::field_value(extract_text("A Ltd\nTotal 1.234,50 €\n"), "currency") == "EUR");
        CHECK(fixture::field_value(extract_text("A Ltd\nTotal CHF 3'541.91\n"), "currency") == "CHF");
        CHECK(fixture::field_value(extract_text("A Ltd\nTotal Rs. 1939\n"), "currency") == "INR");
        CHECK(fixture::field_value(extract_text("A Ltd\nTotal ₹ 1939\n"), "currency") == "INR");
        CHECK(fixture::field_value(extract_text("A Ltd\nTotal $ 19.39\n"), "currency") == "USD");
        CHECK(fixture::field_value(extract_text("A Ltd\nAmount (EUR)\nTotal 19,39\n"), "currency") == "EUR");
        CHECK(fixture::field_value(extract_text("A Ltd\nTotal 19.39\n"), "currency") == "<none>");
    }

    TEST_CASE("missing fields: no value, zero confidence, not_found, flagged") {
        const auto fields = extract_text("hello world\n");
        for (const auto name : {"invoice_number", "date", "total", "email", "currency"}) {
            const Field& f = get(fields, name);
            CHECK_FALSE_MESSAGE(f.value.has_value(), name);
            CHECK(f.confidence == 0.0F);
            CHECK(f.needs_review);
            CHECK(has_reason(f, ReviewReason::not_found));
            CHECK(f.page == -1);
            CHECK(f.source == FieldSource::none);
            CHECK_FALSE(f.box.has_value());
        }
        CHECK(std::none_of(fields.begin(), fields.end(), [](const Field& f) { return f.name == "subtotal"; }));
    }

    TEST_CASE("no pages, empty pages and garbage never throw") {
        const auto extractor = docextract::make_rule_extractor();
        const std::vector<PageText> none;
        const auto fields = extractor->extract(none);
        CHECK(fields.size() == 6);
        std::vector<PageText> junk{docextract::page_from_text("\xff\xfe\x00\x01 Total \xc3 12.00 \xe2\x82"),
                                   PageText{}};
        CHECK_NOTHROW((void)extractor->extract(junk));
    }

    TEST_CASE("low OCR confidence is reported") {
        PageText page = docextract::page_from_text("Shop Ltd\nTotal 12.50\n", docextract::TextSource::ocr);
        for (auto& w : page.lines[1].words) {
            w.confidence = 0.3F;
        }
        const auto extractor = docextract::make_rule_extractor();
        const std::vector<PageText> pages{page};
        const auto fields = extractor->extract(pages);
        CHECK(fixture::field_value(fields, "total") == "12.50");
        CHECK(has_reason(get(fields, "total"), ReviewReason::low_ocr_confidence));
        const auto clean = extract_text("Shop Ltd\nTotal 12.50\n");
        CHECK(get(fields, "total").confidence < get(clean, "total").confidence);
    }

    TEST_CASE("competing candidates with different values are reported") {
        // Four labelled totals of four amounts: no fitted model gives one of them three quarters of the mass.
        const auto fields = extract_text("Shop Ltd\nTotal 12.50\n\nTotal 45.00\n\nTotal 7.10\n\nTotal 99.00\n");
        const Field& total = get(fields, "total");
        CHECK(has_reason(total, ReviewReason::conflicting_candidates));
        const auto single = extract_text("Shop Ltd\n\n\n\n\nTotal 99.00\n");
        CHECK(total.confidence < get(single, "total").confidence);
    }

    TEST_CASE("the extractor is safe to share between threads") {
        const auto extractor = docextract::make_rule_extractor();
        const std::vector<PageText> pages{docextract::page_from_text(english_invoice)};
        const auto expected = extractor->extract(pages);
        std::vector<std::string> totals(4);
        std::vector<std::thread> threads;
        for (std::size_t t = 0; t < totals.size(); ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 5; ++i) {
                    totals[t] = fixture::field_value(extractor->extract(pages), "total");
                }
            });
        }
        for (auto& th : threads) {
            th.join();
        }
        for (const auto& t : totals) {
            CHECK(t == fixture::field_value(expected, "total"));
        }
    }
}

TEST_SUITE("fields.review") {
    TEST_CASE("apply_review_threshold flags low confidence and missing values, without duplicates") {
        std::vector<Field> fields(3);
        fields[0].value = std::string("a"); // a const char* here trips a false -Wrestrict of GCC 12
        fields[0].confidence = 0.9F;
        fields[1].value = std::string("b");
        fields[1].confidence = 0.5F;
        fields[1].reasons = {ReviewReason::no_label};
        fields[2].confidence = 0.0F;
        docextract::apply_review_threshold(fields, 0.7F);
        CHECK_FALSE(fields[0].needs_review);
        CHECK(fields[0].reasons.empty());
        CHECK(fields[1].needs_review);
        CHECK(fields[1].reasons == std::vector<ReviewReason>{ReviewReason::no_label, ReviewReason::below_threshold});
        CHECK(fields[2].needs_review);
        CHECK(fields[2].reasons == std::vector<ReviewReason>{ReviewReason::not_found});
        // Applying again adds nothing; a lower threshold clears the stale flag.
        docextract::apply_review_threshold(fields, 0.7F);
        CHECK(fields[1].reasons.size() == 2);
        CHECK(fields[2].reasons.size() == 1);
        docextract::apply_review_threshold(fields, 0.4F);
        CHECK_FALSE(fields[1].needs_review);
        CHECK(fields[1].reasons == std::vector<ReviewReason>{ReviewReason::no_label});
        CHECK(fields[2].needs_review);
    }

    TEST_CASE("the threshold is inclusive: confidence equal to it is accepted") {
        std::vector<Field> fields(1);
        fields[0].value = "x";
        fields[0].confidence = 0.7F;
        docextract::apply_review_threshold(fields, 0.7F);
        CHECK_FALSE(fields[0].needs_review);
    }

    TEST_CASE("stable names of reasons and sources") {
        CHECK(docextract::to_string(ReviewReason::not_found) == "not_found");
        CHECK(docextract::to_string(ReviewReason::below_threshold) == "below_threshold");
        CHECK(docextract::to_string(ReviewReason::no_label) == "no_label");
        CHECK(docextract::to_string(ReviewReason::low_ocr_confidence) == "low_ocr_confidence");
        CHECK(docextract::to_string(ReviewReason::ambiguous_day_month) == "ambiguous_day_month");
        CHECK(docextract::to_string(ReviewReason::conflicting_candidates) == "conflicting_candidates");
        CHECK(docextract::to_string(ReviewReason::arithmetic_mismatch) == "arithmetic_mismatch");
        CHECK(docextract::to_string(ReviewReason::implausible_value) == "implausible_value");
        CHECK(docextract::to_string(FieldSource::none) == "none");
        CHECK(docextract::to_string(FieldSource::ocr) == "ocr");
        CHECK(docextract::to_string(FieldSource::text_layer) == "text_layer");
        CHECK(docextract::to_string(FieldSource::embedded_xml) == "embedded_xml");
    }
}
