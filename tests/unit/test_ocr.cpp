// SPDX-License-Identifier: MIT
// Tests of the Tesseract engine on images drawn in the test itself.
#include <docextract/error.hpp>
#include <docextract/ocr.hpp>

#include <doctest/doctest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace {

using docextract::ErrorCode;
using docextract::ImageView;
using docextract::PageText;
using docextract::PixelFormat;
using docextract::TextWord;

/// A white gray page with black text lines drawn by OpenCV (Hershey font), one text per line.
cv::Mat draw_lines(const std::vector<std::string>& lines, int width = 1400) {
    const int line_height = 90;
    cv::Mat page(60 + line_height * static_cast<int>(lines.size()), width, CV_8UC1, cv::Scalar(255));
    int baseline = 80;
    for (const std::string& text : lines) {
        cv::putText(page, text, {40, baseline}, cv::FONT_HERSHEY_SIMPLEX, 1.6, cv::Scalar(0), 3, cv::LINE_AA);
        baseline += line_height;
    }
    return page;
}

ImageView view_of(const cv::Mat& mat, PixelFormat format) {
    return {mat.data, mat.cols, mat.rows, static_cast<std::ptrdiff_t>(mat.step[0]), format};
}

std::vector<TextWord> all_words(const PageText& page) {
    std::vector<TextWord> words;
    for (const auto& line : page.lines) {
        words.insert(words.end(), line.words.begin(), line.words.end());
    }
    return words;
}

const TextWord* find_word(const PageText& page, const std::string& text) {
    for (const auto& line : page.lines) {
        for (const auto& word : line.words) {
            if (word.text == text) {
                return &word;
            }
        }
    }
    return nullptr;
}

} // namespace

