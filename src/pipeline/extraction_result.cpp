// SPDX-License-Identifier: MIT
#include <docextract/pipeline.hpp>

#include <algorithm>

namespace docextract {

const Field* ExtractionResult::field(std::string_view name) const noexcept {
    const auto it = std::find_if(fields.begin(), fields.end(), [name](const Field& f) { return f.name == name; });
    return it == fields.end() ? nullptr : &*it;
}

int ExtractionResult::confident_count() const noexcept {
    return static_cast<int>(
        std::count_if(fields.begin(), fields.end(), [](const Field& f) { return f.value && !f.needs_review; }));
}

} // namespace docextract
