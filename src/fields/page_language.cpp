// SPDX-License-Identifier: MIT
#include "fields/page_language.hpp"

#include "fields/labels.hpp"
#include "fields/vocabulary.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace docextract::detail {

std::optional<PageLanguage> page_language(const PageText& page) {
    const Vocabulary& vocabulary = shipped_vocabulary();
    std::vector<int> lines(vocabulary.locales.size(), 0);
    for (const TextLine& line : page.lines) {
        std::vector<std::size_t> found = label_locales(line.text());
        std::sort(found.begin(), found.end());
        found.erase(std::unique(found.begin(), found.end()), found.end());
        for (const std::size_t locale : found) {
            ++lines[locale];
        }
    }
    const auto best = std::max_element(lines.begin(), lines.end());
    if (best == lines.end() || *best < min_language_lines || std::count(lines.begin(), lines.end(), *best) > 1) {
        return std::nullopt;
    }
    const Locale& locale = vocabulary.locales[static_cast<std::size_t>(best - lines.begin())];
    return PageLanguage{locale.name, locale.ocr_language, *best};
}

} // namespace docextract::detail
