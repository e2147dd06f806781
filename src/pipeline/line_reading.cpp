// SPDX-License-Identifier: MIT
#include "pipeline/line_reading.hpp"

#include "fields/reread_lines.hpp"
#include "ocr/line_region.hpp"
#include "preprocess/mat_view.hpp"
#include "preprocess/steps.hpp"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace docextract::detail {

namespace {

/// At most this many lines of a page are read again.
constexpr std::size_t max_lines_per_page = 14;
/// The height the words of a re-read line are scaled to, in pixels.
constexpr double target_word_height = 30.0;
/// Margin above and below the line, in word heights.
constexpr double band_margin_heights = 0.4;
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
        std::optional<TextLine> line =
            read_line_region(gray, cv::Rect(0, band.top, gray.cols, band.bottom - band.top),
                             line_scale(target_word_height, band.word_height), engine, single_line_ocr);
        if (!line) {
            continue; // this line stays as the page reading read it
        }
        line->pass = ReadingPass::line;
        reread.lines.push_back(std::move(*line));
    }
    std::sort(reread.lines.begin(), reread.lines.end(),
              [](const TextLine& a, const TextLine& b) { return a.box.y < b.box.y; });
    return reread;
}

} // namespace docextract::detail
