// SPDX-License-Identifier: MIT
#include "fields/labels.hpp"
#include "fields/ocr_confusions.hpp"
#include "fields/regex.hpp"
#include "fields/vocabulary.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

using docextract::detail::EmbeddedFile;
using docextract::detail::expand_ocr_words;
using docextract::detail::LabelKind;
using docextract::detail::parse_vocabulary;

namespace {

/// The message parse_vocabulary throws for these files, or "" when it accepts them.
std::string error_of(const std::vector<EmbeddedFile>& files) {
    try {
        (void)parse_vocabulary(files);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return {};
}

/// The smallest vocabulary parse_vocabulary accepts, plus `extra` at the end of the file.
std::string minimal(const std::string& extra) {
    return "[labels]\ntotal 0.6 total\n[months]\nmay 5\n[legal_forms]\nltd\n[naming_phrases]\nshopping\\s+at\n"
           "[address_words]\nstreet\n[business_words]\nbakery\n[generic_words]\nthanks\n[prose_words]\nour\n"
           "[currencies]\nEUR €\n" +
           extra;
}

} // namespace

TEST_SUITE("fields.vocabulary") {
    TEST_CASE("the shipped vocabulary parses and has a file per language") {
        const auto& vocabulary = docextract::detail::shipped_vocabulary();
        std::vector<std::string> names;
        for (const auto& locale : vocabulary.locales) {
            names.push_back(locale.name);
        }
        for (const std::string wanted : {"common", "de", "en", "es", "fr", "ms", "nl"}) {
            CHECK_MESSAGE(std::find(names.begin(), names.end(), wanted) != names.end(), wanted);
        }
        CHECK(vocabulary.labels.size() > 100);
        CHECK(vocabulary.months.size() > 80);
        for (const auto& wording : vocabulary.labels) {
            // Every expanded pattern compiles, and no word mark or fragment is left unexpanded.
            CHECK_NOTHROW(docextract::detail::Regex{wording.pattern});
            CHECK_MESSAGE(wording.pattern.find('~') == std::string::npos, wording.pattern);
            CHECK_MESSAGE(wording.pattern.find("{total}") == std::string::npos, wording.pattern);
        }
    }

    TEST_CASE("a word written ~word matches its OCR misreadings, the rest of the pattern is left alone") {
        const docextract::detail::OcrConfusions confusions{{'o', {"0"}}, {'l', {"1", "|", "]"}}, {'m', {"rn", "n"}}};
        CHECK(expand_ocr_words("~total", confusions) == "t[o0]ta[l1|\\]]");
        CHECK(expand_ocr_words("~amount\\s+due", confusions) == "a(?:m|rn|n)[o0]unt\\s+due");
        CHECK(expand_ocr_words("\\~total ~ x", confusions) == "\\~total ~ x");
        CHECK(expand_ocr_words("TOTAL", confusions) == "TOTAL");
        // The shipped confusions reach the label matcher: one OCR spelling per confusion.
        for (const std::string text : {"T0TAL 12.00", "Tota1 12.00", "TOTA] 12.00", "jotal 12.00"}) {
            const auto labels = docextract::detail::find_labels(text);
            REQUIRE_MESSAGE(labels.size() == 1, text);
            CHECK_MESSAGE(labels[0].kind == LabelKind::total, text);
        }
        const auto amount = docextract::detail::find_labels("Arnount Incl. GST 5.00");
        REQUIRE(amount.size() == 1);
        CHECK(amount[0].kind == LabelKind::total_strong);
    }

    TEST_CASE("a language is a file: its wordings, months and date order come from it") {
        const std::string italian = "[locale]\nday_first = yes\nocr_language = ita\n[labels]\ntotal_strong 1.0 "
                                    "totale\\s+fattura\n"
                                    "date_due 1.0 scadenza\n[months]\ngennaio 1\n";
        const auto vocabulary =
            parse_vocabulary(std::vector<EmbeddedFile>{{"common.txt", minimal("")}, {"it.txt", italian}});
        REQUIRE(vocabulary.locales.size() == 2);
        CHECK(vocabulary.locales[1].name == "it");
        CHECK(vocabulary.locales[1].day_first);
        CHECK_FALSE(vocabulary.locales[0].day_first);
        CHECK(vocabulary.locales[1].ocr_language == "ita");
        CHECK(vocabulary.locales[0].ocr_language.empty());
        REQUIRE(vocabulary.labels.size() == 3);
        REQUIRE(vocabulary.currencies.size() == 2); // the code, and its mark
        CHECK(vocabulary.currencies[1].text == "€");
        CHECK(vocabulary.labels[1].kind == LabelKind::total_strong);
        CHECK(vocabulary.labels[1].locale == 1);
        CHECK(vocabulary.months.back().name == "gennaio");
        CHECK(docextract::detail::alternation({"a", "abc", "ab"}) == "(?:abc|ab|a)");
    }

    TEST_CASE("a mistake in a vocabulary file is refused with its file and line") {
        CHECK(error_of({{"x.txt", minimal("")}}).empty());
        CHECK(error_of({{"x.txt", minimal("[labels]\ntotl 0.6 total\n")}}) ==
              "vocabulary x.txt:20: unknown label kind \"totl\"");
        CHECK(error_of({{"x.txt", minimal("[labels]\ntotal 1.5 total\n")}}).find("x.txt:20: a strength") !=
              std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[labels]\ntotal 0.5 {nothing}\n")}}).find("unknown fragment {nothing}") !=
              std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[colours]\nred\n")}}).find("unknown section [colours]") !=
              std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[months]\nsmarch 13\n")}}).find("x.txt:20: a month") != std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[locale]\nday_first = maybe\n")}}).find("yes or no") != std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[locale]\nocr_language = ../../etc\n")}}).find("Tesseract language") !=
              std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[locale]\nocr_language =\n")}}).find("Tesseract language") !=
              std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[locale]\nscript = latin\n")}}).find("knows only") != std::string::npos);
        CHECK(error_of({{"x.txt", "total 0.6 total\n" + minimal("")}}).find("x.txt:1: an entry before") !=
              std::string::npos);
        CHECK(error_of({{"x.txt", "[labels]\ntotal 0.6 total\n"}}).find("needs is empty") != std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[currencies]\neuro €\n")}}).find("ISO 4217") != std::string::npos);
        CHECK(error_of({{"x.csv", minimal("")}}).find("not a .txt file") != std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[digit_confusions]\n7 1 2\n")}}).empty());
        CHECK(error_of({{"x.txt", minimal("[digit_confusions]\nl 1\n")}}).find("x.txt:20: a digit confusion") !=
              std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[digit_confusions]\n7 12\n")}}).find("other digits") != std::string::npos);
        CHECK(error_of({{"x.txt", minimal("[digit_confusions]\n7 7\n")}}).find("other digits") != std::string::npos);
    }
}
