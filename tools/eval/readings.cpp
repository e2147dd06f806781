// SPDX-License-Identifier: MIT
#include "readings.hpp"

#include <docextract/pipeline.hpp>

#include <algorithm>

namespace docextract::eval {

bool is_second_reading(const std::vector<PageText>& reading) {
    return std::any_of(reading.begin(), reading.end(), [](const PageText& page) {
        return std::any_of(page.lines.begin(), page.lines.end(),
                           [](const TextLine& line) { return line.pass == ReadingPass::second_reading; });
    });
}

namespace {

/// True when every line of the page was read from pictures on a text-layer page (pass picture).
bool is_picture_page(const PageText& page) {
    return !page.lines.empty() && std::all_of(page.lines.begin(), page.lines.end(),
                                              [](const TextLine& line) { return line.pass == ReadingPass::picture; });
}

} // namespace

bool is_line_reading(const std::vector<PageText>& reading) {
    return std::any_of(reading.begin(), reading.end(), [](const PageText& page) {
        return std::any_of(page.lines.begin(), page.lines.end(),
                           [](const TextLine& line) { return line.pass == ReadingPass::line; });
    });
}

std::vector<std::vector<PageText>> pipeline_readings(const std::vector<std::vector<PageText>>& cached,
                                                     const FieldExtractor& rules, float threshold,
                                                     ReadingChoice choice) {
    std::vector<std::vector<PageText>> used;
    std::vector<std::vector<PageText>> second;
    for (const auto& reading : cached) {
        if (is_second_reading(reading)) {
            second.push_back(reading);
        } else if (choice.line_reading || !is_line_reading(reading)) {
            used.push_back(reading);
        }
    }
    // The pipeline reads the pictures only when the text layers leave a core field open or unsure.
    const auto without_pictures = [](std::vector<std::vector<PageText>> readings) {
        for (auto& reading : readings) {
            std::erase_if(reading, is_picture_page);
        }
        return readings;
    };
    const bool has_pictures = std::any_of(used.begin(), used.end(), [](const std::vector<PageText>& reading) {
        return std::any_of(reading.begin(), reading.end(), is_picture_page);
    });
    if (has_pictures) {
        auto pages_only = without_pictures(used);
        if (!choice.page_pictures || !wants_page_pictures(rules.extract_readings(pages_only), threshold)) {
            used = std::move(pages_only);
            second = without_pictures(std::move(second));
        }
    }
    if (second.empty() || !choice.second_reading || !wants_second_reading(rules.extract_readings(used), threshold)) {
        return used;
    }
    used.insert(used.end(), second.begin(), second.end());
    return used;
}

} // namespace docextract::eval
