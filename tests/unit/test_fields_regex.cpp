// SPDX-License-Identifier: MIT
#include "fields/regex.hpp"

#include <docextract/error.hpp>

#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

using docextract::detail::Regex;

TEST_SUITE("fields.regex") {
    TEST_CASE("a malformed pattern is a setup error with PCRE2's message") {
        try {
            const Regex bad("(unclosed");
            FAIL("expected an exception");
        } catch (const docextract::Error& e) {
            CHECK(e.code() == docextract::ErrorCode::invalid_argument);
            CHECK(std::string(e.what()).find("(unclosed") != std::string::npos);
        }
        CHECK_THROWS_AS(Regex("[a-"), docextract::Error);
        CHECK_NOTHROW(Regex("(?<![0-9])[0-9]+"));
    }

    TEST_CASE("search reports the match and its groups as byte spans") {
        const Regex re(R"(no\.?\s*([A-Z]+)-([0-9]+)(x)?)");
        const std::string text = "Invoice NO. INV-42 due";
        const auto m = re.search(text);
        REQUIRE(m.has_value());
        CHECK(m->whole.in(text) == "NO. INV-42");
        CHECK(m->group(text, 1) == "INV");
        CHECK(m->group(text, 2) == "42");
        CHECK_FALSE(m->has(3));
        CHECK(m->group(text, 3).empty());
        CHECK(m->group(text, 9).empty());
        CHECK_FALSE(re.search(text, 10).has_value());
    }

    TEST_CASE("matching is case-insensitive over Unicode by default and exact when asked") {
        CHECK(Regex("märz").search("5. MÄRZ 2024").has_value());
        CHECK(Regex("fällig").search("FÄLLIG AM").has_value());
        CHECK_FALSE(Regex("total", Regex::none).search("TOTAL").has_value());
        CHECK(Regex("tot al", Regex::extended).full_match("total"));
    }

    TEST_CASE("find_all returns non-overlapping matches and advances over empty ones") {
        const Regex digits("[0-9]+");
        const std::string text = "1 22 333";
        const auto all = digits.find_all(text);
        REQUIRE(all.size() == 3);
        CHECK(all[2].whole.in(text) == "333");
        const Regex empty("x*");
        CHECK(empty.find_all("aä").size() == 3); // before a, before ä, at the end
    }

    TEST_CASE("full_match anchors at both ends") {
        const Regex re("[0-9]+");
        CHECK(re.full_match("123"));
        CHECK_FALSE(re.full_match("123a"));
        CHECK_FALSE(re.full_match("a123"));
    }

    TEST_CASE("invalid UTF-8 in the subject is not an error") {
        const Regex re("total");
        const std::string broken = std::string("Total \xff\xfe 12.00 ") + "total";
        CHECK_NOTHROW((void)re.find_all(broken));
        CHECK_FALSE(re.find_all(broken).empty());
    }

    TEST_CASE("one compiled pattern can be used from several threads at once") {
        const Regex re(R"(([0-9]{2})/([0-9]{2})/([0-9]{4}))");
        std::string text;
        for (int i = 0; i < 200; ++i) {
            text += "date 01/02/2024 and 03/04/2025; ";
        }
        const std::size_t expected = re.find_all(text).size();
        std::vector<std::size_t> counts(4, 0);
        std::vector<std::thread> threads;
        for (std::size_t t = 0; t < counts.size(); ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 20; ++i) {
                    counts[t] = re.find_all(text).size();
                }
            });
        }
        for (auto& th : threads) {
            th.join();
        }
        for (const auto c : counts) {
            CHECK(c == expected);
        }
        CHECK(expected == 400);
    }
}
