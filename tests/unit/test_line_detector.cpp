// SPDX-License-Identifier: MIT
// The learned line detector (PP-OCRv4's DB network through OpenCV's dnn) and the engine that reads the lines it
// finds one by one, on pages drawn in the test and on the golden invoice; and its errors.
#include <docextract/error.hpp>
#include <docextract/ocr.hpp>
#include <docextract/pipeline.hpp>

#include "fixture_line_detector.hpp"
#include "ocr/line_detector.hpp"

#include <doctest/doctest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace {

using docextract::Box;
using docextract::ErrorCode;
using docextract::PageText;

/// A white page with text drawn at given places (Hershey font, about 30 px high letters).
struct Drawn {
    std::string text;
    cv::Point origin; ///< Baseline start.
};

cv::Mat draw(const std::vector<Drawn>& texts, cv::Size size = {1400, 520}) {
    cv::Mat page(size, CV_8UC1, cv::Scalar(255));
    for (const Drawn& d : texts) {
        cv::putText(page, d.text, d.origin, cv::FONT_HERSHEY_SIMPLEX, 1.4, cv::Scalar(0), 3, cv::LINE_AA);
    }
    return page;
}

/// The ink of one drawn text: the bounding box of its dark pixels.
cv::Rect extent(const Drawn& d, cv::Size size = {1400, 520}) {
    const cv::Mat alone = draw({d}, size);
    cv::Mat ink;
    cv::findNonZero(alone < 128, ink);
    return cv::boundingRect(ink);
}

/// The box holds the ink, give or take `slack` pixels (a box edge may cut the antialiased rim of a letter).
bool holds(const Box& box, const cv::Rect& r, int slack = 2) {
    return box.x <= r.x + slack && box.y <= r.y + slack && box.right() + slack >= r.x + r.width &&
           box.bottom() + slack >= r.y + r.height;
}

const std::vector<Drawn> invoice_lines{{"INVOICE NUMBER 4711", {60, 100}},
                                       {"Date 31.01.2024", {60, 220}},
                                       {"TOTAL DUE", {60, 340}},
                                       {"495.00", {1100, 340}}};

} // namespace

