// SPDX-License-Identifier: MIT
// Field rules added for accuracy on real documents, each with its own small fixture.
#include <docextract/field_model.hpp>
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

namespace {

std::vector<Field> extract(std::string_view text, docextract::TextSource source = docextract::TextSource::text_layer) {
    return fixture::extract_text(text, source);
}

} // namespace

TEST_SUITE("fields.rules") {
    TEST_CASE("copy marks in a title are marked as generic for the vendor model") {
        for (const std::string_view title : {"Kopie factuur", "Copy invoice", "DUPLICATE RECEIPT", "Copie facture",
                                             "Copia factura", "Kopie Rechnung", "Reprint"}) {
            const std::string text = std::string(title) + R"(
Jansen Tuinen
Lindelaan 4
Invoice No: 2024-118
Total 100.00
)";
            CAPTURE(title);
            // Either no candidate at all, or one the model sees as a generic phrase.
            const auto generic = fixture::candidate_feature(text, "vendor", title, "vendor_generic");
            CHECK((!generic || *generic == 1.0F));
            CHECK(fixture::candidate_feature(text, "vendor", "Jansen Tuinen", "vendor_generic") == 0.0F);
        }
    }
}

TEST_SUITE("fields.rules") {
    TEST_CASE("OCR readings of SDN BHD are repaired, keeping the printed case") {
        CHECK(fixture::field_value(extract("RAPID RAIL SLi BHD\nTotal 5.00\n"), "vendor") == "RAPID RAIL SDN BHD");
        CHECK(fixture::field_value(extract("Dion Realties Sdit Bhd\nTotal 5.00\n"), "vendor") ==
              "Dion Realties Sdn Bhd");
        CHECK(fixture::field_value(extract("TEA GARDEN SEN. BHD.\nTotal 5.00\n"), "vendor") == "TEA GARDEN SDN. BHD.");
        CHECK(fixture::field_value(extract("banh cafe sdn bhd\nTotal 5.00\n"), "vendor") == "banh cafe sdn bhd");
    }

    TEST_CASE("quotes, dashes and specks at the edges of a name line are not part of the name") {
        CHECK(fixture::field_value(extract("\u201cPERNIAGAAN RIANG RIA\u2018\nTotal 5.00\n"), "vendor") ==
              "PERNIAGAAN RIANG RIA");
        CHECK(fixture::field_value(extract("L TWO FLORIST & HANDICRAFT \u2014\nTotal 5.00\n"), "vendor") ==
              "L TWO FLORIST & HANDICRAFT");
        CHECK(fixture::field_value(extract("\u2018Wagner Consulting AG\nTotal 5.00\n"), "vendor") ==
              "Wagner Consulting AG");
    }

    TEST_CASE("a logo's letters before the name: the name without them is a candidate, the model sees the mark") {
        // Initials in capitals ("CB" for Caldwell & Benson), words without letters skipped.
        const std::string_view initials = "CB Caldwell & Benson\nInvoice No: 2024-118\nTotal 100.00\n";
        CHECK(fixture::candidate_feature(initials, "vendor", "CB Caldwell & Benson", "vendor_leading_mark") == 1.0F);
        CHECK(fixture::candidate_feature(initials, "vendor", "Caldwell & Benson", "vendor_leading_mark") == 0.0F);
        CHECK(fixture::field_value(extract(initials), "vendor") == "Caldwell & Benson");
        // Letters that are no initials, at the height of the name, are part of it.
        const std::string_view own = "AB Foods Ltd\nInvoice No: 2024-118\nTotal 100.00\n";
        CHECK(fixture::candidate_feature(own, "vendor", "AB Foods Ltd", "vendor_leading_mark") == 0.0F);
        CHECK_FALSE(fixture::candidate_feature(own, "vendor", "Foods Ltd", "vendor_leading_mark"));
        // A name does not start after its connector: "B & BEST" is the name, whatever the B looks like.
        const std::string_view connector = "B & BEST RESTAURANT\nInvoice No: 2024-118\nTotal 100.00\n";
        CHECK_FALSE(fixture::candidate_feature(connector, "vendor", "& BEST RESTAURANT", "vendor_leading_mark"));

        // A letter drawn twice the height of the name (a monogram), read by OCR.
        PageText page = docextract::page_from_text("A Girard & Fils SARL\nFacture 2024-118\nTotal 100.00\n",
                                                   docextract::TextSource::ocr);
        docextract::TextWord& mark = page.lines.front().words.front();
        REQUIRE(mark.text == "A");
        mark.box.y -= mark.box.height / 2;
        mark.box.height *= 2;
        const auto extractor = docextract::make_rule_extractor();
        const std::vector<std::vector<PageText>> readings{{page}};
        const auto names = docextract::candidate_feature_names();
        const auto index = static_cast<std::size_t>(
            std::find(names.begin(), names.end(), std::string_view("vendor_leading_mark")) - names.begin());
        std::vector<std::pair<std::string, float>> seen;
        for (const auto& pool : extractor->candidates(readings)) {
            for (const auto& c : pool.all) {
                if (pool.field == "vendor" && index < c.features.size()) {
                    seen.emplace_back(c.value, c.features[index]);
                }
            }
        }
        CHECK(std::find(seen.begin(), seen.end(), std::pair<std::string, float>("A Girard & Fils SARL", 1.0F)) !=
              seen.end());
        CHECK(std::find(seen.begin(), seen.end(), std::pair<std::string, float>("Girard & Fils SARL", 0.0F)) !=
              seen.end());
        CHECK(fixture::field_value(fixture::extract_page(page), "vendor") == "Girard & Fils SARL");
    }

    TEST_CASE("a date OCR read as no real date is repaired on OCR pages only, and the model sees the repair") {
        using docextract::TextSource;
        const std::string_view misread = "Doc No: CS00183546 Date: 92/02/2018\nTotal 21.18\n";
        CHECK(fixture::candidate_feature(misread, "date", "2018-02-02", "date_repaired", TextSource::ocr) == 1.0F);
        CHECK_FALSE(fixture::candidate_feature(misread, "date", "2018-02-02", "date_repaired")); // printed as is
        const std::string_view read = "Doc No: CS00183546 Date: 12/02/2018\nTotal 21.18\n";
        CHECK(fixture::candidate_feature(read, "date", "2018-02-12", "date_repaired", TextSource::ocr) == 0.0F);
    }

    TEST_CASE("the recogniser's near misses of a total are candidates, and the page's arithmetic chooses") {
        PageText page = docextract::page_from_text("SYL ROASTED DELIGHTS SDN BHD\nSubtotal 51.42\nTotal GST 3.08\n"
                                                   "Total Sales (Inclusive of GST) 64.50\n",
                                                   docextract::TextSource::ocr);
        docextract::TextWord& total = page.lines.back().words.back();
        REQUIRE(total.text == "64.50");
        total.alternatives = {"64.80", "54.50"};
        const auto extractor = docextract::make_rule_extractor();
        const auto names = docextract::candidate_feature_names();
        const auto index = static_cast<std::size_t>(
            std::find(names.begin(), names.end(), std::string_view("total_alternative")) - names.begin());
        std::vector<std::pair<std::string, float>> seen;
        const std::vector<std::vector<PageText>> readings{{page}};
        for (const auto& pool : extractor->candidates(readings)) {
            for (const auto& c : pool.all) {
                if (pool.field == "total" && index < c.features.size()) {
                    seen.emplace_back(c.value, c.features[index]);
                }
            }
        }
        using Seen = std::pair<std::string, float>;
        CHECK(std::find(seen.begin(), seen.end(), Seen("64.50", 0.0F)) != seen.end());
        CHECK(std::find(seen.begin(), seen.end(), Seen("64.80", 1.0F)) != seen.end());
        CHECK(std::find(seen.begin(), seen.end(), Seen("54.50", 1.0F)) != seen.end());
        CHECK(fixture::field_value(fixture::extract_page(page), "total") == "54.50"); // 51.42 + 3.08
        // Without near misses the printed total stands.
        total.alternatives.clear();
        CHECK(fixture::field_value(fixture::extract_page(page), "total") == "64.50");
    }

    TEST_CASE("an owned-by prefix, also as OCR reads it, is not part of the name") {
        CHECK(fixture::field_value(extract("QWN BY: CHEF LEE SDN BHD\nTotal 5.00\n"), "vendor") == "CHEF LEE SDN BHD");
        CHECK(fixture::field_value(extract("Owned by ACME Trading Sdn Bhd\nTotal 5.00\n"), "vendor") ==
              "ACME Trading Sdn Bhd");
    }

    TEST_CASE("a word like Station or Counter ending a phrase is part of the name, not a label") {
        const auto fields =
            extract("LEONG HENG SHELL SERVICE STATION\nCompany No: 256628-W\nStation: 2188\nTotal 5.00\n");
        CHECK(fixture::field_value(fields, "vendor") == "LEONG HENG SHELL SERVICE STATION");
    }

    TEST_CASE("a name broken after a connector continues on the next line") {
        const auto fields = extract("HOME MASTER HARDWARE &\nELECTRICAL\nNO. 12, JALAN SETIA\nTotal 5.00\n");
        CHECK(fixture::field_value(fields, "vendor") == "HOME MASTER HARDWARE & ELECTRICAL");
    }

    TEST_CASE("a payment label followed by an amount gives cash minus change") {
        // "TL: RM" is an unreadable total label: payment 100.00 minus change 71.40 confirms 28.60.
        const auto fields = extract(R"(PASAR MINI
VEGETABLES 2.20
SUBTOTAL: 2.00
TL: RM 28.60
Payment : 100.00
Change Due: 71.40
)");
        CHECK(fixture::field_value(fields, "total") == "28.60");
        // "Payment terms" names no payment.
        CHECK(fixture::field_value(extract("A Ltd\nPayment terms 30 days\nTotal 12.00\n"), "total") == "12.00");
    }

    TEST_CASE("amounts confirmed by the page's arithmetic outweigh unsure OCR") {
        auto page = docextract::page_from_text(R"(SHOP SDN BHD
Total Incl. of GST 16.90
Total Amt Rounded 15.90
Cash 50.00
Change 34.10
)",
                                               docextract::TextSource::ocr);
        for (auto& w : page.lines[2].words) {
            w.confidence = 0.3F; // the rounded total is badly printed
        }
        const auto extractor = docextract::make_rule_extractor();
        const std::vector<PageText> pages{page};
        const auto fields = extractor->extract(pages);
        CHECK(fixture::field_value(fields, "total") == "15.90");
    }
}

