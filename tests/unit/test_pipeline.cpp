// SPDX-License-Identifier: MIT
// End-to-end tests of the Pipeline on the golden samples, bad inputs as values, and the pipeline's own rules
// (text-layer usability, summary, review list, preview cut).
#include <docextract/error.hpp>
#include <docextract/pipeline.hpp>

#include "fields/page_language.hpp"
#include "pipeline/summary.hpp"
#include "pipeline/text_layer.hpp"

#include "fixture_documents.hpp"
#include "fixture_pages.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using docextract::ErrorCode;
using docextract::ExtractionResult;
using docextract::Field;

const fs::path golden_dir{DOCEXTRACT_GOLDEN_DIR};

/// One pipeline for the whole file: it holds a Tesseract engine, initialised once.
docextract::Pipeline& shared_pipeline() {
    static docextract::Pipeline pipeline;
    return pipeline;
}

nlohmann::json expected_values(const std::string& stem) {
    std::ifstream in(golden_dir / (stem + ".expected.json"));
    REQUIRE(in.good());
    return nlohmann::json::parse(in);
}

struct Score {
    int correct = 0;         ///< Expected core fields whose value came out exactly.
    int confident_wrong = 0; ///< Fields not flagged for review whose value is wrong.
    std::vector<std::string> misses;
};

Score score(const ExtractionResult& result, const nlohmann::json& expected) {
    Score s;
    for (const auto& [name, value] : expected.items()) {
        const Field* field = result.field(name);
        const bool right = field != nullptr && field->value && *field->value == value.get<std::string>();
        const bool core = std::find(docextract::core_field_names.begin(), docextract::core_field_names.end(), name) !=
                          docextract::core_field_names.end();
        if (right && core) {
            ++s.correct;
        }
        if (!right) {
            s.misses.push_back(name + "=" + (field != nullptr && field->value ? *field->value : "(none)"));
            if (field != nullptr && field->value && !field->needs_review) {
                ++s.confident_wrong;
            }
        }
    }
    return s;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string text;
    for (const std::string& part : parts) {
        text += part + "; ";
    }
    return text;
}

/// The result's review list and summary agree with its fields.
void check_consistency(const ExtractionResult& result) {
    int confident_core = 0;
    for (const std::string_view name : docextract::core_field_names) {
        const Field* field = result.field(name);
        REQUIRE_MESSAGE(field != nullptr, "core field missing: " << name);
        const bool listed = std::find(result.needs_review.begin(), result.needs_review.end(), std::string(name)) !=
                            result.needs_review.end();
        CHECK(listed == field->needs_review);
        if (field->value && !field->needs_review) {
            ++confident_core;
        }
        if (!field->value) {
            CHECK(field->needs_review);
            CHECK(field->source == docextract::FieldSource::none);
        }
    }
    CHECK(result.summary == std::to_string(confident_core) + " of 5 fields extracted confidently.");
    CHECK(result.raw_text_preview.size() <= shared_pipeline().options().preview_chars);
    CHECK(result.timings.total_ms >= result.timings.ocr_ms);
    CHECK(result.timings.load_ms >= 0.0);
}

/// OCR misreads a character now and then (an e-mail address read as ".cu" instead of ".eu") with a confidence
/// above the review threshold: allow one such confident misread per sample, no more.
constexpr int max_confident_wrong = 1;

/// Runs one golden sample and asserts at least `min_correct` of its expected core fields right and at most
/// `max_confident_wrong` wrong values that are not flagged for review.
ExtractionResult check_sample(const std::string& file, const std::string& stem, int min_correct) {
    INFO("sample ", file);
    const ExtractionResult result = shared_pipeline().run(golden_dir / file);
    REQUIRE_MESSAGE(result.ok(), result.error.value_or(""));
    CHECK(result.filename == file);
    check_consistency(result);
    const Score s = score(result, expected_values(stem));
    INFO("misses: ", joined(s.misses));
    CHECK(s.correct >= min_correct);
    CHECK(s.confident_wrong <= max_confident_wrong);
    return result;
}

std::vector<std::byte> bytes_of(const std::string& text) {
    std::vector<std::byte> bytes;
    for (const char c : text) {
        bytes.push_back(static_cast<std::byte>(c));
    }
    return bytes;
}

} // namespace

