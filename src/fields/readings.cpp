// SPDX-License-Identifier: MIT
#include <docextract/fields.hpp>

#include "fields/name_spelling.hpp"

#include <algorithm>
#include <string_view>

namespace docextract {

namespace {

/// The field whose two readings can be one printed name read a letter or two apart.
constexpr std::string_view name_field = "vendor";

} // namespace

std::vector<Field> surer_fields(std::vector<Field> first, std::span<const Field> second) {
    for (const Field& other : second) {
        const auto same =
            std::find_if(first.begin(), first.end(), [&](const Field& f) { return f.name == other.name; });
        if (same == first.end()) {
            first.push_back(other);
            continue;
        }
        if (other.name == name_field && same->value && other.value &&
            detail::same_name_misread(*same->value, *other.value)) {
            // Both readings found the same line: its cleaner spelling wins, and on a tie the second reading's, whose
            // inked-up page holds the letters more firmly. Each keeps its own confidence and review state.
            if (detail::misreading_marks(*other.value) <= detail::misreading_marks(*same->value)) {
                *same = other;
            }
            continue;
        }
        const bool surer = other.value && (!same->value || other.confidence > same->confidence);
        if (surer) {
            *same = other;
        }
    }
    return first;
}

} // namespace docextract