TEST_SUITE("line_detector") {

    TEST_CASE("the learned detector finds each drawn line, holds its text, and orders rows left to right") {
        docextract::detail::LineDetector detector(test_support::line_detector_model());
        const cv::Mat page = draw(invoice_lines);
        const std::vector<Box> boxes = detector.detect(page);
        REQUIRE(boxes.size() == invoice_lines.size()); // the label and the amount far right are two lines
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            INFO("line ", invoice_lines[i].text);
            INFO("box ", boxes[i].x, ",", boxes[i].y, " ", boxes[i].width, "x", boxes[i].height);
            CHECK(holds(boxes[i], extent(invoice_lines[i])));
            CHECK(boxes[i].height < 2 * extent(invoice_lines[i]).height); // a line, not a block
        }
        CHECK(detector.detect(cv::Mat(600, 800, CV_8UC1, cv::Scalar(255))).empty()); // a blank page has no lines
        CHECK(detector.detect(cv::Mat()).empty());
    }

    TEST_CASE("a page larger than the network's input is scaled down and its boxes come back in page pixels") {
        docextract::detail::LineDetector detector(test_support::line_detector_model());
        // 2 × the drawing: the longer side (2800 px) is over max_side, so the network sees the page at under half.
        cv::Mat page;
        cv::resize(draw(invoice_lines), page, cv::Size(), 2.0, 2.0, cv::INTER_CUBIC);
        const std::vector<Box> boxes = detector.detect(page);
        REQUIRE(boxes.size() == invoice_lines.size());
        const cv::Rect amount = extent(invoice_lines[3]);
        CHECK(holds(boxes[3], cv::Rect(amount.x * 2, amount.y * 2, amount.width * 2, amount.height * 2), 4));
    }

    TEST_CASE("one detector finds the same lines on pages of different sizes as a fresh one does") {
        // OpenCV 4.6 fixes the model's Resize sizes at its first run: a detector reused at another size must not
        // see a stale map (it found no line at all on the second page before it made its network again).
        docextract::detail::LineDetector reused(test_support::line_detector_model());
        (void)reused.detect(draw(invoice_lines, {900, 400}));
        const cv::Mat page = draw(invoice_lines);
        docextract::detail::LineDetector fresh(test_support::line_detector_model());
        const std::vector<Box> expected = fresh.detect(page);
        const std::vector<Box> got = reused.detect(page);
        REQUIRE(expected.size() == invoice_lines.size());
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            CHECK(got[i] == expected[i]);
        }
    }

    TEST_CASE("the detected lines are read one by one, words in page coordinates") {
        docextract::OcrOptions options;
        options.line_detector = test_support::line_detector_model();
        const auto engine = docextract::make_tesseract_engine(options);
        const cv::Mat page = draw(invoice_lines);
        const PageText text =
            engine->recognize({page.data, page.cols, page.rows, static_cast<std::ptrdiff_t>(page.step[0]),
                               docextract::PixelFormat::gray8});
        REQUIRE(text.lines.size() == invoice_lines.size());
        CHECK(text.lines[0].text() == "INVOICE NUMBER 4711");
        CHECK(text.lines[3].text() == "495.00");
        const docextract::TextWord& amount = text.lines[3].words.front();
        const cv::Rect drawn = extent(invoice_lines[3]);
        CHECK(std::abs(amount.box.x - drawn.x) <= 8);
        CHECK(std::abs(amount.box.bottom() - (drawn.y + drawn.height)) <= 16);
        CHECK(amount.confidence > 0.5F);
        CHECK(text.width == page.cols);
    }

    TEST_CASE("the golden invoice read through the detector's lines gives its fields") {
        docextract::PipelineOptions options;
        options.ocr.line_detector = test_support::line_detector_model();
        docextract::Pipeline pipeline(options);
        const docextract::ExtractionResult result =
            pipeline.run(std::filesystem::path(DOCEXTRACT_GOLDEN_DIR) / "invoice.png");
        REQUIRE(result.ok());
        const docextract::Field* total = result.field("total");
        const docextract::Field* date = result.field("date");
        const docextract::Field* number = result.field("invoice_number");
        REQUIRE(total != nullptr);
        REQUIRE(date != nullptr);
        REQUIRE(number != nullptr);
        CHECK(total->value == "495.00");
        CHECK(date->value == "2024-01-31");
        CHECK(number->value == "INV-2024-0042");
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].line_finder == "detector");

        docextract::PipelineOptions layout;
        layout.ocr.line_finder = docextract::LineFinder::layout;
        docextract::Pipeline by_layout(layout);
        const docextract::ExtractionResult read_by_layout =
            by_layout.run(std::filesystem::path(DOCEXTRACT_GOLDEN_DIR) / "invoice.png");
        REQUIRE(read_by_layout.pages.size() == 1);
        CHECK(read_by_layout.pages[0].line_finder == "layout");
    }

    TEST_CASE("the page's deadline and the run's limits hold for all the lines of a page, not for each") {
        std::vector<Drawn> many;
        for (int i = 0; i < 12; ++i) {
            many.push_back({"LINE " + std::to_string(i) + " WITH SEVERAL WORDS", {40, 60 + 70 * i}});
        }
        const cv::Mat page = draw(many, {1400, 900});
        const docextract::ImageView view{page.data, page.cols, page.rows, static_cast<std::ptrdiff_t>(page.step[0]),
                                         docextract::PixelFormat::gray8};
        const auto code_of = [&view](docextract::OcrEngine& engine) -> std::optional<ErrorCode> {
            try {
                (void)engine.recognize(view);
            } catch (const docextract::Error& error) {
                if (error.code() == ErrorCode::ocr_failed) {
                    CHECK(std::string(error.what()).find("timed out") != std::string::npos);
                }
                return error.code();
            }
            return std::nullopt;
        };
        docextract::OcrOptions options;
        options.line_finder = docextract::LineFinder::detector;
        SUBCASE("a page deadline far shorter than the page's lines take: ocr_failed 'timed out'") {
            docextract::OcrOptions short_page = options;
            short_page.timeout_ms = 1; // each line alone would be read within it again and again
            const auto quick = docextract::make_tesseract_engine(short_page);
            CHECK(code_of(*quick) == ErrorCode::ocr_failed);
        }
        const auto engine = docextract::make_tesseract_engine(options);
        using Clock = std::chrono::steady_clock;
        SUBCASE("a run deadline already passed: job_timeout") {
            engine->set_limits({.deadline = Clock::now() - std::chrono::seconds(1), .cancel = nullptr});
            CHECK(code_of(*engine) == ErrorCode::job_timeout);
        }
        SUBCASE("a raised cancel flag: cancelled") {
            const std::atomic<bool> raised{true};
            engine->set_limits({.deadline = Clock::time_point::max(), .cancel = &raised});
            CHECK(code_of(*engine) == ErrorCode::cancelled);
        }
        SUBCASE("an empty view: ocr_failed, as Tesseract's layout says") {
            try {
                (void)engine->recognize(docextract::ImageView{});
                FAIL("recognize accepted an empty image");
            } catch (const docextract::Error& error) {
                CHECK(error.code() == ErrorCode::ocr_failed);
            }
        }
        // Limits lifted, the same engine reads every line again.
        engine->set_limits({});
        const PageText read = engine->recognize(view);
        CHECK(read.lines.size() == many.size());
    }
}