TEST_SUITE("ocr") {

    TEST_CASE("golden: clean invoice PNG") {
        const ExtractionResult result = check_sample("invoice.png", "invoice", 4);
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].source == docextract::TextSource::ocr);
        CHECK(result.pages[0].preprocess.has_value());
        CHECK(result.pages[0].words > 40);
        CHECK(result.raw_text_preview.find("ACME") != std::string::npos);
    }

    TEST_CASE("golden: photographed invoice JPEG") {
        const ExtractionResult result = check_sample("invoice_photo.jpg", "invoice_photo", 4);
        REQUIRE(result.pages.size() == 1);
        REQUIRE(result.pages[0].preprocess.has_value());
        CHECK(result.pages[0].preprocess->skew_corrected); // the page was photographed 3 degrees off
    }

    TEST_CASE("golden: scanned PDF without text layer") {
        const ExtractionResult result = check_sample("invoice_scan.pdf", "invoice_scan", 4);
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].source == docextract::TextSource::ocr);
    }

    TEST_CASE("golden: born-digital PDF read from its text layer") {
        const ExtractionResult result = check_sample("invoice_text.pdf", "invoice_text", 5);
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].source == docextract::TextSource::text_layer);
        CHECK_FALSE(result.pages[0].preprocess.has_value());
        CHECK(result.timings.ocr_ms == 0.0);
        for (const Field& field : result.fields) {
            if (field.value) {
                CHECK(field.source == docextract::FieldSource::text_layer);
            }
        }
    }

    TEST_CASE("golden: small receipt is scaled up before OCR") {
        const ExtractionResult result = check_sample("receipt_small.png", "receipt_small", 4);
        REQUIRE(result.pages.size() == 1);
        REQUIRE(result.pages[0].preprocess.has_value());
        CHECK(result.pages[0].preprocess->scale > 1.0);
        CHECK(result.pages[0].height >= 1000);
    }

    TEST_CASE("force_ocr reads a text PDF through OCR") {
        docextract::PipelineOptions options;
        options.force_ocr = true;
        options.preprocess.denoise = false; // a rendered born-digital page has no noise; denoising 8 MP costs seconds
        docextract::Pipeline pipeline(options);
        const ExtractionResult result = pipeline.run(golden_dir / "invoice_text.pdf");
        REQUIRE(result.ok());
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].source == docextract::TextSource::ocr);
        const Field* total = result.field("total");
        REQUIRE(total != nullptr);
        CHECK(total->value == "2310.75");
        CHECK(total->source == docextract::FieldSource::ocr);
    }

    TEST_CASE("run on bytes and on an opened document gives the same fields as run on the path") {
        std::ifstream in(golden_dir / "invoice_text.pdf", std::ios::binary);
        const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::vector<std::byte> bytes = bytes_of(content);
        const ExtractionResult from_path = shared_pipeline().run(golden_dir / "invoice_text.pdf");
        const ExtractionResult from_bytes = shared_pipeline().run(bytes, "upload.pdf");
        const docextract::Document document = docextract::Document::from_bytes(bytes, "opened.pdf");
        const ExtractionResult from_document = shared_pipeline().run(document);
        REQUIRE(from_bytes.ok());
        REQUIRE(from_document.ok());
        CHECK(from_bytes.filename == "upload.pdf");
        CHECK(from_document.filename == "opened.pdf");
        CHECK(from_path.field("total")->value == "2310.75");
        REQUIRE(from_path.fields.size() == from_bytes.fields.size());
        for (std::size_t i = 0; i < from_path.fields.size(); ++i) {
            CHECK(from_path.fields[i].value == from_bytes.fields[i].value);
            CHECK(from_path.fields[i].value == from_document.fields[i].value);
        }
    }

    TEST_CASE("a second reading runs when vendor, date or total stays open, and not on a sure document") {
        // Text with none of the fields: both readings find nothing, and the page says it was read twice.
        const fixture::TempDir dir;
        const fs::path plain = dir.write("plain.png", fixture::encode(fixture::text_page(1200, 1400, 6), ".png"));
        const ExtractionResult twice = shared_pipeline().run(plain);
        REQUIRE_MESSAGE(twice.ok(), twice.error.value_or(""));
        REQUIRE(twice.pages.size() == 1);
        CHECK(twice.pages[0].second_reading);
        CHECK(twice.field("total") != nullptr);

        docextract::PipelineOptions once_only;
        once_only.second_reading = false;
        docextract::Pipeline single(once_only);
        const ExtractionResult once = single.run(plain);
        REQUIRE(once.ok());
        CHECK_FALSE(once.pages[0].second_reading); // (no timing comparison: a loaded machine makes it flaky)

        // The clean invoice gives vendor, date and total above the threshold at the first reading.
        const ExtractionResult sure = shared_pipeline().run(golden_dir / "invoice.png");
        REQUIRE(sure.ok());
        CHECK_FALSE(sure.pages[0].second_reading);
        // A text layer is exact: never read again.
        const ExtractionResult layer = shared_pipeline().run(golden_dir / "invoice_text.pdf");
        REQUIRE(layer.ok());
        CHECK_FALSE(layer.pages[0].second_reading);
    }

    TEST_CASE("a second reading that fails leaves the first reading's result standing") {
        // The real engine for the first reading; the second reading fails as a timed-out page would.
        class FailingSecondReading final : public docextract::OcrEngine {
        public:
            docextract::PageText recognize(const docextract::ImageView& page) override {
                return real_->recognize(page);
            }
            docextract::PageText recognize_with(const docextract::ImageView& /*page*/,
                                                const docextract::OcrOverrides& /*overrides*/) override {
                throw docextract::Error(docextract::ErrorCode::ocr_failed, "OCR timed out after 1 ms");
            }

        private:
            std::unique_ptr<docextract::OcrEngine> real_ = docextract::make_tesseract_engine();
        };
        const fixture::TempDir dir;
        const fs::path plain = dir.write("plain.png", fixture::encode(fixture::text_page(1200, 1400, 6), ".png"));
        docextract::Pipeline pipeline({}, std::make_unique<FailingSecondReading>(), nullptr);
        const ExtractionResult result = pipeline.run(plain);
        REQUIRE_MESSAGE(result.ok(), result.error.value_or(""));
        REQUIRE(result.pages.size() == 1);
        CHECK_FALSE(result.pages[0].second_reading);
        CHECK(result.pages[0].words > 0);
        CHECK(result.field("vendor") != nullptr);
    }

    TEST_CASE("text the first OCR pass leaves out is read from the ink its words do not explain") {
        // Tesseract's layout analysis sometimes skips a whole block. The real engine underneath; its first pass on a
        // page loses the lines with an amount, as a skipped block of totals would be lost.
        class SkippingLayout final : public docextract::OcrEngine {
        public:
            docextract::PageText recognize(const docextract::ImageView& page) override {
                docextract::PageText text = real_->recognize(page);
                std::erase_if(text.lines, [](const docextract::TextLine& line) {
                    return line.text().find("495") != std::string::npos;
                });
                return text;
            }
            docextract::PageText recognize_with(const docextract::ImageView& page,
                                                const docextract::OcrOverrides& overrides) override {
                return real_->recognize_with(page, overrides);
            }

        private:
            std::unique_ptr<docextract::OcrEngine> real_ = docextract::make_tesseract_engine();
        };
        docextract::PipelineOptions one_reading;
        one_reading.second_reading = false; // the second reading would find the total on its own
        docextract::Pipeline pipeline(one_reading, std::make_unique<SkippingLayout>(), nullptr);
        const ExtractionResult result = pipeline.run(golden_dir / "invoice.png");
        REQUIRE_MESSAGE(result.ok(), result.error.value_or(""));
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].missed_words >= 1);
        CHECK(result.pages[0].missed_words < result.pages[0].words);
        REQUIRE(result.field("total") != nullptr);
        CHECK(result.field("total")->value == "495.00");

        one_reading.read_missed_text = false;
        docextract::Pipeline skipping(one_reading, std::make_unique<SkippingLayout>(), nullptr);
        const ExtractionResult lost = skipping.run(golden_dir / "invoice.png");
        REQUIRE(lost.ok());
        CHECK(lost.pages[0].missed_words == 0);
        CHECK(lost.field("total")->value != "495.00");

        // A page the first pass read whole has no ink left to read.
        const ExtractionResult whole = shared_pipeline().run(golden_dir / "invoice.png");
        REQUIRE(whole.ok());
        CHECK(whole.pages[0].missed_words == 0);
    }

    TEST_CASE("lines read again one by one are read but propose no amount of their own") {
        // The real engine underneath; reading the whole page, it loses the words of the amount 495 (as Tesseract's
        // layout drops a receipt's right-hand column) but keeps their row's label. Single lines read as they are,
        // so the total's row, read again, holds 495.00: the line reading only confirms vendor names another
        // reading gave (a cropped line confirms a misread digit as readily as the right one), so it stays unread.
        class DroppingAmounts final : public docextract::OcrEngine {
        public:
            docextract::PageText recognize(const docextract::ImageView& page) override {
                docextract::PageText text = real_->recognize(page);
                for (docextract::TextLine& line : text.lines) {
                    std::erase_if(line.words, [](const docextract::TextWord& w) {
                        return w.text.find("495") != std::string::npos;
                    });
                    if (!line.words.empty()) {
                        const docextract::Box first = line.words.front().box;
                        const docextract::Box last = line.words.back().box;
                        line.box.width = last.right() - first.x;
                        line.box.x = first.x;
                    }
                }
                std::erase_if(text.lines, [](const docextract::TextLine& line) { return line.words.empty(); });
                return text;
            }
            docextract::PageText recognize_with(const docextract::ImageView& page,
                                                const docextract::OcrOverrides& overrides) override {
                if (overrides.page_segmentation == 7) {
                    ++single_lines;
                }
                return real_->recognize_with(page, overrides);
            }
            int single_lines = 0;

        private:
            std::unique_ptr<docextract::OcrEngine> real_ = docextract::make_tesseract_engine();
        };
        docextract::PipelineOptions lines_only;
        lines_only.second_reading = false;   // the second reading would find the total on its own
        lines_only.read_missed_text = false; // and so would reading the ink the page's words leave out
        lines_only.reread_lines = true;
        auto engine = std::make_unique<DroppingAmounts>();
        const DroppingAmounts& counting = *engine;
        docextract::Pipeline pipeline(lines_only, std::move(engine), nullptr);
        const ExtractionResult result = pipeline.run(golden_dir / "invoice.png");
        REQUIRE_MESSAGE(result.ok(), result.error.value_or(""));
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].reread_lines >= 1);
        CHECK(counting.single_lines >= static_cast<int>(result.pages[0].reread_lines));
        CHECK(result.timings.ocr_line_ms > 0);
        CHECK(result.timings.ocr_line_ms <= result.timings.ocr_ms);
        CHECK((result.field("total") == nullptr || result.field("total")->value != "495.00"));

        lines_only.reread_lines = false;
        docextract::Pipeline without(lines_only, std::make_unique<DroppingAmounts>(), nullptr);
        const ExtractionResult lost = without.run(golden_dir / "invoice.png");
        REQUIRE(lost.ok());
        CHECK(lost.pages[0].reread_lines == 0);
        CHECK(lost.timings.ocr_line_ms == 0);
        CHECK((lost.field("total") == nullptr || lost.field("total")->value != "495.00"));
    }

    TEST_CASE("a page whose labels are German is read with the model its vocabulary names, once the model loads") {
        // A German invoice drawn in a Hershey font (no umlauts needed for its labels).
        cv::Mat page(1400, 1700, CV_8UC1, cv::Scalar(255));
        const std::vector<std::string> lines = {"Keller Gastronomiebedarf AG", "Rechnung",
                                                "Rechnungsnummer RE-2007-422", "Rechnungsdatum 11.07.2020",
                                                "Summe netto 2.096,36 EUR",    "zzgl. MwSt. 19% 398,31 EUR",
                                                "Gesamtbetrag 2.494,67 EUR",   "Zahlungsziel 25.07.2020"};
        int baseline = 120;
        for (const std::string& text : lines) {
            cv::putText(page, text, {80, baseline}, cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(0), 3, cv::LINE_AA);
            baseline += 140;
        }
        const fixture::TempDir dir;
        const fs::path file = dir.write("rechnung.png", fixture::encode(page, ".png"));

        // The model German pages are read with, as data/vocab/de.txt names it.
        std::string text;
        for (const std::string& line : lines) {
            text += line + "\n";
        }
        const auto language = docextract::detail::page_language(docextract::page_from_text(text));
        REQUIRE(language.has_value());
        CHECK(language->locale == "de");
        const std::string model = language->ocr_language;
        REQUIRE_FALSE(model.empty());
        bool model_installed = true;
        try {
            docextract::OcrOptions german;
            german.language = model;
            (void)docextract::make_tesseract_engine(german);
        } catch (const docextract::Error&) {
            model_installed = false;
        }
        docextract::PipelineOptions options;
        options.second_reading = false;
        docextract::Pipeline pipeline(options);
        const ExtractionResult german = pipeline.run(file);
        REQUIRE_MESSAGE(german.ok(), german.error.value_or(""));
        REQUIRE(german.pages.size() == 1);
        // Without that model installed the page keeps its reading with the default model.
        CHECK(german.pages[0].ocr_language == (model_installed ? model : std::string("eng")));
        REQUIRE(german.field("total") != nullptr);
        CHECK(german.field("total")->value == "2494.67");

        // An English page stays with the default model, and so does a German one with the choice off.
        const ExtractionResult english = pipeline.run(golden_dir / "invoice.png");
        REQUIRE(english.ok());
        CHECK(english.pages[0].ocr_language == "eng");
        options.ocr_by_language = false;
        docextract::Pipeline fixed(options);
        const ExtractionResult kept = fixed.run(file);
        REQUIRE(kept.ok());
        CHECK(kept.pages[0].ocr_language == "eng");
        CHECK(kept.field("total")->value == "2494.67");
    }

    TEST_CASE("a language model that cannot be loaded leaves the page its default reading") {
        // A tessdata folder holding only the English model.
        fs::path english;
        for (const char* folder : {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                                   "/usr/share/tessdata", "/usr/local/share/tessdata"}) {
            if (fs::exists(fs::path(folder) / "eng.traineddata")) {
                english = fs::path(folder) / "eng.traineddata";
                break;
            }
        }
        if (english.empty()) {
            MESSAGE("eng.traineddata is not in a Debian folder: skipped");
            return;
        }
        const fixture::TempDir dir;
        fs::create_symlink(english, dir.path() / "eng.traineddata");
        cv::Mat page(600, 1500, CV_8UC1, cv::Scalar(255));
        int baseline = 120;
        for (const char* text : {"Rechnungsnummer 4711", "Rechnungsdatum 11.07.2020", "Gesamtbetrag 12,50 EUR"}) {
            cv::putText(page, text, {80, baseline}, cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(0), 3, cv::LINE_AA);
            baseline += 140;
        }
        const fs::path file = dir.write("rechnung.png", fixture::encode(page, ".png"));
        docextract::PipelineOptions options;
        options.ocr.tessdata_path = dir.path().string();
        docextract::Pipeline pipeline(options);
        const ExtractionResult result = pipeline.run(file);
        REQUIRE_MESSAGE(result.ok(), result.error.value_or(""));
        CHECK(result.pages[0].ocr_language == "eng");
        REQUIRE(result.field("total") != nullptr);
        CHECK(result.field("total")->value == "12.50");
    }

    TEST_CASE("preview returns the cleaned page OCR sees") {
        const docextract::Document document = docextract::Document::open(golden_dir / "receipt_small.png");
        const docextract::Image cleaned = shared_pipeline().preview(document, 0);
        CHECK(cleaned.format() == docextract::PixelFormat::gray8);
        CHECK(cleaned.height() >= 1000); // scaled up from 860 px
        CHECK_THROWS_AS((void)shared_pipeline().preview(document, 3), docextract::Error);
    }

} // TEST_SUITE("ocr")

