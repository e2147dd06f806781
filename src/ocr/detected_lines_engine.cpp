// SPDX-License-Identifier: MIT
#include "ocr/detected_lines_engine.hpp"

#include "ocr/line_detector.hpp"
#include "preprocess/mat_view.hpp"
#include "preprocess/steps.hpp"

#include <docextract/error.hpp>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace docextract::detail {
namespace {

/// The height a detected line is scaled to, in pixels: DB's boxes hold the text with about a third of its height
/// around it, so that its letters come out about 30 px high, the size Tesseract reads best.
constexpr double target_box_height = 44.0;
constexpr double min_scale = 0.5;
constexpr double max_scale = 4.0;
/// White border around a line handed to the recogniser, in pixels.
constexpr int border = 12;
/// One line of text: Tesseract's page segmentation mode 7.
constexpr int single_line = 7;

class DetectedLinesEngine final : public OcrEngine {
public:
    DetectedLinesEngine(std::unique_ptr<OcrEngine> reader, const std::string& model_path)
        : reader_(std::move(reader)), detector_(model_path) {}

    PageText recognize(const ImageView& page) override { return read(page, OcrOverrides{}); }

    PageText recognize_with(const ImageView& page, const OcrOverrides& overrides) override {
        if (overrides.page_segmentation >= 0) {
            return reader_->recognize_with(page, overrides); // the caller chose how the page is laid out
        }
        return read(page, overrides);
    }

    void set_limits(const OcrLimits& limits) override { reader_->set_limits(limits); }

private:
    PageText read(const ImageView& page, const OcrOverrides& overrides) {
        PageText text;
        text.width = page.width;
        text.height = page.height;
        text.source = TextSource::ocr;
        if (page.empty()) {
            return text;
        }
        const cv::Mat gray = to_gray(mat_view(page));
        const OcrOverrides line_mode{overrides.dpi, single_line};
        for (const Box& box : detector_.detect(gray)) {
            const double scale = std::clamp(target_box_height / box.height, min_scale, max_scale);
            cv::Mat scaled;
            cv::resize(gray(cv::Rect(box.x, box.y, box.width, box.height)), scaled, cv::Size(), scale, scale,
                       scale > 1.0 ? cv::INTER_CUBIC : cv::INTER_AREA);
            cv::Mat framed;
            cv::copyMakeBorder(scaled, framed, border, border, border, border, cv::BORDER_CONSTANT, cv::Scalar(255));
            const Image owned = image_from_mat(framed, PixelFormat::gray8);
            PageText read_line;
            try {
                read_line = reader_->recognize_with(owned.view(), line_mode);
            } catch (const Error& error) {
                if (error.code() != ErrorCode::ocr_failed) {
                    throw;
                }
                continue; // an unreadable line is left out, as Tesseract's layout leaves out what it cannot read
            }
            TextLine line;
            line.block = static_cast<int>(text.lines.size());
            int left = std::numeric_limits<int>::max();
            int top = std::numeric_limits<int>::max();
            int right = 0;
            int bottom = 0;
            const auto back = [&](int v) { return static_cast<int>(std::lround((v - border) / scale)); };
            for (const TextLine& part : read_line.lines) {
                for (const TextWord& word : part.words) {
                    TextWord moved = word;
                    const int x0 = std::clamp(back(word.box.x) + box.x, 0, page.width);
                    const int x1 = std::clamp(back(word.box.right()) + box.x, x0, page.width);
                    const int y0 = std::clamp(back(word.box.y) + box.y, 0, page.height);
                    const int y1 = std::clamp(back(word.box.bottom()) + box.y, y0, page.height);
                    moved.box = Box{x0, y0, x1 - x0, y1 - y0};
                    left = std::min(left, x0);
                    top = std::min(top, y0);
                    right = std::max(right, x1);
                    bottom = std::max(bottom, y1);
                    line.words.push_back(std::move(moved));
                }
            }
            if (line.words.empty()) {
                continue;
            }
            line.box = Box{left, top, right - left, bottom - top};
            text.lines.push_back(std::move(line));
        }
        return text;
    }

    std::unique_ptr<OcrEngine> reader_;
    LineDetector detector_;
};

} // namespace

std::unique_ptr<OcrEngine> make_detected_lines_engine(std::unique_ptr<OcrEngine> reader,
                                                      const std::string& model_path) {
    return std::make_unique<DetectedLinesEngine>(std::move(reader), model_path);
}

} // namespace docextract::detail
