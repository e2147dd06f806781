// SPDX-License-Identifier: MIT
// Tests of the evaluation rules (matching and scoring); no documents, no OCR.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "matching.hpp"
#include "page_cache.hpp"
#include "predictions.hpp"
#include "readings.hpp"
#include "scoring.hpp"
#include "value_recall.hpp"

#include <doctest/doctest.h>

#include <docextract/fields.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace docextract::eval;

TEST_CASE("vendor names match ignoring case, punctuation, spaces and accents") {
    CHECK(matches("vendor", "SDN. BHD. TRADING", "sdn bhd trading"));
    CHECK(matches("vendor", "Papelería Morales SL", "PAPELERIA MORALES S.L."));
    CHECK(matches("vendor", "Keller Bürobedarf GmbH", "Keller Burobedarf GmbH"));
    CHECK_FALSE(matches("vendor", "ACME Ltd", "ACME"));
    CHECK_FALSE(matches("vendor", "", ""));
    CHECK(vendor_distance("ACME Ltd", "ACME Ltd") == 0.0);
    CHECK(vendor_distance("IKANO HANDEL SDN BHD", "TKANO HANDEL SDN BHD") <= fuzzy_vendor_distance);
    CHECK(vendor_distance("ACME", "Oravel Stays") > fuzzy_vendor_distance);
}

TEST_CASE("amounts match to the cent, dates and codes exactly, emails ignoring case, numbers ignoring # and spaces") {
    CHECK(matches("total", "495.00", "495"));
    CHECK(matches("total", "43.70", "43.7"));
    CHECK_FALSE(matches("total", "43.70", "43.71"));
    CHECK_FALSE(matches("total", "43.70", "43,70"));
    CHECK(matches("tax", "-0.02", "-0.02"));
    CHECK(matches("date", "2024-03-05", "2024-03-05"));
    CHECK_FALSE(matches("date", "2024-03-05", "2024-05-03"));
    CHECK(matches_any("date", "2024-03-05", {"2024-05-03"}, "2024-05-03"));
    CHECK(matches("email", "Westbrookbooks@yahoo.com", "westbrookbooks@yahoo.com"));
    CHECK(matches("invoice_number", "INV-42", "# INV-42"));
    CHECK(matches("invoice_number", "2024 118", "2024118"));
    CHECK_FALSE(matches("invoice_number", "INV-42", "INV-43"));
    CHECK(matches("currency", "EUR", "eur"));
    CHECK(amount_cents("12.5") == 1250);
    CHECK(amount_cents("-3") == -300);
    CHECK_FALSE(amount_cents("1,234.00").has_value());
}

TEST_CASE("summaries count labelled, emitted, correct and accepted values, and calibrate") {
    DocumentOutcome a;
    a.name = "a.pdf";
    FieldOutcome right{"total", "1.00", {}, "1.00", 0.95F, false, {}, true, false};
    FieldOutcome wrong{"vendor", "ACME", {}, "ACNE", 0.55F, true, {"below_threshold"}, false, true};
    FieldOutcome missing{"date", "2024-01-01", {}, std::nullopt, 0.0F, true, {"not_found"}, false, false};
    a.fields = {right, wrong, missing};
    DocumentOutcome b;
    b.name = "b.pdf";
    b.error = "corrupt";
    const Summary s = summarise({a, b});
    CHECK(s.documents == 2);
    CHECK(s.failed == 1);
    CHECK(s.field_order == std::vector<std::string>{"vendor", "date", "total"});
    const FieldStats& total = s.fields.at("total");
    CHECK(total.labelled == 1);
    CHECK(total.precision() == 1.0);
    CHECK(total.coverage() == 1.0);
    const FieldStats& vendor = s.fields.at("vendor");
    CHECK(vendor.emitted == 1);
    CHECK(vendor.correct == 0);
    CHECK(vendor.fuzzy_correct == 1);
    CHECK(vendor.accepted == 0);
    CHECK(s.overall.labelled == 3);
    CHECK(s.overall.emitted == 2);
    CHECK(s.overall.correct == 1);
    CHECK(s.overall.recall() == doctest::Approx(1.0 / 3));
    CHECK(s.overall.f1() == doctest::Approx(0.4));
    CHECK(s.calibration[9].count == 1);
    CHECK(s.calibration[9].accuracy() == 1.0);
    CHECK(s.calibration[5].count == 1);
    CHECK(s.calibration[5].accuracy() == 0.0);
    CHECK(s.calibration[5].mean_confidence() == doctest::Approx(0.55));
}

