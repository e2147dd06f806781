// SPDX-License-Identifier: MIT
#include "fixture_fields.hpp"

#include <docextract/text.hpp>

#include <algorithm>

namespace fixture {

std::vector<docextract::Field> extract_text(std::string_view text, docextract::TextSource source,
                                            const docextract::ExtractorOptions& options) {
    const auto extractor = docextract::make_rule_extractor(options);
    const std::vector<docextract::PageText> pages{docextract::page_from_text(text, source)};
    return extractor->extract(pages);
}

std::string field_value(const std::vector<docextract::Field>& fields, std::string_view name) {
    const auto it =
        std::find_if(fields.begin(), fields.end(), [&](const docextract::Field& f) { return f.name == name; });
    return it != fields.end() && it->value ? *it->value : std::string("<none>");
}

} // namespace fixture
