// SPDX-License-Identifier: MIT
#include <docextract/fields.hpp>

#include <algorithm>

namespace docextract {

std::vector<Field> surer_fields(std::vector<Field> first, std::span<const Field> second) {
    for (const Field& other : second) {
        const auto same =
            std::find_if(first.begin(), first.end(), [&](const Field& f) { return f.name == other.name; });
        if (same == first.end()) {
            first.push_back(other);
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