TEST_SUITE("fields.rules") {
    TEST_CASE("a legal form alone is no vendor name") {
        const auto fields = extract("PASAR MINI JIN SENG\n379, JALAN PERMAS SATU\n(CO.\nTotal 5.00\n");
        CHECK(fixture::field_value(fields, "vendor") == "PASAR MINI JIN SENG");
    }

    TEST_CASE("one short word before a document title is part of the title") {
        CHECK(fixture::field_value(extract("TAR INVOICE\nMeadow Books\nTotal 5.00\n"), "vendor") == "Meadow Books");
        CHECK(fixture::field_value(extract("TAR          INVOICE\nMeadow Books\nTotal 5.00\n"), "vendor") ==
              "Meadow Books");
    }

    TEST_CASE("an email address split after a dot in its local part is joined on OCR pages") {
        const auto fields = extract("Panaderia Morales S.L.\nmarie. jansen@panaderia-morales.es\nTotal 5,00\n",
                                    docextract::TextSource::ocr);
        CHECK(fixture::field_value(fields, "email") == "marie.jansen@panaderia-morales.es");
        CHECK(fixture::field_value(extract("Shop Ltd\nTel. info@shop.com\n", docextract::TextSource::ocr), "email") ==
              "info@shop.com");
    }

    TEST_CASE("an OCR'd name takes the umlauts its own domain writes out, a text layer stays as printed") {
        using docextract::TextSource;
        const std::string_view page = "Keller Bérobedarf GmbH\nE-Mail: office@keller-buerobedarf.de\nSumme 5,00\n";
        CHECK(fixture::field_value(extract(page, TextSource::ocr), "vendor") == "Keller Bürobedarf GmbH");
        CHECK(fixture::field_value(extract(page, TextSource::text_layer), "vendor") == "Keller Bérobedarf GmbH");
    }

    TEST_CASE("a role word OCR broke at its ligature is joined to the address on OCR pages") {
        using docextract::TextSource;
        const std::string_view broken = "Baumarkt Huber GmbH\nE-Mail: of fice@baumarkt-huber.de\nSumme 5,00\n";
        CHECK(fixture::field_value(extract(broken, TextSource::ocr), "email") == "office@baumarkt-huber.de");
        CHECK(fixture::field_value(extract(broken, TextSource::text_layer), "email") == "fice@baumarkt-huber.de");
        // A word before an address that is already a role, or that makes none, stays apart.
        CHECK(fixture::field_value(extract("Shop Ltd\nmail to info@shop.com\n", TextSource::ocr), "email") ==
              "info@shop.com");
        CHECK(fixture::field_value(extract("Shop Ltd\nby anna@shop.com\n", TextSource::ocr), "email") ==
              "anna@shop.com");
    }
}

