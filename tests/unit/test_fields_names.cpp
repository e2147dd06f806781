// SPDX-License-Identifier: MIT
#include "fields/names.hpp"

#include "fixture_fields.hpp"

#include <doctest/doctest.h>

using namespace docextract::detail;

TEST_SUITE("fields.names") {
    TEST_CASE("fold_key folds case and accents and drops punctuation") {
        CHECK(fold_key("Krämer Software GmbH") == "kramersoftwaregmbh");
        CHECK(fold_key("Krämer", true) == "kraemer");
        CHECK(fold_key("Papelería Morales, S.L.") == "papeleriamoralessl");
        CHECK(fold_key("Straße") == "strasse");
    }

    TEST_CASE("legal-form suffixes") {
        for (const auto* name : {"ACME Ltd",
                                 "ACME Ltd.",
                                 "ACME Limited",
                                 "ACME LLC",
                                 "ACME Inc.",
                                 "ACME GmbH",
                                 "ACME AG",
                                 "ACME e.K.",
                                 "ACME B.V.",
                                 "ACME V.O.F.",
                                 "ACME S.A.",
                                 "ACME S.L.",
                                 "ACME SAS",
                                 "ACME S.A.R.L.",
                                 "ACME plc",
                                 "ACME SDN BHD",
                                 "ACME SDN. BHD.",
                                 "ACME S/B",
                                 "ACME ENTERPRISE",
                                 "ACME TRADING",
                                 "ACME & Co.",
                                 "ACME SDN BHD (742014-W)",
                                 "ACME SDN BHD 1110644-V"}) {
            CHECK_MESSAGE(has_legal_suffix(name), name);
        }
        for (const auto* name : {"ACME", "Boulangerie du Parc", "SAGA", "Coca"}) {
            CHECK_FALSE_MESSAGE(has_legal_suffix(name), name);
        }
        CHECK(strip_legal_suffix("Keller Gastronomiebedarf AG") == "Keller Gastronomiebedarf");
        CHECK(strip_legal_suffix("XYZ Trading Sdn Bhd") == "XYZ");
    }

    TEST_CASE("a legal form alone names nobody") {
        CHECK(docextract::detail::only_legal_form("Bhd"));
        CHECK(docextract::detail::only_legal_form("Sdn. Bhd."));
        CHECK(docextract::detail::only_legal_form("GmbH"));
        CHECK_FALSE(docextract::detail::only_legal_form("Aneka Marketing Sdn Bhd"));
        CHECK_FALSE(docextract::detail::only_legal_form("Bhdx Trading"));
        // "Aneka Intertrade Marketing Sdn" / "Bhd (524463-X)" split by an unsure word: the name, not the form.
        const auto fields =
            fixture::extract_text("Aneka Intertrade Marketing Sdn Bhd\nBhd\nTotal 5.00\n", docextract::TextSource::ocr);
        CHECK(fixture::field_value(fields, "vendor") == "Aneka Intertrade Marketing Sdn Bhd");
    }

    TEST_CASE("a legal name that goes on with a branch or place") {
        const std::string text = "EIGHT OUNCE COFFEE CO. THE GARDENS MALL";
        CHECK(text.substr(0, legal_name_end(text)) == "EIGHT OUNCE COFFEE CO.");
        CHECK(legal_name_end("ACME SDN BHD") == 0);
        const std::string chained = "Vogel GmbH & Co. KG · Gartenweg 105";
        CHECK(chained.substr(0, legal_name_end(chained)) == "Vogel GmbH & Co. KG");
        CHECK(legal_name_end("No suffix here") == 0);
        CHECK(legal_name_end("Co. Reg. No. 1234") == 0);
    }

    TEST_CASE("OCR confusions in a legal suffix are repaired in the printed case") {
        CHECK(fix_legal_suffix("TRI SHAAS SON BHD") == "TRI SHAAS SDN BHD");
        CHECK(fix_legal_suffix("Segi Cash & Carry Sdn. Bnd.") == "Segi Cash & Carry Sdn. Bhd.");
        CHECK(fix_legal_suffix("AMANO MALAYSIA SDN BHO") == "AMANO MALAYSIA SDN BHD");
        CHECK(fix_legal_suffix("Oakridge Associates Lid.") == "Oakridge Associates Ltd.");
        CHECK(fix_legal_suffix("SON BHD ALONE SHOP") == "SON BHD ALONE SHOP");
        CHECK(fix_legal_suffix("Keller GmbH") == "Keller GmbH");
        CHECK(fix_legal_suffix("FOUR QUARTERS SUN BHD") == "FOUR QUARTERS SDN BHD");
        CHECK(fix_legal_suffix("LIGHTROOM GALLERY SDN") == "LIGHTROOM GALLERY SDN BHD");
        CHECK(fix_legal_suffix("Gallery Sdn.") == "Gallery Sdn. Bhd");
        CHECK(fix_legal_suffix("Rising Sun") == "Rising Sun");
        // A number in brackets is what was printed or read: no rule guesses a letter behind it.
        CHECK(fix_legal_suffix("Studio (4) Ltd") == "Studio (4) Ltd");
        CHECK(fix_legal_suffix("Kedai (4) Jalan 7") == "Kedai (4) Jalan 7");
    }

    TEST_CASE("owner keys of email and web addresses") {
        CHECK(owner_key("rechnung@keller-gastronomiebedarf.de") == "kellergastronomiebedarf");
        CHECK(owner_key("accounts@northwind-traders.co.uk") == "northwindtraders");
        CHECK(owner_key("https://www.azure-interior.com/contact") == "azureinterior");
        CHECK(owner_key("westbrookbooks@yahoo.com") == "westbrookbooks");
        CHECK(owner_key("deboerdrukkerij@kpnmail.nl") == "deboerdrukkerij");
    }

    TEST_CASE("names match the owners of their addresses") {
        CHECK(name_matches_owner("Keller Gastronomiebedarf AG", "kellergastronomiebedarf") == 1.0);
        CHECK(name_matches_owner("Krämer Transporte", "kraemertransporte") == 1.0);
        CHECK(name_matches_owner("De Boer Drukkerij B.V.", "deboerdrukkerij") == 1.0);
        CHECK(name_matches_owner("Horizon Labs LLC", "kellergastronomiebedarf") == 0.0);
        CHECK(name_matches_owner("Rooms", "oyorooms") == 0.5); // a word of the owner, not all of it
        CHECK(name_matches_owner("Oakridge", "oakridgefreight") == 0.5);
        CHECK(name_matches_owner("Rooms", "oyoroomsindia") == 0.5);
    }
}
