// SPDX-License-Identifier: MIT
#include "ocr/page_reader.hpp"

#include <tesseract/publictypes.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <memory>
#include <string>

namespace docextract::detail {
namespace {

/// Owns a char array returned by Tesseract (which must be released with delete[]).
struct DeleteArray {
    void operator()(const char* text) const noexcept { delete[] text; }
};
using TesseractText = std::unique_ptr<const char[], DeleteArray>;

Box box_at(const tesseract::ResultIterator& it, tesseract::PageIteratorLevel level) {
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
    if (!it.BoundingBox(level, &left, &top, &right, &bottom)) {
        return {};
    }
    return {left, top, right - left, bottom - top};
}

/// True for text that is only spaces (Tesseract sometimes reports such words).
bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
}

} // namespace

PageText read_page_text(tesseract::ResultIterator* iterator, int width, int height) {
    PageText page;
    page.width = width;
    page.height = height;
    page.source = TextSource::ocr;
    if (iterator == nullptr) {
        return page;
    }
    tesseract::ResultIterator& it = *iterator;
    it.Begin();
    int block = -1;
    bool block_has_words = false;
    TextLine* line = nullptr;
    do {
        if (it.Empty(tesseract::RIL_WORD)) {
            continue;
        }
        if (it.IsAtBeginningOf(tesseract::RIL_BLOCK) || block < 0) {
            // Blocks without any word (pictures, separators) do not get an index.
            if (block < 0 || block_has_words) {
                ++block;
            }
            block_has_words = false;
            line = nullptr;
        }
        if (line == nullptr || it.IsAtBeginningOf(tesseract::RIL_TEXTLINE)) {
            if (!page.lines.empty() && page.lines.back().words.empty()) {
                page.lines.pop_back();
            }
            TextLine& fresh = page.lines.emplace_back();
            fresh.box = box_at(it, tesseract::RIL_TEXTLINE);
            fresh.block = block;
            line = &fresh;
        }
        const TesseractText text(it.GetUTF8Text(tesseract::RIL_WORD));
        if (text == nullptr) {
            continue;
        }
        std::string word(text.get());
        if (word.empty() || blank(word)) {
            continue;
        }
        const float confidence = std::clamp(it.Confidence(tesseract::RIL_WORD) / 100.0F, 0.0F, 1.0F);
        line->words.push_back(TextWord{std::move(word), confidence, box_at(it, tesseract::RIL_WORD)});
        block_has_words = true;
    } while (it.Next(tesseract::RIL_WORD));
    if (!page.lines.empty() && page.lines.back().words.empty()) {
        page.lines.pop_back();
    }
    return page;
}

} // namespace docextract::detail