TEST_SUITE("fields.confidence") {
    TEST_CASE("a page where OCR was unsure of many words lowers every field's confidence and says why") {
        constexpr std::string_view text =
            "ACME TRADING SDN BHD\nlorem ipsum dolor sit amet\nDate: 25/12/2018\nTotal 9.00\n";
        const auto clean = docextract::page_from_text(text, docextract::TextSource::ocr);
        auto noisy = clean;
        for (auto& w : noisy.lines[1].words) {
            w.confidence = 0.2F; // 5 of 13 words unsure
        }
        const auto extractor = docextract::make_rule_extractor();
        const std::vector<PageText> clean_pages{clean};
        const std::vector<PageText> noisy_pages{noisy};
        const auto a = extractor->extract(clean_pages);
        const auto b = extractor->extract(noisy_pages);
        for (const std::string_view name : {"vendor", "date", "total"}) {
            CAPTURE(name);
            const auto& fa = *std::find_if(a.begin(), a.end(), [&](const Field& f) { return f.name == name; });
            const auto& fb = *std::find_if(b.begin(), b.end(), [&](const Field& f) { return f.name == name; });
            REQUIRE(fa.value == fb.value);
            CHECK(fb.confidence < fa.confidence);
            CHECK(std::find(fb.reasons.begin(), fb.reasons.end(), docextract::ReviewReason::low_ocr_confidence) !=
                  fb.reasons.end());
            CHECK(std::find(fa.reasons.begin(), fa.reasons.end(), docextract::ReviewReason::low_ocr_confidence) ==
                  fa.reasons.end());
        }
    }
}

