// SPDX-License-Identifier: MIT
#include "log.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace docextract::service;

TEST_SUITE("log") {
    TEST_CASE("ordinary text, UTF-8 included, is logged as it is") {
        CHECK(escape_for_log("127.0.0.1 GET /result/0123abcd 404") == "127.0.0.1 GET /result/0123abcd 404");
        CHECK(escape_for_log("Rechnung M\xc3\xbcller \xe2\x82\xac 12,00") ==
              "Rechnung M\xc3\xbcller \xe2\x82\xac 12,00");
        CHECK(escape_for_log("") == "");
    }

    TEST_CASE("nothing that ends or rewrites a line survives") {
        CHECK(escape_for_log("/a\r\n2026-01-01T00:00:00.000Z forged") == "/a\\r\\n2026-01-01T00:00:00.000Z forged");
        CHECK(escape_for_log("tab\there") == "tab\\there");
        CHECK(escape_for_log(std::string("nul\0byte", 8)) == "nul\\x00byte");
        CHECK(escape_for_log("\x1b[2J\x7f\x01") == "\\x1b[2J\\x7f\\x01");
        CHECK(escape_for_log("next\xc2\x85line \xc2\x9b") == "next\\u0085line \\u009b"); // C1 controls
        CHECK(escape_for_log("a\xe2\x80\xa8"
                             "b\xe2\x80\xa9") == "a\\u2028b\\u2029");
        // A backslash is doubled, so a literal "\r" in the input cannot pass for an escaped CR.
        CHECK(escape_for_log("C:\\dir\\r") == "C:\\\\dir\\\\r");
        // Truncated or other multi-byte sequences are left alone.
        CHECK(escape_for_log("\xc2") == "\xc2");
        CHECK(escape_for_log("\xe2\x80") == "\xe2\x80");
        CHECK(escape_for_log("\xc2\xa0") == "\xc2\xa0"); // no-break space is not a control
    }

    TEST_CASE("the escaped text has no control character left") {
        std::string all;
        for (int c = 0; c < 256; ++c) {
            all.push_back(static_cast<char>(c));
        }
        for (char c : escape_for_log(all)) {
            const auto byte = static_cast<unsigned char>(c);
            CHECK_FALSE((byte < 0x20U || byte == 0x7FU));
        }
    }
}
