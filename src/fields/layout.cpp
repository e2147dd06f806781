// SPDX-License-Identifier: MIT
#include "fields/layout.hpp"

#include <algorithm>
#include <cmath>

namespace docextract::detail {

namespace {

/// Words further apart than this many row heights start a new phrase (table cell, column).
constexpr double chunk_gap_heights = 1.6;
/// Lines whose vertical extents overlap by at least this share of the smaller height form one row.
constexpr double row_overlap_share = 0.5;
/// How many rows back a line may join (rows are created top to bottom).
constexpr std::size_t row_lookback = 12;

struct PendingRow {
    std::vector<LayoutWord> words;
    Box band; ///< Vertical band of the first line, so that rows do not creep downwards.
    Box box;
};

int median(std::vector<int> values) {
    if (values.empty()) {
        return 0;
    }
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    return *mid;
}

int vertical_overlap(const Box& a, const Box& b) noexcept {
    return std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
}

int horizontal_overlap(const Box& a, const Box& b) noexcept {
    return std::min(a.right(), b.right()) - std::max(a.x, b.x);
}

bool collides(const PendingRow& row, const Box& box) {
    if (horizontal_overlap(row.box, box) <= 0) {
        return false;
    }
    for (const auto& w : row.words) {
        if (horizontal_overlap(w.box, box) > std::min(w.box.width, box.width) / 3) {
            return true;
        }
    }
    return false;
}

Row finish_row(PendingRow pending, const PageText& page) {
    Row row;
    row.page = page.page;
    row.source = page.source;
    row.page_width = page.width;
    row.page_height = page.height;
    std::stable_sort(pending.words.begin(), pending.words.end(),
                     [](const LayoutWord& a, const LayoutWord& b) { return a.box.x < b.box.x; });
    std::vector<int> heights;
    for (const auto& w : pending.words) {
        heights.push_back(w.box.height);
    }
    row.height = std::max(1, median(heights));
    int chunk = 0;
    for (std::size_t i = 0; i < pending.words.size(); ++i) {
        auto& w = pending.words[i];
        if (i > 0) {
            const int gap = w.box.x - pending.words[i - 1].box.right();
            if (static_cast<double>(gap) > chunk_gap_heights * row.height) {
                ++chunk;
            }
            row.text += ' ';
        }
        w.chunk = chunk;
        row.word_begin.push_back(row.text.size());
        row.text += w.text;
        row.box = unite(row.box, w.box);
    }
    row.chunks = pending.words.empty() ? 0 : chunk + 1;
    row.words = std::move(pending.words);
    return row;
}

} // namespace

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

std::pair<std::size_t, std::size_t> Row::words_in(Span span) const noexcept {
    std::size_t first = words.size();
    std::size_t last = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::size_t b = word_begin[i];
        const std::size_t e = b + words[i].text.size();
        if (b < span.end && span.begin < e) {
            first = std::min(first, i);
            last = i + 1;
        }
    }
    if (first >= last) {
        return {0, 0};
    }
    return {first, last};
}

Span Row::span_of(std::size_t first, std::size_t last) const noexcept {
    if (first >= last || last > words.size()) {
        return {};
    }
    return Span{word_begin[first], word_begin[last - 1] + words[last - 1].text.size()};
}

Box Row::box_of(std::size_t first, std::size_t last) const noexcept {
    Box out;
    for (std::size_t i = first; i < last && i < words.size(); ++i) {
        out = unite(out, words[i].box);
    }
    return out;
}

float Row::confidence_of(std::size_t first, std::size_t last) const noexcept {
    double sum = 0;
    std::size_t n = 0;
    for (std::size_t i = first; i < last && i < words.size(); ++i) {
        sum += static_cast<double>(words[i].confidence);
        ++n;
    }
    return n == 0 ? 0.0F : static_cast<float>(sum / static_cast<double>(n));
}

std::pair<std::size_t, std::size_t> Row::chunk_words(int chunk) const noexcept {
    std::size_t first = words.size();
    std::size_t last = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (words[i].chunk == chunk) {
            first = std::min(first, i);
            last = i + 1;
        }
    }
    if (first >= last) {
        return {0, 0};
    }
    return {first, last};
}

std::string Row::chunk_text(int chunk) const {
    const auto [first, last] = chunk_words(chunk);
    const Span s = span_of(first, last);
    return std::string(s.in(text));
}

double Row::relative_y() const noexcept {
    if (page_height <= 0) {
        return 0.0;
    }
    return (box.y + box.height / 2.0) / page_height;
}

Layout build_layout(std::span<const PageText> pages) {
    Layout layout;
    for (const auto& page : pages) {
        struct Item {
            std::vector<LayoutWord> words;
            Box box;
        };
        std::vector<Item> items;
        for (const auto& line : page.lines) {
            Item item;
            for (const auto& w : line.words) {
                if (w.text.find_first_not_of(" \t\r\n") == std::string::npos) {
                    continue;
                }
                LayoutWord lw;
                lw.text = w.text;
                lw.box = w.box;
                lw.confidence = std::clamp(w.confidence, 0.0F, 1.0F);
                lw.alternatives = w.alternatives;
                item.box = unite(item.box, w.box);
                item.words.push_back(std::move(lw));
            }
            if (!item.words.empty()) {
                items.push_back(std::move(item));
            }
        }
        std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
            return 2 * a.box.y + a.box.height < 2 * b.box.y + b.box.height;
        });
        std::vector<PendingRow> pending;
        for (auto& item : items) {
            PendingRow* target = nullptr;
            int best_overlap = 0;
            const std::size_t from = pending.size() > row_lookback ? pending.size() - row_lookback : 0;
            for (std::size_t r = from; r < pending.size(); ++r) {
                auto& row = pending[r];
                const int overlap = vertical_overlap(row.band, item.box);
                const int smaller = std::min(row.band.height, item.box.height);
                if (overlap > best_overlap && static_cast<double>(overlap) >= row_overlap_share * smaller &&
                    !collides(row, item.box)) {
                    best_overlap = overlap;
                    target = &row;
                }
            }
            if (target == nullptr) {
                PendingRow row;
                row.band = item.box;
                pending.push_back(std::move(row));
                target = &pending.back();
            }
            target->box = unite(target->box, item.box);
            for (auto& w : item.words) {
                target->words.push_back(std::move(w));
            }
        }
        for (auto& p : pending) {
            layout.rows.push_back(finish_row(std::move(p), page));
        }
    }
    std::vector<int> heights;
    for (const auto& r : layout.rows) {
        heights.push_back(r.height);
    }
    layout.median_height = std::max(1, median(heights));
    return layout;
}

} // namespace docextract::detail
