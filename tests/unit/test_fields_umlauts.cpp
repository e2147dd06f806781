// SPDX-License-Identifier: MIT
#include "fields/umlaut_spelling.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using docextract::detail::domain_words;
using docextract::detail::respelled_umlauts;

TEST_SUITE("fields.umlauts") {
    TEST_CASE("the words of a domain: no top level, split at dots and hyphens, five letters or more") {
        CHECK(domain_words("office@keller-buerobedarf.de") == std::vector<std::string>{"keller", "buerobedarf"});
        CHECK(domain_words("https://www.Kraemer-Consulting.com/kontakt") ==
              std::vector<std::string>{"kraemer", "consulting"});
        CHECK(domain_words("info@kok.nl").empty());
    }

    TEST_CASE("a name OCR read without its umlauts takes them from the domain that writes them out") {
        const std::vector<std::string> keller = domain_words("office@keller-buerobedarf.de");
        CHECK(respelled_umlauts("Keller Bérobedarf GmbH", keller) == "Keller Bürobedarf GmbH");
        CHECK(respelled_umlauts("KELLER BIIROBEDARF GMBH", keller) == "KELLER BÜROBEDARF GMBH");
        // One domain word joining two words of the name.
        const std::vector<std::string> joined = domain_words("info@kraemerbuerotechnik.de");
        CHECK(respelled_umlauts("Kramer Biirotechnik GmbH", joined) == "Krämer Bürotechnik GmbH");
        // Written as the domain writes it, or too far from it: left alone.
        CHECK(respelled_umlauts("Kraemer Buerotechnik GmbH", joined) == "Kraemer Buerotechnik GmbH");
        CHECK(respelled_umlauts("Samuel Trading", domain_words("samuel@samuel-trading.com")) == "Samuel Trading");
        CHECK(respelled_umlauts("Keller Birobedart GmbH", keller) == "Keller Birobedart GmbH");
        CHECK(respelled_umlauts("Acme Supplies Ltd", keller) == "Acme Supplies Ltd");
        CHECK(respelled_umlauts("Keller Bérobedarf GmbH", {}) == "Keller Bérobedarf GmbH");
    }
}