TEST_SUITE("fields.rules") {
    TEST_CASE("a payment label in a phrase of its own still names the amount beside it") {
        const auto fields = extract(R"(SHOP SDN BHD
Total Incl. of GST      16.90
Total Amt Rounded       15.90
Payment :               50.00
Change Due:             34.10
)");
        CHECK(fixture::field_value(fields, "total") == "15.90");
    }

    TEST_CASE("a dash standing apart before a total is a separator when the arithmetic says so") {
        const auto fields = extract("SHOP SDN BHD\nGrand Total - 21.40\nCash 50.00\nCHANGE 28.60\n");
        CHECK(fixture::field_value(fields, "total") == "21.40");
        CHECK(fixture::field_value(extract("Shop Ltd\nCredit note\nTotal      -25.00\n"), "total") == "-25.00");
    }
}

TEST_SUITE("fields.rules") {
    TEST_CASE("'Amount owing' names the amount due, 'Te betaten voor' is an OCR reading of a due-date label") {
        CHECK(fixture::field_value(extract("Lakeside Ltd\nInvoice No: 914019\nAmount owing: GBP 3,768.11\n"),
                                   "total") == "3768.11");
        const auto fields = extract(
            "Bouw B.V.\nFactuurnr.: CA55-2223-M\nDatum: 02-11-2019\nTe betaten voor: 01-01-2020\nTotaal 5,00\n");
        CHECK(fixture::field_value(fields, "due_date") == "2020-01-01");
        CHECK(fixture::field_value(fields, "date") == "2019-11-02");
    }
}

TEST_SUITE("fields.rules") {
    TEST_CASE("a piece of prose ending in a legal word is no vendor") {
        const auto fields =
            extract("Meadow Books Ltd\nInvoice No: 42\nTotal 5.00\n\n\n\n\n\n\n\n\n\n\n\n\n\nThe issuer "
                    "encapsulated their company\n");
        CHECK(fixture::field_value(fields, "vendor") == "Meadow Books Ltd");
        CHECK(fixture::field_value(extract("Sun Trading Co\nHarbour Road 1\nTotal 5.00\n"), "vendor") ==
              "Sun Trading Co");
    }
}

TEST_SUITE("fields.rules") {
    TEST_CASE("a total that a rounding line turns into the amount paid is the total before rounding") {
        const auto fields = extract(R"(SUSHI BAR SDN BHD
Total (Inclusive of GST): 41.52
Rounding Adj: -0.02
VISA 41.50
)");
        CHECK(fixture::field_value(fields, "total") == "41.50");
    }

    TEST_CASE("OCR misspellings of 'excluding' still make a subtotal") {
        const auto fields = extract("SHOP SDN BHD\nTotal Sales (Excuding GST): 98.17\nGST 5.89\nTotal Sales (Inclusive "
                                    "of GST): 104.06\n");
        CHECK(fixture::field_value(fields, "subtotal") == "98.17");
        CHECK(fixture::field_value(fields, "total") == "104.06");
    }
}