// It builds a Tesseract pipeline, so it belongs with the cases that need the language data.
TEST_CASE("bad inputs give error values, never exceptions" * doctest::test_suite("ocr")) {
    docextract::Pipeline& pipeline = shared_pipeline();
    struct Case {
        std::string name;
        std::string content;
        ErrorCode code;
    };
    const std::vector<Case> cases = {
        {"empty.pdf", "", ErrorCode::empty_input},
        {"truncated.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", 18), ErrorCode::corrupt_input},
        {"broken.pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog", ErrorCode::corrupt_input},
        {"notes.txt", "just some words, not a document", ErrorCode::unsupported_format},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        ExtractionResult result;
        CHECK_NOTHROW(result = pipeline.run(bytes_of(c.content), c.name));
        CHECK_FALSE(result.ok());
        CHECK(result.error_code == c.code);
        CHECK(result.filename == c.name);
        CHECK(result.fields.empty());
        CHECK_FALSE(result.error->empty());
    }
    ExtractionResult missing;
    CHECK_NOTHROW(missing = pipeline.run(fs::path("/nonexistent/folder/scan.png")));
    CHECK(missing.error_code == ErrorCode::io_error);
    CHECK(missing.filename == "scan.png");
}

TEST_CASE("invalid pipeline options are setup errors") {
    docextract::PipelineOptions options;
    options.review_threshold = 1.5F;
    try {
        docextract::Pipeline pipeline(options);
        FAIL("a review threshold of 1.5 was accepted");
    } catch (const docextract::Error& error) {
        CHECK(error.code() == ErrorCode::invalid_argument);
    }
    docextract::PipelineOptions no_language;
    no_language.ocr.language = "xqz";
    CHECK_THROWS_AS(docextract::Pipeline{no_language}, docextract::Error);
}

