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

std::vector<std::vector<PageText>> pipeline_readings(const std::vector<std::vector<PageText>>& cached,
                                                     const FieldExtractor& rules, float threshold,
                                                     bool second_reading) {
    std::vector<std::vector<PageText>> used;
    std::vector<std::vector<PageText>> second;
    for (const auto& reading : cached) {
        (is_second_reading(reading) ? second : used).push_back(reading);
    }
    if (second.empty() || !second_reading || !wants_second_reading(rules.extract_readings(used), threshold)) {
        return used;
    }
    used.insert(used.end(), second.begin(), second.end());
    return used;
}

} // namespace docextract::eval
