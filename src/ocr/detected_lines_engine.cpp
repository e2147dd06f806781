// SPDX-License-Identifier: MIT
#include "ocr/detected_lines_engine.hpp"

#include "ocr/line_detector.hpp"
#include "ocr/line_region.hpp"
#include "preprocess/mat_view.hpp"
#include "preprocess/steps.hpp"

#include <docextract/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <utility>
#include <vector>

namespace docextract::detail {
namespace {

/// The height a detected line is scaled to, in pixels: DB's boxes hold the text with about a third of its height
/// around it, so that its letters come out about 30 px high, the size Tesseract reads best.
constexpr double target_box_height = 44.0;
/// One line of text: Tesseract's page segmentation mode 7.
constexpr int single_line = 7;

class DetectedLinesEngine final : public OcrEngine {
public:
    DetectedLinesEngine(std::unique_ptr<OcrEngine> reader, const std::string& model_path, int timeout_ms)
        : reader_(std::move(reader)), detector_(model_path), timeout_ms_(timeout_ms) {}

    PageText recognize(const ImageView& page) override { return read(page, OcrOverrides{}); }

    PageText recognize_with(const ImageView& page, const OcrOverrides& overrides) override {
        if (overrides.page_segmentation >= 0) {
            return reader_->recognize_with(page, overrides); // the caller chose how the page is laid out
        }
        return read(page, overrides);
    }

    void set_limits(const OcrLimits& limits) override {
        limits_ = limits;
        reader_->set_limits(limits);
    }

private:
    using Clock = std::chrono::steady_clock;

    PageText read(const ImageView& page, const OcrOverrides& overrides) {
        if (page.empty()) {
            return reader_->recognize_with(page, overrides); // the reader's error for an empty image
        }
        // The page's deadline holds for all its lines: the reader gets the earlier of it and the run's, and a stop
        // at the page's is reported as the reader reports its own (ocr_failed, "timed out").
        const Clock::time_point now = Clock::now();
        const Clock::time_point page_deadline =
            timeout_ms_ > 0 ? now + std::chrono::milliseconds(timeout_ms_) : Clock::time_point::max();
        const bool page_deadline_first = page_deadline < limits_.deadline;
        if (!page_deadline_first && limits_.deadline <= now) {
            throw Error(ErrorCode::job_timeout, "the job's deadline passed before OCR of the page");
        }
        if (limits_.cancel != nullptr && limits_.cancel->load(std::memory_order_relaxed)) {
            throw Error(ErrorCode::cancelled, "cancelled before OCR of the page");
        }
        OcrLimits line_limits = limits_;
        line_limits.deadline = std::min(page_deadline, limits_.deadline);
        reader_->set_limits(line_limits);
        struct RestoreLimits {
            OcrEngine& reader;
            const OcrLimits& limits;
            ~RestoreLimits() { reader.set_limits(limits); }
        } const restore{*reader_, limits_};
        try {
            return read_lines(page, overrides);
        } catch (const Error& error) {
            if (error.code() == ErrorCode::job_timeout && page_deadline_first) {
                throw Error(ErrorCode::ocr_failed, fmt::format("OCR timed out after {} ms", timeout_ms_));
            }
            throw;
        }
    }

    PageText read_lines(const ImageView& page, const OcrOverrides& overrides) {
        PageText text;
        text.width = page.width;
        text.height = page.height;
        text.source = TextSource::ocr;
        const cv::Mat gray = to_gray(mat_view(page));
        const OcrOverrides line_mode{overrides.dpi, single_line};
        for (const Box& box : detector_.detect(gray)) {
            std::optional<TextLine> line =
                read_line_region(gray, cv::Rect(box.x, box.y, box.width, box.height),
                                 line_scale(target_box_height, box.height), *reader_, line_mode);
            if (!line) {
                continue; // an unreadable line is left out, as Tesseract's layout leaves out what it cannot read
            }
            line->block = static_cast<int>(text.lines.size());
            text.lines.push_back(std::move(*line));
        }
        return text;
    }

    std::unique_ptr<OcrEngine> reader_;
    LineDetector detector_;
    int timeout_ms_;
    OcrLimits limits_;
};

} // namespace

std::unique_ptr<OcrEngine> make_detected_lines_engine(std::unique_ptr<OcrEngine> reader, const std::string& model_path,
                                                      int timeout_ms) {
    return std::make_unique<DetectedLinesEngine>(std::move(reader), model_path, timeout_ms);
}

} // namespace docextract::detail
