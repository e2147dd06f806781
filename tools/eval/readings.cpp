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
    if (second.empty() || !choice.second_reading || !wants_second_reading(rules.extract_readings(used), threshold)) {
        return used;
    }
    used.insert(used.end(), second.begin(), second.end());
    return used;
}

} // namespace docextract::eval
