// SPDX-License-Identifier: MIT
#include "pipeline/summary.hpp"

#include <algorithm>

namespace docextract::detail {
namespace {

bool is_core(std::string_view name) noexcept {
    return std::find(core_field_names.begin(), core_field_names.end(), name) != core_field_names.end();
}

} // namespace

std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept {
    if (text.size() <= max_bytes) {
        return text;
    }
    std::size_t end = max_bytes;
    // Step back over continuation bytes so the cut lands before the lead byte of a split sequence.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
        --end;
    }
    return text.substr(0, end);
}

std::string text_preview(std::span<const PageText> pages, std::size_t max_bytes) {
    std::string text;
    for (const PageText& page : pages) {
        if (!text.empty()) {
            text += '\n';
        }
        text += page.text();
        if (text.size() > max_bytes) {
            break;
        }
    }
    return std::string(utf8_prefix(text, max_bytes));
}

std::vector<std::string> review_list(std::span<const Field> fields) {
    std::vector<std::string> names;
    for (const Field& field : fields) {
        if (field.needs_review && (is_core(field.name) || field.value.has_value())) {
            names.push_back(field.name);
        }
    }
    return names;
}

std::string summary_line(std::span<const Field> fields) {
    const auto confident = std::count_if(fields.begin(), fields.end(), [](const Field& field) {
        return is_core(field.name) && field.value.has_value() && !field.needs_review;
    });
    return std::to_string(confident) + " of " + std::to_string(core_field_names.size()) +
           " fields extracted confidently.";
}

} // namespace docextract::detail
