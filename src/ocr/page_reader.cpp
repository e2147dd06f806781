// SPDX-License-Identifier: MIT
#include "ocr/page_reader.hpp"

#include <tesseract/publictypes.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// A runner-up digit counts as an alternative when the recogniser gave it at least this share of the score of the
/// symbol's best choice.
constexpr float alternative_share = 0.7F;
/// At most this many alternatives per word.
constexpr std::size_t most_alternatives = 4;

bool one_digit(std::string_view s) {
    return s.size() == 1 && s[0] >= '0' && s[0] <= '9';
}

/// The word at `word_it` with one of its digits changed into a runner-up digit of the recogniser, likeliest first.
std::vector<std::string> digit_alternatives(const tesseract::ResultIterator& word_it, const std::string& word) {
    if (std::none_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return {};
    }
    struct Alternative {
        float share = 0;
        std::string text;
    };
    std::vector<Alternative> found;
    tesseract::ResultIterator symbol(word_it);
    std::size_t offset = 0;
    do {
        const TesseractText text(symbol.GetUTF8Text(tesseract::RIL_SYMBOL));
        const std::string_view chosen = text ? std::string_view(text.get()) : std::string_view();
        if (chosen.empty() || word.compare(offset, chosen.size(), chosen) != 0) {
            return {}; // the symbols do not spell the word: no offsets to change
        }
        if (one_digit(chosen)) {
            std::vector<std::pair<char, float>> choices;
            float best = 0;
            tesseract::ChoiceIterator choice(symbol);
            do {
                const char* c = choice.GetUTF8Text();
                const float score = choice.Confidence();
                if (c != nullptr) {
                    best = std::max(best, score);
                    if (one_digit(c) && c[0] != chosen[0]) {
                        choices.emplace_back(c[0], score);
                    }
                }
            } while (choice.Next());
            for (const auto& [digit, score] : choices) {
                if (best > 0 && score >= alternative_share * best) {
                    std::string changed = word;
                    changed[offset] = digit;
                    found.push_back(Alternative{score / best, std::move(changed)});
                }
            }
        }
        offset += chosen.size();
    } while (!symbol.IsAtFinalElement(tesseract::RIL_WORD, tesseract::RIL_SYMBOL) &&
             symbol.Next(tesseract::RIL_SYMBOL));
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.share > b.share; });
    std::vector<std::string> out;
    for (auto& a : found) {
        if (out.size() < most_alternatives && std::find(out.begin(), out.end(), a.text) == out.end()) {
            out.push_back(std::move(a.text));
        }
    }
    return out;
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
        std::vector<std::string> alternatives = digit_alternatives(it, word);
        line->words.push_back(
            TextWord{std::move(word), confidence, box_at(it, tesseract::RIL_WORD), std::move(alternatives)});
        block_has_words = true;
    } while (it.Next(tesseract::RIL_WORD));
    if (!page.lines.empty() && page.lines.back().words.empty()) {
        page.lines.pop_back();
    }
    return page;
}

} // namespace docextract::detail
