// SPDX-License-Identifier: MIT
#include <docextract/text.hpp>

#include <algorithm>
#include <cstddef>

namespace docextract {

namespace {

constexpr int synthetic_char_width = 20;
constexpr int synthetic_line_pitch = 40;
constexpr int synthetic_line_height = 30;

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/// Counts UTF-8 code points (continuation bytes are not counted).
int code_points(std::string_view s) noexcept {
    int n = 0;
    for (const char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
            ++n;
        }
    }
    return n;
}

Box unite(const Box& a, const Box& b) noexcept {
    if (a.empty()) {
        return b;
    }
    if (b.empty()) {
        return a;
    }
    const int x = std::min(a.x, b.x);
    const int y = std::min(a.y, b.y);
    return Box{x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
}

} // namespace

std::string_view to_string(TextSource source) noexcept {
    switch (source) {
    case TextSource::ocr:
        return "ocr";
    case TextSource::text_layer:
        return "text_layer";
    }
    return "unknown";
}

std::string_view to_string(ReadingPass pass) noexcept {
    switch (pass) {
    case ReadingPass::page:
        return "page";
    case ReadingPass::missed_text:
        return "missed_text";
    case ReadingPass::line:
        return "line";
    case ReadingPass::second_reading:
        return "second_reading";
    case ReadingPass::picture:
        return "picture";
    }
    return "unknown";
}

std::string TextLine::text() const {
    std::string out;
    for (const auto& word : words) {
        if (!out.empty()) {
            out += ' ';
        }
        out += word.text;
    }
    return out;
}

float TextLine::confidence() const noexcept {
    if (words.empty()) {
        return 0.0F;
    }
    double sum = 0;
    for (const auto& word : words) {
        sum += static_cast<double>(word.confidence);
    }
    return static_cast<float>(sum / static_cast<double>(words.size()));
}

std::string PageText::text() const {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i > 0) {
            out += '\n';
        }
        out += lines[i].text();
    }
    return out;
}

PageText page_from_text(std::string_view text, TextSource source) {
    PageText page;
    page.source = source;
    int line_index = 0;
    int block = 0;
    int max_columns = 0;
    bool previous_blank = false;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        TextLine line;
        int column = 0; // code points consumed so far in this line
        std::size_t i = 0;
        while (i < raw.size()) {
            if (is_space(raw[i])) {
                ++column;
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < raw.size() && !is_space(raw[j])) {
                ++j;
            }
            const std::string_view word = raw.substr(i, j - i);
            const int length = code_points(word);
            TextWord w;
            w.text = std::string(word);
            w.confidence = 1.0F;
            w.box = Box{column * synthetic_char_width, line_index * synthetic_line_pitch, length * synthetic_char_width,
                        synthetic_line_height};
            line.box = unite(line.box, w.box);
            line.words.push_back(std::move(w));
            column += length;
            i = j;
        }
        max_columns = std::max(max_columns, column);
        if (line.words.empty()) {
            previous_blank = true; // blank lines separate blocks but produce no line
        } else {
            if (previous_blank && !page.lines.empty()) {
                ++block;
            }
            previous_blank = false;
            line.block = block;
            page.lines.push_back(std::move(line));
        }
        ++line_index;
        if (nl == std::string_view::npos) {
            break;
        }
        pos = nl + 1;
    }
    // Exactly large enough, so that relative positions (top, lower half) mean the same as on a real page.
    page.width = std::max(1, max_columns) * synthetic_char_width;
    page.height = std::max(1, line_index) * synthetic_line_pitch;
    return page;
}

} // namespace docextract
