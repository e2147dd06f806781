// SPDX-License-Identifier: MIT
// Which lines of an OCR'd page are read again one by one (fields/reread_lines), and what their reading adds to
// the fields, without OCR.
#include "fields/reread_lines.hpp"

#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace {

using docextract::detail::lines_worth_rereading;

bool chosen(const std::vector<std::size_t>& lines, std::size_t index) {
    return std::find(lines.begin(), lines.end(), index) != lines.end();
}

} // namespace

TEST_SUITE("fields") {
    TEST_CASE("lines worth re-reading: the letterhead, labelled amount and date rows, numeric dates") {
        // 0-3 the top four lines (letterhead), 3-5 items, 6 subtotal, 7 tax, 8 total, 9 cash, 10 change, 11 a bare
        // date, 12 a footer.
        const docextract::PageText page = docextract::page_from_text("ACME TRADING SDN BHD\n"
                                                                     "12 Jalan Besar\n"
                                                                     "Kuala Lumpur\n"
                                                                     "Coffee 1 4.50\n"
                                                                     "Tea 2 6.00\n"
                                                                     "Cake 1 8.90\n"
                                                                     "Subtotal 19.40\n"
                                                                     "GST 6% 1.16\n"
                                                                     "TOTAL 20.56\n"
                                                                     "Cash 50.00\n"
                                                                     "Change 29.44\n"
                                                                     "12/03/2018 14:22\n"
                                                                     "Thank you, please come again\n"
                                                                     "Goods sold are not returnable\n"
                                                                     "Have a nice day\n"
                                                                     "See you soon\n"
                                                                     "www.acme.example\n"
                                                                     "Tel 03-1234 5678\n",
                                                                     docextract::TextSource::ocr);
        const auto lines = lines_worth_rereading(page, 14);
        for (const std::size_t expected : {0U, 1U, 2U, 3U, 6U, 7U, 8U, 9U, 10U, 11U}) {
            CHECK_MESSAGE(chosen(lines, expected), page.lines[expected].text());
        }
        for (const std::size_t item : {4U, 5U, 12U, 16U}) {
            CHECK_FALSE_MESSAGE(chosen(lines, item), page.lines[item].text());
        }
        // The cap keeps the most useful: the letterhead, then the labelled rows.
        const auto few = lines_worth_rereading(page, 5);
        CHECK(few.size() == 5);
        CHECK(chosen(few, 0));
        CHECK_FALSE(chosen(few, 11));
        CHECK(lines_worth_rereading(docextract::PageText{}, 14).empty());
    }

    TEST_CASE("a misread total label still marks its row") {
        const docextract::PageText page =
            docextract::page_from_text("SHOP\nA\nB\nC\nD\nE\nF\nT0TAL RM 12.50\n", docextract::TextSource::ocr);
        CHECK(chosen(lines_worth_rereading(page, 14), 7));
    }
}

namespace {

/// The lines of `text` as a reading of lines read again one by one (pass line).
std::vector<docextract::PageText> line_reading(const std::string& text) {
    docextract::PageText page = docextract::page_from_text(text, docextract::TextSource::ocr);
    for (docextract::TextLine& line : page.lines) {
        line.pass = docextract::ReadingPass::line;
    }
    return {page};
}

const docextract::Field& field_named(const std::vector<docextract::Field>& fields, const std::string& name) {
    const auto found =
        std::find_if(fields.begin(), fields.end(), [&](const docextract::Field& f) { return f.name == name; });
    REQUIRE(found != fields.end());
    return *found;
}

} // namespace

TEST_SUITE("fields") {
    TEST_CASE("lines read again confirm a vendor name another reading gave and propose none of their own") {
        const auto extractor = docextract::make_rule_extractor();
        const std::vector<docextract::PageText> page{docextract::page_from_text(
            "ACME TRADING SDN BHD\n12 Jalan Besar\nTOTAL 20.56\n", docextract::TextSource::ocr)};
        const std::vector<std::vector<docextract::PageText>> alone{page};
        const docextract::Field before = field_named(extractor->extract_readings(alone), "vendor");
        REQUIRE(before.value == "ACME TRADING SDN BHD");

        // The same name read again: more of the probability goes to it.
        const std::vector<std::vector<docextract::PageText>> confirmed{page, line_reading("ACME TRADING SDN BHD\n")};
        const docextract::Field after = field_named(extractor->extract_readings(confirmed), "vendor");
        CHECK(after.value == before.value);
        CHECK(after.confidence > before.confidence);

        // A name only the line reading gives, and an amount only it gives, are not candidates.
        const std::vector<std::vector<docextract::PageText>> other{page,
                                                                   line_reading("ZEBRA STORES SDN BHD\nTOTAL 99.10\n")};
        const auto fields = extractor->extract_readings(other);
        CHECK(field_named(fields, "vendor").value == before.value);
        CHECK(field_named(fields, "vendor").confidence == doctest::Approx(before.confidence));
        CHECK(field_named(fields, "total").value == "20.56");
    }
}