TEST_SUITE("line_detector_setup") {

    /// Sets an environment variable for one scope and puts back what was there.
    class ScopedEnvironment {
    public:
        ScopedEnvironment(const char* name, const std::string& value) : name_(name) {
            if (const char* old = std::getenv(name); old != nullptr) {
                old_ = old;
            }
            ::setenv(name, value.c_str(), 1);
        }
        ScopedEnvironment(const ScopedEnvironment&) = delete;
        ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;
        ~ScopedEnvironment() {
            if (old_) {
                ::setenv(name_, old_->c_str(), 1);
            } else {
                ::unsetenv(name_);
            }
        }

    private:
        const char* name_;
        std::optional<std::string> old_;
    };

    TEST_CASE("which model finds the lines: the named one, else $DOCEXTRACT_LINE_DETECTOR, else none when missing") {
        const std::filesystem::path present = std::filesystem::temp_directory_path() / "docextract_present.onnx";
        {
            std::ofstream out(present, std::ios::binary);
            out << "bytes";
        }
        const std::string missing = "/nonexistent/ppocr.onnx";
        docextract::OcrOptions options;
        SUBCASE("Tesseract's layout asked for: no model, whatever is named") {
            options.line_finder = docextract::LineFinder::layout;
            options.line_detector = present.string();
            CHECK(docextract::line_detector_model(options).empty());
        }
        SUBCASE("a named model is used, present or not (the engine then reports it missing)") {
            options.line_detector = missing;
            CHECK(docextract::line_detector_model(options) == missing);
        }
        SUBCASE("automatic: the environment's model when it is there, Tesseract's layout when it is not") {
            {
                const ScopedEnvironment environment("DOCEXTRACT_LINE_DETECTOR", present.string());
                CHECK(docextract::line_detector_model(options) == present.string());
            }
            const ScopedEnvironment environment("DOCEXTRACT_LINE_DETECTOR", missing);
            CHECK(docextract::line_detector_model(options).empty());
            options.line_finder = docextract::LineFinder::detector; // demanded: named, to be reported missing
            CHECK(docextract::line_detector_model(options) == missing);
        }
        std::filesystem::remove(present);
    }

    TEST_CASE("a missing or unreadable detector model is ocr_unavailable, named in the message") {
        const auto code_of = [](const std::string& path) -> std::optional<ErrorCode> {
            try {
                docextract::detail::LineDetector detector(path);
            } catch (const docextract::Error& e) {
                CHECK(std::string(e.what()).find(path) != std::string::npos);
                return e.code();
            }
            return std::nullopt;
        };
        CHECK(code_of("/nonexistent/ppocr.onnx") == ErrorCode::ocr_unavailable);
        const std::filesystem::path junk = std::filesystem::temp_directory_path() / "docextract_not_a_model.onnx";
        {
            std::ofstream out(junk, std::ios::binary);
            out << "this is not an ONNX model";
        }
        CHECK(code_of(junk.string()) == ErrorCode::ocr_unavailable);
        std::filesystem::remove(junk);
    }
}
