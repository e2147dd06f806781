// SPDX-License-Identifier: MIT
#include "document/text_layout.hpp"

#include <algorithm>
#include <cstddef>
#include <map>

namespace docextract::detail {

namespace {

Box unite(const Box& a, const Box& b) {
    if (a.empty()) {
        return b;
    }
    const int x = std::min(a.x, b.x);
    const int y = std::min(a.y, b.y);
    return {x, y, std::max(a.right(), b.right()) - x, std::max(a.bottom(), b.bottom()) - y};
}

int vertical_overlap(const Box& a, const Box& b) {
    return std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
}

bool same_row(const Box& a, const Box& b) {
    return 2 * vertical_overlap(a, b) >= std::min(a.height, b.height);
}

int median(std::vector<int> values) {
    if (values.empty()) {
        return 0;
    }
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

} // namespace

PageText layout_words(std::vector<TextWord> words, int width, int height, int page, TextSource source) {
    PageText result;
    result.width = width;
    result.height = height;
    result.page = page;
    result.source = source;

    std::erase_if(words, [](const TextWord& w) { return w.box.empty() || blank(w.text); });
    std::stable_sort(words.begin(), words.end(),
                     [](const TextWord& a, const TextWord& b) { return a.box.x < b.box.x; });

    // Each word joins the line whose last word it overlaps most vertically, if it is close enough on the right.
    // Lines are indexed by the doubled vertical centre of their last word: words that share a row have centres
    // at most one (larger) word height apart, so only that band of lines needs to be looked at.
    int tallest = 0;
    for (const auto& word : words) {
        tallest = std::max(tallest, word.box.height);
    }
    std::vector<TextLine> lines;
    std::multimap<int, std::size_t> line_by_centre;
    for (auto& word : words) {
        const int centre = 2 * word.box.y + word.box.height;
        auto best = line_by_centre.end();
        int best_overlap = 0;
        const auto end = line_by_centre.upper_bound(centre + 2 * tallest);
        for (auto it = line_by_centre.lower_bound(centre - 2 * tallest); it != end; ++it) {
            const Box& last = lines[it->second].words.back().box;
            if (!same_row(last, word.box)) {
                continue;
            }
            const int gap = word.box.x - last.right();
            const double limit = max_word_gap_in_heights * std::max(last.height, word.box.height);
            const int overlap = vertical_overlap(last, word.box);
            if (static_cast<double>(gap) <= limit && overlap > best_overlap) {
                best = it;
                best_overlap = overlap;
            }
        }
        std::size_t index = lines.size();
        if (best == line_by_centre.end()) {
            lines.emplace_back();
        } else {
            index = best->second;
            line_by_centre.erase(best);
        }
        line_by_centre.emplace(centre, index);
        TextLine& line = lines[index];
        line.box = unite(line.box, word.box);
        line.words.push_back(std::move(word));
    }

    // Rows: lines sorted by vertical centre, consecutive lines that overlap vertically share a row.
    std::sort(lines.begin(), lines.end(), [](const TextLine& a, const TextLine& b) {
        return 2 * a.box.y + a.box.height < 2 * b.box.y + b.box.height;
    });
    std::vector<std::vector<TextLine>> rows;
    Box row_box;
    for (auto& line : lines) {
        if (rows.empty() || !same_row(row_box, line.box)) {
            rows.emplace_back();
            row_box = {};
        }
        row_box = unite(row_box, line.box);
        rows.back().push_back(std::move(line));
    }

    std::vector<int> heights;
    for (const auto& row : rows) {
        for (const auto& line : row) {
            heights.push_back(line.box.height);
        }
    }
    const double block_gap = block_gap_in_heights * median(heights);

    int block = 0;
    int previous_bottom = 0;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        auto& row = rows[r];
        std::sort(row.begin(), row.end(), [](const TextLine& a, const TextLine& b) { return a.box.x < b.box.x; });
        int top = row.front().box.y;
        int bottom = row.front().box.bottom();
        for (const auto& line : row) {
            top = std::min(top, line.box.y);
            bottom = std::max(bottom, line.box.bottom());
        }
        if (r > 0 && static_cast<double>(top - previous_bottom) > block_gap) {
            ++block;
        }
        previous_bottom = bottom;
        for (auto& line : row) {
            line.block = block;
            result.lines.push_back(std::move(line));
        }
    }
    return result;
}

} // namespace docextract::detail
