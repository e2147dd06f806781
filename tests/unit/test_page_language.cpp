// SPDX-License-Identifier: MIT
#include "fields/page_language.hpp"

#include <docextract/text.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>

using docextract::page_from_text;
using docextract::TextSource;
using docextract::detail::page_language;

TEST_SUITE("fields.page_language") {
    TEST_CASE("a German invoice's labels name German and the OCR model of German pages") {
        const auto page = page_from_text("Keller Gastronomiebedarf AG\n"
                                         "Rechnung\n"
                                         "Re.-Nr. RE-2007-422\n"
                                         "Rechnungsdatum 11.07.2020\n"
                                         "Summe netto 2.096,36 €\n"
                                         "zzgl. MwSt. 19 % 398,31 €\n"
                                         "Gesamtbetrag 2.494,67 €\n",
                                         TextSource::ocr);
        const auto language = page_language(page);
        REQUIRE(language.has_value());
        CHECK(language->locale == "de");
        CHECK_FALSE(language->ocr_language.empty()); // data/vocab/de.txt names one
        CHECK(language->lines >= 4);
    }

    TEST_CASE("a receipt in English names English, which names no other model") {
        const auto page = page_from_text("MR D.I.Y. (M) SDN BHD\n"
                                         "TAX INVOICE\n"
                                         "Invoice No: 12345\n"
                                         "Date: 02/03/2018\n"
                                         "Total Incl. GST 32.50\n"
                                         "Cash 50.00\n"
                                         "Change 17.50\n",
                                         TextSource::ocr);
        const auto language = page_language(page);
        REQUIRE(language.has_value());
        CHECK(language->locale == "en");
        CHECK(language->ocr_language.empty());
    }

    TEST_CASE("one label, or a tie between two languages, names no language") {
        CHECK_FALSE(page_language(page_from_text("Rechnungsdatum 11.07.2020\nsome words\n", TextSource::ocr)));
        CHECK_FALSE(page_language(page_from_text("", TextSource::ocr)));
        // One line of German labels, one of Dutch: no language has more lines than the other.
        CHECK_FALSE(
            page_language(page_from_text("Rechnungsdatum 11.07.2020\nFactuurdatum 11-07-2020\n", TextSource::ocr)));
    }
}
