// SPDX-License-Identifier: MIT
#include <docextract/text.hpp>

#include <doctest/doctest.h>

using docextract::Box;
using docextract::PageText;
using docextract::TextLine;
using docextract::TextSource;
using docextract::TextWord;

TEST_SUITE("text") {
    TEST_CASE("to_string names every text source") {
        CHECK(docextract::to_string(TextSource::ocr) == "ocr");
        CHECK(docextract::to_string(TextSource::text_layer) == "text_layer");
    }

    TEST_CASE("TextLine joins words with single spaces and averages confidence") {
        TextLine line;
        CHECK(line.text().empty());
        CHECK(line.confidence() == 0.0F);
        line.words.push_back(TextWord{"Invoice", 0.9F, Box{0, 0, 70, 20}});
        line.words.push_back(TextWord{"No.", 0.5F, Box{80, 0, 30, 20}});
        CHECK(line.text() == "Invoice No.");
        CHECK(line.confidence() == doctest::Approx(0.7));
    }

    TEST_CASE("PageText joins lines with newlines") {
        PageText page;
        CHECK(page.text().empty());
        TextLine a;
        a.words.push_back(TextWord{"ACME", 1.0F, {}});
        TextLine b;
        b.words.push_back(TextWord{"Total", 1.0F, {}});
        b.words.push_back(TextWord{"12.00", 1.0F, {}});
        page.lines = {a, b};
        CHECK(page.text() == "ACME\nTotal 12.00");
    }

    TEST_CASE("page_from_text lays words out on a character grid") {
        const PageText page = docextract::page_from_text("ACME Ltd\nTotal:   12.50");
        REQUIRE(page.lines.size() == 2);
        CHECK(page.source == TextSource::text_layer);
        const auto& first = page.lines[0];
        REQUIRE(first.words.size() == 2);
        CHECK(first.words[0].box == Box{0, 0, 80, 30});
        CHECK(first.words[1].box == Box{100, 0, 60, 30});
        CHECK(first.words[0].confidence == 1.0F);
        CHECK(first.box == Box{0, 0, 160, 30});
        const auto& second = page.lines[1];
        REQUIRE(second.words.size() == 2);
        CHECK(second.words[0].text == "Total:");
        CHECK(second.words[1].box == Box{180, 40, 100, 30}); // column 9
        CHECK(page.text() == "ACME Ltd\nTotal: 12.50");
    }

    TEST_CASE("page_from_text keeps the vertical position of blank lines and starts a block after them") {
        const PageText page = docextract::page_from_text("a\n\n  \nb\nc", TextSource::ocr);
        REQUIRE(page.lines.size() == 3);
        CHECK(page.source == TextSource::ocr);
        CHECK(page.lines[0].box.y == 0);
        CHECK(page.lines[1].box.y == 3 * 40);
        CHECK(page.lines[2].box.y == 4 * 40);
        CHECK(page.lines[0].block == 0);
        CHECK(page.lines[1].block == 1);
        CHECK(page.lines[2].block == 1);
    }

    TEST_CASE("page_from_text counts UTF-8 characters, not bytes, and splits at tabs") {
        const PageText page = docextract::page_from_text("Prüfung\tä");
        REQUIRE(page.lines.size() == 1);
        REQUIRE(page.lines[0].words.size() == 2);
        CHECK(page.lines[0].words[0].box.width == 7 * 20);
        CHECK(page.lines[0].words[1].box.x == 8 * 20);
        CHECK(page.lines[0].words[1].box.width == 20);
    }

    TEST_CASE("page_from_text makes the page exactly large enough for its boxes") {
        const PageText page = docextract::page_from_text("short\na much longer line\n");
        for (const auto& line : page.lines) {
            for (const auto& w : line.words) {
                CHECK(w.box.right() <= page.width);
                CHECK(w.box.bottom() <= page.height);
            }
        }
        CHECK(page.width == 18 * 20);
        const PageText empty = docextract::page_from_text("");
        CHECK(empty.lines.empty());
        CHECK(empty.width > 0);
        CHECK(empty.height > 0);
    }

    TEST_CASE("page_from_text handles CRLF line ends") {
        const PageText page = docextract::page_from_text("one\r\ntwo\r\n");
        REQUIRE(page.lines.size() == 2);
        CHECK(page.lines[0].text() == "one");
        CHECK(page.lines[1].text() == "two");
    }
}