TEST_SUITE("ocr") {

    TEST_CASE("tesseract finds the drawn words with boxes and confidences") {
        const cv::Mat page = draw_lines({"INVOICE NUMBER 4711", "TOTAL DUE 495.00"});
        auto engine = docextract::make_tesseract_engine();
        const PageText text = engine->recognize(view_of(page, PixelFormat::gray8));

        CHECK(text.source == docextract::TextSource::ocr);
        CHECK(text.width == page.cols);
        CHECK(text.height == page.rows);
        REQUIRE(text.lines.size() == 2);
        CHECK(text.lines[0].box.y < text.lines[1].box.y);

        const TextWord* invoice = find_word(text, "INVOICE");
        const TextWord* total = find_word(text, "TOTAL");
        const TextWord* amount = find_word(text, "495.00");
        REQUIRE(invoice != nullptr);
        REQUIRE(total != nullptr);
        REQUIRE(amount != nullptr);
        // "INVOICE" is drawn from x=40 on the first line, "TOTAL" on the second.
        CHECK(invoice->box.x >= 30);
        CHECK(invoice->box.x <= 60);
        CHECK(invoice->box.bottom() <= 95);
        CHECK(total->box.y > invoice->box.bottom());
        CHECK(amount->box.x > total->box.right());

        for (const TextWord& word : all_words(text)) {
            CHECK(!word.text.empty());
            CHECK(word.confidence > 0.0F);
            CHECK(word.confidence <= 1.0F);
            CHECK(!word.box.empty());
            CHECK(word.box.x >= 0);
            CHECK(word.box.right() <= page.cols);
            CHECK(word.box.bottom() <= page.rows);
        }
        for (const auto& line : text.lines) {
            CHECK(line.block >= 0);
            for (const TextWord& word : line.words) {
                // Every word lies inside its line's box.
                CHECK(word.box.x >= line.box.x);
                CHECK(word.box.right() <= line.box.right());
            }
        }
    }

    TEST_CASE("runner-up digits: the same words, each alternative one digit apart, none unless asked") {
        // Blurred amounts, where the recogniser weighs other digits too.
        cv::Mat page(350, 900, CV_8UC1, cv::Scalar(255));
        const std::vector<std::string> amounts = {"64.50 38.86 13.08", "51.42 85.39 96.63", "73.18 60.95 28.34"};
        for (std::size_t i = 0; i < amounts.size(); ++i) {
            cv::putText(page, amounts[i], {30, 70 + 90 * static_cast<int>(i)}, cv::FONT_HERSHEY_SIMPLEX, 1.2,
                        cv::Scalar(0), 2, cv::LINE_AA);
        }
        cv::GaussianBlur(page, page, {0, 0}, 2.5);
        auto plain = docextract::make_tesseract_engine();
        docextract::OcrOptions options;
        options.digit_alternatives = true;
        auto with = docextract::make_tesseract_engine(options);
        const PageText read = plain->recognize(view_of(page, PixelFormat::gray8));
        const PageText near = with->recognize(view_of(page, PixelFormat::gray8));
        CHECK(near.text() == read.text());
        std::size_t alternatives = 0;
        for (const TextWord& word : all_words(read)) {
            CHECK(word.alternatives.empty());
        }
        for (const TextWord& word : all_words(near)) {
            CHECK(word.alternatives.size() <= 4);
            for (const std::string& a : word.alternatives) {
                ++alternatives;
                REQUIRE(a.size() == word.text.size());
                std::size_t differ = 0;
                for (std::size_t i = 0; i < a.size(); ++i) {
                    if (a[i] != word.text[i]) {
                        ++differ;
                        CHECK(std::isdigit(static_cast<unsigned char>(a[i])));
                        CHECK(std::isdigit(static_cast<unsigned char>(word.text[i])));
                    }
                }
                CHECK(differ == 1);
            }
        }
        CHECK(alternatives > 0);
    }

    TEST_CASE("colour pixels and padded rows are read through the view without copying") {
        const cv::Mat gray = draw_lines({"RECEIPT 2024"});
        cv::Mat rgb;
        cv::cvtColor(gray, rgb, cv::COLOR_GRAY2RGB);
        // A wider buffer whose left part is the image: the stride is larger than width * 3.
        cv::Mat padded(rgb.rows, rgb.cols + 37, CV_8UC3, cv::Scalar(0, 0, 0));
        rgb.copyTo(padded(cv::Rect(0, 0, rgb.cols, rgb.rows)));
        const ImageView view{padded.data, rgb.cols, rgb.rows, static_cast<std::ptrdiff_t>(padded.step[0]),
                             PixelFormat::rgb8};

        cv::Mat rgba;
        cv::cvtColor(gray, rgba, cv::COLOR_GRAY2RGBA);

        auto engine = docextract::make_tesseract_engine();
        CHECK(find_word(engine->recognize(view), "RECEIPT") != nullptr);
        CHECK(find_word(engine->recognize(view_of(rgba, PixelFormat::rgba8)), "RECEIPT") != nullptr);
    }

    TEST_CASE("one engine recognises several pages without mixing their results") {
        auto engine = docextract::make_tesseract_engine();
        const PageText first = engine->recognize(view_of(draw_lines({"ALPHA BRAVO"}), PixelFormat::gray8));
        const PageText second = engine->recognize(view_of(draw_lines({"CHARLIE DELTA"}), PixelFormat::gray8));
        CHECK(find_word(first, "ALPHA") != nullptr);
        CHECK(find_word(second, "CHARLIE") != nullptr);
        CHECK(find_word(second, "ALPHA") == nullptr);

        const cv::Mat blank(400, 600, CV_8UC1, cv::Scalar(255));
        CHECK(engine->recognize(view_of(blank, PixelFormat::gray8)).lines.empty());
    }

    TEST_CASE("overrides of one call: no resolution stated, one block of text, then the engine's own settings") {
        const cv::Mat page = draw_lines({"INVOICE 2024-0042", "TOTAL 495.00"});
        const auto engine = docextract::make_tesseract_engine();
        const PageText estimated = engine->recognize_with(view_of(page, PixelFormat::gray8), {0, -1});
        CHECK(find_word(estimated, "2024-0042") != nullptr);
        CHECK(find_word(estimated, "495.00") != nullptr);
        const PageText block = engine->recognize_with(view_of(page, PixelFormat::gray8), {0, 6});
        CHECK(find_word(block, "495.00") != nullptr);
        // The engine's settings come back on the next plain call.
        const PageText stated = engine->recognize(view_of(page, PixelFormat::gray8));
        CHECK(find_word(stated, "495.00") != nullptr);
        for (const docextract::OcrOverrides bad :
             {docextract::OcrOverrides{-2, -1}, docextract::OcrOverrides{-1, 99}}) {
            try {
                (void)engine->recognize_with(view_of(page, PixelFormat::gray8), bad);
                FAIL("invalid overrides were accepted");
            } catch (const docextract::Error& error) {
                CHECK(error.code() == ErrorCode::invalid_argument);
            }
        }
    }

    TEST_CASE("an empty view is an ocr_failed error") {
        auto engine = docextract::make_tesseract_engine();
        try {
            (void)engine->recognize(ImageView{});
            FAIL("recognize accepted an empty image");
        } catch (const docextract::Error& error) {
            CHECK(error.code() == ErrorCode::ocr_failed);
        }
    }

    TEST_CASE("a deadline that has passed gives ocr_failed 'timed out'") {
        std::vector<std::string> lines;
        for (int i = 0; i < 30; ++i) {
            lines.push_back("LINE " + std::to_string(i) + " WITH SEVERAL WORDS TO READ");
        }
        docextract::OcrOptions options;
        options.timeout_ms = 1;
        auto engine = docextract::make_tesseract_engine(options);
        try {
            (void)engine->recognize(view_of(draw_lines(lines), PixelFormat::gray8));
            FAIL("a 1 ms deadline was met for 30 lines of text");
        } catch (const docextract::Error& error) {
            CHECK(error.code() == ErrorCode::ocr_failed);
            CHECK(std::string(error.what()).find("timed out") != std::string::npos);
        }
    }

    TEST_CASE("the run's limits: the earlier deadline names itself, a raised flag stops OCR, cleared limits read") {
        std::vector<std::string> lines;
        for (int i = 0; i < 30; ++i) {
            lines.push_back("LINE " + std::to_string(i) + " WITH SEVERAL WORDS TO READ");
        }
        const cv::Mat page = draw_lines(lines);
        const auto code_of = [&page](docextract::OcrEngine& engine) -> std::optional<ErrorCode> {
            try {
                (void)engine.recognize(view_of(page, PixelFormat::gray8));
            } catch (const docextract::Error& error) {
                return error.code();
            }
            return std::nullopt;
        };
        using Clock = std::chrono::steady_clock;
        docextract::OcrOptions long_page;
        long_page.timeout_ms = 3600000;
        auto engine = docextract::make_tesseract_engine(long_page);
        SUBCASE("a run deadline before the page's is the one Tesseract gets: job_timeout, not ocr_failed") {
            engine->set_limits({.deadline = Clock::now() + std::chrono::milliseconds(1), .cancel = nullptr});
            CHECK(code_of(*engine) == ErrorCode::job_timeout);
        }
        SUBCASE("a run deadline already passed: job_timeout") {
            engine->set_limits({.deadline = Clock::now() - std::chrono::seconds(1), .cancel = nullptr});
            CHECK(code_of(*engine) == ErrorCode::job_timeout);
        }
        SUBCASE("a page deadline before the run's: ocr_failed 'timed out'") {
            docextract::OcrOptions short_page;
            short_page.timeout_ms = 1;
            auto quick = docextract::make_tesseract_engine(short_page);
            quick->set_limits({.deadline = Clock::now() + std::chrono::hours(1), .cancel = nullptr});
            CHECK(code_of(*quick) == ErrorCode::ocr_failed);
        }
        SUBCASE("a raised cancel flag stops Tesseract through its monitor: cancelled") {
            const std::atomic<bool> raised{true};
            engine->set_limits({.deadline = Clock::time_point::max(), .cancel = &raised});
            CHECK(code_of(*engine) == ErrorCode::cancelled);
        }
        // The same engine reads the page once the limits are lifted: a stopped page leaves nothing behind.
        engine->set_limits({});
        const PageText read = engine->recognize(view_of(page, PixelFormat::gray8));
        CHECK(all_words(read).size() >= 100);
    }

    TEST_CASE("a missing language is ocr_unavailable and names the language and the folder") {
        SUBCASE("in the default tessdata folder") {
            docextract::OcrOptions options;
            options.language = "xqz";
            try {
                (void)docextract::make_tesseract_engine(options);
                FAIL("an engine was made for a language that does not exist");
            } catch (const docextract::Error& error) {
                CHECK(error.code() == ErrorCode::ocr_unavailable);
                const std::string message = error.what();
                CHECK(message.find("xqz") != std::string::npos);
                CHECK(message.find("tessdata") != std::string::npos); // the folder Tesseract resolved
            }
        }
        SUBCASE("in an explicit folder") {
            const std::filesystem::path folder = std::filesystem::temp_directory_path() / "docextract-no-tessdata";
            std::filesystem::create_directories(folder);
            docextract::OcrOptions options;
            options.tessdata_path = folder.string();
            try {
                (void)docextract::make_tesseract_engine(options);
                FAIL("an engine was made from an empty tessdata folder");
            } catch (const docextract::Error& error) {
                CHECK(error.code() == ErrorCode::ocr_unavailable);
                const std::string message = error.what();
                CHECK(message.find("eng") != std::string::npos);
                CHECK(message.find(folder.string()) != std::string::npos);
            }
            std::filesystem::remove(folder);
        }
        SUBCASE("one of several languages") {
            docextract::OcrOptions options;
            options.language = "eng+xqz";
            try {
                (void)docextract::make_tesseract_engine(options);
                FAIL("an engine was made with a missing second language");
            } catch (const docextract::Error& error) {
                CHECK(error.code() == ErrorCode::ocr_unavailable);
                CHECK(std::string(error.what()).find("xqz") != std::string::npos);
            }
        }
    }

    TEST_CASE("invalid engine options are invalid_argument") {
        docextract::OcrOptions options;
        options.page_segmentation = 99;
        CHECK_THROWS_AS((void)docextract::make_tesseract_engine(options), docextract::Error);
        options.page_segmentation = 3;
        options.dpi = 0;
        try {
            (void)docextract::make_tesseract_engine(options);
            FAIL("dpi 0 was accepted");
        } catch (const docextract::Error& error) {
            CHECK(error.code() == ErrorCode::invalid_argument);
        }
    }

} // TEST_SUITE("ocr")
