// SPDX-License-Identifier: MIT
#include "fields/reread_lines.hpp"

#include "fields/labels.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>
#include <string>
#include <string_view>

namespace docextract::detail {

namespace {

/// The letterhead: this many lines from the top of the page, if they stand in its upper part.
constexpr std::size_t letterhead_lines = 4;
constexpr double letterhead_height_share = 0.35;

/// Labels whose row holds a total, a part of the total's arithmetic, or a date.
bool amount_or_date_label(LabelKind kind) noexcept {
    switch (kind) {
    case LabelKind::total_strong:
    case LabelKind::total:
    case LabelKind::amount_due:
    case LabelKind::subtotal:
    case LabelKind::tax:
    case LabelKind::rounding:
    case LabelKind::payment:
    case LabelKind::change:
    case LabelKind::balance:
    case LabelKind::date_invoice:
    case LabelKind::date_generic:
        return true;
    default:
        return false;
    }
}

bool digit(char c) noexcept {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

/// True when the text holds digits, a date separator, digits, the same separator and digits ("12/03/2018",
/// "2018-03-12", "12.03.18").
bool has_numeric_date(std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!digit(text[i]) || (i > 0 && digit(text[i - 1]))) {
            continue;
        }
        std::size_t j = i;
        int groups = 0;
        char separator = 0;
        while (j < text.size()) {
            const std::size_t start = j;
            while (j < text.size() && digit(text[j])) {
                ++j;
            }
            const std::size_t length = j - start;
            if (length == 0 || length > 4) {
                break;
            }
            ++groups;
            if (groups == 3) {
                return true;
            }
            if (j >= text.size() || (text[j] != '/' && text[j] != '-' && text[j] != '.')) {
                break;
            }
            if (separator != 0 && text[j] != separator) {
                break;
            }
            separator = text[j];
            ++j;
        }
    }
    return false;
}

} // namespace

std::vector<std::size_t> lines_worth_rereading(const PageText& page, std::size_t max_lines) {
    std::vector<std::size_t> labelled;
    std::vector<std::size_t> dated;
    for (std::size_t i = 0; i < page.lines.size(); ++i) {
        const std::string text = page.lines[i].text();
        const auto labels = find_labels(text, LabelSpelling::ocr_tolerant);
        if (std::any_of(labels.begin(), labels.end(),
                        [](const LabelMatch& label) { return amount_or_date_label(label.kind); })) {
            labelled.push_back(i);
        } else if (has_numeric_date(text)) {
            dated.push_back(i);
        }
    }
    std::vector<std::size_t> by_height(page.lines.size());
    std::iota(by_height.begin(), by_height.end(), std::size_t{0});
    std::stable_sort(by_height.begin(), by_height.end(),
                     [&](std::size_t a, std::size_t b) { return page.lines[a].box.y < page.lines[b].box.y; });
    std::vector<std::size_t> chosen;
    const auto add = [&](std::size_t line) {
        if (chosen.size() < max_lines && std::find(chosen.begin(), chosen.end(), line) == chosen.end()) {
            chosen.push_back(line);
        }
    };
    // The letterhead first: a vendor's name is read once, at the top; totals and dates are often printed twice.
    for (std::size_t k = 0; k < std::min(letterhead_lines, by_height.size()); ++k) {
        const TextLine& line = page.lines[by_height[k]];
        if (page.height <= 0 || line.box.y < letterhead_height_share * page.height) {
            add(by_height[k]);
        }
    }
    for (const std::size_t line : labelled) {
        add(line);
    }
    for (const std::size_t line : dated) {
        add(line);
    }
    return chosen;
}

} // namespace docextract::detail