TEST_CASE("cached pages come back word for word, and the key follows the bytes and the setup") {
    docextract::PageText page = docextract::page_from_text("ACME Ltd\nTotal  12.50 €\n", docextract::TextSource::ocr);
    page.lines[1].words[0].confidence = 0.25F;
    page.lines[1].block = 3;
    page.lines[1].words[1].alternatives = {"17.50", "12.90"};
    const auto back = pages_from_json(pages_to_json({page}));
    REQUIRE(back.size() == 1);
    CHECK(back[0].text() == page.text());
    CHECK(back[0].source == docextract::TextSource::ocr);
    CHECK(back[0].width == page.width);
    CHECK(back[0].lines[1].block == 3);
    CHECK(back[0].lines[1].words[0].confidence == 0.25F);
    CHECK(back[0].lines[1].words[1].box == page.lines[1].words[1].box);
    CHECK(back[0].lines[1].words[1].alternatives == std::vector<std::string>{"17.50", "12.90"});
    CHECK(back[0].lines[1].words[0].alternatives.empty());

    const auto dir = std::filesystem::temp_directory_path() / ("docextract-eval-cache-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto doc = dir / "a.png";
    std::ofstream(doc) << "first bytes";
    const PageCache cache(dir / "cache", "setup A");
    const std::string key = cache.key(doc);
    CHECK(key.size() == 16);
    CHECK_FALSE(cache.load(key).has_value());
    docextract::StageTimings timings;
    timings.ocr_ms = 30;
    timings.ocr_line_ms = 12.5;
    cache.store(key, CacheEntry{{{page}}, timings}, "a.png");
    const auto loaded = cache.load(key);
    REQUIRE(loaded.has_value());
    REQUIRE(loaded->readings.size() == 1);
    CHECK(loaded->readings.at(0).at(0).text() == page.text());
    CHECK(loaded->timings.ocr_ms == 30);
    CHECK(loaded->timings.ocr_line_ms == 12.5);
    // Further readings are stored beside the first and come back after it, each line with its pass.
    docextract::PageText again = docextract::page_from_text("ACME Ltd\nTotal 12.60\n", docextract::TextSource::ocr);
    again.lines[1].pass = docextract::ReadingPass::line;
    cache.store(key, CacheEntry{{{page}, {again}}, timings}, "a.png");
    const auto both = cache.load(key);
    REQUIRE(both.has_value());
    REQUIRE(both->readings.size() == 2);
    CHECK(both->readings.at(0).at(0).text() == page.text());
    CHECK(both->readings.at(1).at(0).text() == again.text());
    CHECK(both->readings.at(1).at(0).lines[0].pass == docextract::ReadingPass::page);
    CHECK(both->readings.at(1).at(0).lines[1].pass == docextract::ReadingPass::line);
    CHECK(PageCache(dir / "cache", "setup B").key(doc) != key);
    std::ofstream(doc) << "other bytes";
    CHECK(cache.key(doc) != key);
    std::filesystem::remove_all(dir);
}

TEST_CASE("predictions in the CLI's JSON Lines format are read by file name") {
    const auto file =
        std::filesystem::temp_directory_path() / ("docextract-eval-pred-" + std::to_string(::getpid()) + ".jsonl");
    std::ofstream(file) << R"({"filename": "dir/a.jpg", "fields": {"total": {"value": "1.00", "confidence": 0.9, )"
                           R"("needs_review": false, "reasons": ["no_label", "unknown"]}, "date": {"value": null}}})"
                        << "\n\n"
                        << R"({"filename": "b.jpg", "error": "unreadable"})"
                        << "\n";
    const auto predictions = load_predictions(file);
    std::filesystem::remove(file);
    REQUIRE(predictions.size() == 2);
    const auto& a = predictions.at("a.jpg");
    REQUIRE(a.field("total") != nullptr);
    CHECK(a.field("total")->value == "1.00");
    CHECK_FALSE(a.field("total")->needs_review);
    CHECK(a.field("total")->reasons == std::vector<docextract::ReviewReason>{docextract::ReviewReason::no_label});
    CHECK_FALSE(a.field("date")->value.has_value());
    CHECK(predictions.at("b.jpg").error == "unreadable");
}

TEST_CASE("value recall finds labelled values in the recognised words as the matching rules say") {
    using docextract::eval::value_occurs;
    const docextract::PageText page = docextract::page_from_text("LIAN HING\n"
                                                                 "STATIONERY SDN BHD\n"
                                                                 "Date: 12 Mar 2018  Inv# A-0042\n"
                                                                 "TOTAL RM1,234.50\n"
                                                                 "Tax 6.0\n"
                                                                 "Paid 20 .50\n"
                                                                 "billing@acme.example\n",
                                                                 docextract::TextSource::ocr);
    std::vector<const docextract::TextLine*> lines;
    for (const auto& line : page.lines) {
        lines.push_back(&line);
    }
    CHECK(value_occurs("total", "1234.50", lines));
    CHECK(value_occurs("tax", "6.00", lines));
    CHECK(value_occurs("total", "20.50", lines)); // split by OCR, joined
    CHECK_FALSE(value_occurs("total", "234.50", lines));
    CHECK(value_occurs("date", "2018-03-12", lines));
    CHECK_FALSE(value_occurs("date", "2018-03-11", lines));
    CHECK(value_occurs("vendor", "Lian Hing Stationery Sdn. Bhd.", lines)); // over two lines
    CHECK_FALSE(value_occurs("vendor", "UAN HING STATIONERY SDN BHD", lines));
    CHECK(value_occurs("invoice_number", "A-0042", lines));
    CHECK(value_occurs("email", "Billing@Acme.example", lines));
    const docextract::PageText numeric = docextract::page_from_text(
        "31/01/2024\n112/03/2018\nJanuary 5, 2023\n7. März 2021\n19/10/2018 20:49:59\n", docextract::TextSource::ocr);
    std::vector<const docextract::TextLine*> dates;
    for (const auto& line : numeric.lines) {
        dates.push_back(&line);
    }
    CHECK(value_occurs("date", "2024-01-31", dates));
    CHECK(value_occurs("date", "2023-01-05", dates));
    CHECK(value_occurs("date", "2021-03-07", dates));
    CHECK_FALSE(value_occurs("date", "2023-01-15", dates));
    CHECK(value_occurs("date", "2018-10-19", dates));       // a time after the date
    CHECK_FALSE(value_occurs("date", "2018-03-12", dates)); // digits run on: not the 12th
}

TEST_CASE("the pictures of a text-layer page are replayed only where its text leaves a core field open") {
    const auto rules = docextract::make_rule_extractor();
    using docextract::PageText;
    using docextract::TextSource;
    PageText picture = docextract::page_from_text("ACME Supplies Ltd\ninfo@acme-supplies.com\n", TextSource::ocr);
    for (auto& line : picture.lines) {
        line.pass = docextract::ReadingPass::picture;
    }
    // Every core field on the text layer: at threshold 0 every one is sure, no picture is read.
    const PageText whole = docextract::page_from_text("ACME Supplies Ltd\nInvoice No: INV-1001\n"
                                                      "Invoice Date: 2024-03-05\nTotal: 120.00 EUR\n"
                                                      "Email: billing@acme-supplies.com\n",
                                                      TextSource::text_layer);
    const std::vector<std::vector<PageText>> sure{{whole, picture}};
    CHECK(pipeline_readings(sure, *rules, 0.0F).at(0).size() == 1);
    // No email on the text layer: the email is a core field too, so the pictures are read.
    const PageText no_email = docextract::page_from_text("ACME Supplies Ltd\nInvoice No: INV-1001\n"
                                                         "Invoice Date: 2024-03-05\nTotal: 120.00 EUR\n",
                                                         TextSource::text_layer);
    const std::vector<std::vector<PageText>> emailless{{no_email, picture}};
    CHECK(pipeline_readings(emailless, *rules, 0.0F).at(0).size() == 2);
    // No total on the text layer: the pictures are read, unless the choice leaves them out.
    const PageText open =
        docextract::page_from_text("Invoice No: INV-1001\nInvoice Date: 2024-03-05\n", TextSource::text_layer);
    const std::vector<std::vector<PageText>> wanting{{open, picture}};
    const auto used = pipeline_readings(wanting, *rules, 0.0F);
    REQUIRE(used.at(0).size() == 2);
    CHECK(used.at(0).at(1).lines.at(0).pass == docextract::ReadingPass::picture);
    CHECK(pipeline_readings(wanting, *rules, 0.0F, ReadingChoice{true, false, false}).at(0).size() == 1);
}
