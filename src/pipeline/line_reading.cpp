// SPDX-License-Identifier: MIT
#include "pipeline/line_reading.hpp"

#include "fields/reread_lines.hpp"
#include "preprocess/mat_view.hpp"
#include "preprocess/steps.hpp"

#include <docextract/error.hpp>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace docextract::detail {

namespace {

/// At most this many lines of a page are read again.
constexpr std::size_t max_lines_per_page = 14;
/// The height the words of a re-read line are scaled to, in pixels.
constexpr double target_word_height = 30.0;
/// Scale factors outside these bounds are clamped (tiny or huge text is not worth more pixels).
constexpr double min_scale = 0.5;
constexpr double max_scale = 4.0;
/// Margin above and below the line, in word heights.
constexpr double band_margin_heights = 0.4;
/// White border around the crop handed to the recogniser, in pixels.
constexpr int border = 12;
/// One line of text: Tesseract's page segmentation mode 7.
constexpr OcrOverrides single_line_ocr{-1, 7};

/// A horizontal band of the page to read as one line: rows [top, bottom) and the height of its words.
struct Band {
    int top = 0;
    int bottom = 0;
    double word_height = 0;
};

double median_word_height(const TextLine& line) {
    std::vector<int> heights;
    for (const TextWord& word : line.words) {
        if (word.box.height > 0) {
            heights.push_back(word.box.height);
        }
    }
    if (heights.empty()) {
        return line.box.height;
    }
    const auto middle = heights.begin() + static_cast<std::ptrdiff_t>(heights.size() / 2);
    std::nth_element(heights.begin(), middle, heights.end());
    return *middle;
}

/// The bands of the chosen lines; bands that overlap by more than half of the smaller one are one band (the
/// label and the amount of one row, read as two lines).
std::vector<Band> bands_of(const PageText& page, const std::vector<std::size_t>& chosen, int page_height) {
    std::vector<Band> bands;
    for (const std::size_t index : chosen) {
        const TextLine& line = page.lines[index];
        const double height = median_word_height(line);
        if (height <= 0) {
            continue;
        }
        const int margin = static_cast<int>(std::lround(band_margin_heights * height));
        Band band{std::max(0, line.box.y - margin), std::min(page_height, line.box.bottom() + margin), height};
        if (band.bottom <= band.top) {
            continue;
        }
        const auto same = std::find_if(bands.begin(), bands.end(), [&](const Band& other) {
            const int overlap = std::min(other.bottom, band.bottom) - std::max(other.top, band.top);
            const int smaller = std::min(other.bottom - other.top, band.bottom - band.top);
            return 2 * overlap > smaller;
        });
        if (same == bands.end()) {
            bands.push_back(band);
        } else {
            same->top = std::min(same->top, band.top);
            same->bottom = std::max(same->bottom, band.bottom);
            same->word_height = std::max(same->word_height, band.word_height);
        }
    }
    return bands;
}

/// The band cut from the gray page, scaled by `scale` and framed in white.
cv::Mat band_image(const cv::Mat& gray, const Band& band, double scale) {
    const cv::Mat strip = gray(cv::Range(band.top, band.bottom), cv::Range::all());
    cv::Mat scaled;
    cv::resize(strip, scaled, cv::Size(), scale, scale, scale > 1.0 ? cv::INTER_CUBIC : cv::INTER_AREA);
    cv::Mat framed;
    cv::copyMakeBorder(scaled, framed, border, border, border, border, cv::BORDER_CONSTANT, cv::Scalar(255));
    return framed;
}

/// Moves a recognised word from the scaled band into page coordinates.
Box to_page(const Box& box, const Band& band, double scale) {
    const auto back = [scale](int v) { return static_cast<int>(std::lround((v - border) / scale)); };
    const int left = std::max(0, back(box.x));
    const int right = std::max(left, back(box.right()));
    const int top = back(box.y) + band.top;
    const int bottom = std::max(top, back(box.bottom()) + band.top);
    return Box{left, top, right - left, bottom - top};
}

} // namespace

PageText reread_lines(const ImageView& cleaned, const PageText& page, OcrEngine& engine) {
    PageText reread;
    reread.page = page.page;
    reread.source = TextSource::ocr;
    reread.width = cleaned.width;
    reread.height = cleaned.height;
    const std::vector<std::size_t> chosen = lines_worth_rereading(page, max_lines_per_page);
    if (chosen.empty() || cleaned.empty()) {
        return reread;
    }
    const cv::Mat gray = to_gray(mat_view(cleaned));
    for (const Band& band : bands_of(page, chosen, gray.rows)) {
        const double scale = std::clamp(target_word_height / band.word_height, min_scale, max_scale);
        const cv::Mat image = band_image(gray, band, scale);
        const Image owned = image_from_mat(image, PixelFormat::gray8);
        PageText line_text;
        try {
            line_text = engine.recognize_with(owned.view(), single_line_ocr);
        } catch (const Error& error) {
            if (error.code() != ErrorCode::ocr_failed) {
                throw;
            }
            continue; // this line stays as the page reading read it
        }
        TextLine line;
        line.pass = ReadingPass::line;
        int left = std::numeric_limits<int>::max();
        int top = std::numeric_limits<int>::max();
        int right = 0;
        int bottom = 0;
        for (const TextLine& read : line_text.lines) {
            for (const TextWord& word : read.words) {
                TextWord moved = word;
                moved.box = to_page(word.box, band, scale);
                left = std::min(left, moved.box.x);
                top = std::min(top, moved.box.y);
                right = std::max(right, moved.box.right());
                bottom = std::max(bottom, moved.box.bottom());
                line.words.push_back(std::move(moved));
            }
        }
        if (line.words.empty()) {
            continue;
        }
        line.box = Box{left, top, right - left, bottom - top};
        reread.lines.push_back(std::move(line));
    }
    std::sort(reread.lines.begin(), reread.lines.end(),
              [](const TextLine& a, const TextLine& b) { return a.box.y < b.box.y; });
    return reread;
}

} // namespace docextract::detail