TEST_CASE("utf8_prefix never splits a character") {
    using docextract::detail::utf8_prefix;
    CHECK(utf8_prefix("Total", 10) == "Total");
    CHECK(utf8_prefix("Total", 3) == "Tot");
    CHECK(utf8_prefix("Größe", 3) == "Gr"); // 'ö' is two bytes: 3 would cut it in half
    CHECK(utf8_prefix("Größe", 4) == "Grö");
    CHECK(utf8_prefix("10 €", 4) == "10 "); // '€' is three bytes
    CHECK(utf8_prefix("10 €", 6) == "10 €");
    CHECK(utf8_prefix("€", 0).empty());
}

TEST_CASE("text_preview joins the pages and cuts at the limit") {
    std::vector<docextract::PageText> pages = {docextract::page_from_text("ACME\nInvoice 1"),
                                               docextract::page_from_text("Page two")};
    CHECK(docextract::detail::text_preview(pages, 200) == "ACME\nInvoice 1\nPage two");
    CHECK(docextract::detail::text_preview(pages, 4) == "ACME");
}

TEST_CASE("text layer usability rule") {
    using docextract::detail::usable_text_layer;
    const auto page = [](const std::string& text) { return docextract::page_from_text(text); };
    CHECK(usable_text_layer(page("ACME SUPPLIES LTD\nInvoice No: INV-2024-0042\nDate: 31/01/2024\nTotal: $495.00")));
    CHECK(usable_text_layer(page("Rechnung Nr. 2024-17 vom 03.02.2024\nGesamtbetrag 1.234,56 € Größe Maß")));
    // Too little text: a scanned page with only a stamp or a page number in its text layer.
    CHECK_FALSE(usable_text_layer(page("Page 1 of 2")));
    CHECK_FALSE(usable_text_layer(page("")));
    // Fonts without a Unicode map: glyph codes come out as control and private-use characters.
    CHECK_FALSE(usable_text_layer(page("\x01\x02\x03 \x04\x05\x06 \x07\x08 \x0e\x0f \x10\x11 ab cd ef gh ij kl mn op "
                                       "\xEE\x80\x81\xEE\x80\x82 \xEE\x80\x83\xEE\x80\x84 qr st uv wx")));
    // Mostly punctuation and symbols.
    CHECK_FALSE(usable_text_layer(page("---- ==== .... //// #### ____ ---- ==== Total 495 Date 3101 ACME INV 42 x")));
    const docextract::detail::TextLayerStats stats = docextract::detail::text_layer_stats(page("Total: 4 €"));
    CHECK(stats.words == 3);
    CHECK(stats.characters == 8);
    CHECK(stats.alphanumeric == 6);
    CHECK(stats.garbage == 0);
}

TEST_CASE("review list and summary count core fields, extra fields only when found") {
    auto make = [](std::string name, bool found, bool review) {
        Field field;
        field.name = std::move(name);
        if (found) {
            field.value.emplace(1, 'x');
        }
        field.needs_review = review;
        return field;
    };
    const std::vector<Field> fields = {make("vendor", true, false), make("invoice_number", true, true),
                                       make("date", false, true),   make("total", true, false),
                                       make("email", true, false),  make("currency", false, true),
                                       make("iban", true, true)};
    CHECK(docextract::detail::review_list(fields) == std::vector<std::string>{"invoice_number", "date", "iban"});
    CHECK(docextract::detail::summary_line(fields) == "3 of 5 fields extracted confidently.");

    ExtractionResult result;
    result.fields = fields;
    result.fields.push_back(make("currency2", true, false));
    CHECK(result.confident_count() == 4); // every confident field, extra ones included
    REQUIRE(result.field("total") != nullptr);
    CHECK(result.field("total")->name == "total");
    CHECK(result.field("nothing") == nullptr);
}
