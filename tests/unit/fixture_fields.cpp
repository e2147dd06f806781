// SPDX-License-Identifier: MIT
#include "fixture_fields.hpp"

#include <docextract/field_model.hpp>
#include <docextract/text.hpp>

#include <algorithm>
#include <utility>

namespace fixture {

std::vector<docextract::Field> extract_text(std::string_view text, docextract::TextSource source,
                                            const docextract::ExtractorOptions& options) {
    const auto extractor = docextract::make_rule_extractor(options);
    const std::vector<docextract::PageText> pages{docextract::page_from_text(text, source)};
    return extractor->extract(pages);
}

std::vector<docextract::Field> extract_page(docextract::PageText page, const docextract::ExtractorOptions& options) {
    const auto extractor = docextract::make_rule_extractor(options);
    const std::vector<docextract::PageText> pages{std::move(page)};
    return extractor->extract(pages);
}

docextract::PageText with_confidence(docextract::PageText page, std::string_view word, float confidence) {
    for (docextract::TextLine& line : page.lines) {
        for (docextract::TextWord& w : line.words) {
            if (w.text == word) {
                w.confidence = confidence;
            }
        }
    }
    return page;
}

std::optional<float> candidate_feature(std::string_view text, std::string_view field, std::string_view value,
                                       std::string_view feature, docextract::TextSource source) {
    const auto extractor = docextract::make_rule_extractor();
    const std::vector<std::vector<docextract::PageText>> readings{{docextract::page_from_text(text, source)}};
    const auto names = docextract::candidate_feature_names();
    const auto index = static_cast<std::size_t>(std::find(names.begin(), names.end(), feature) - names.begin());
    for (const auto& pool : extractor->candidates(readings)) {
        for (const auto& c : pool.all) {
            if (pool.field == field && c.value == value && index < c.features.size()) {
                return c.features[index];
            }
        }
    }
    return std::nullopt;
}

std::string field_value(const std::vector<docextract::Field>& fields, std::string_view name) {
    const auto it =
        std::find_if(fields.begin(), fields.end(), [&](const docextract::Field& f) { return f.name == name; });
    return it != fields.end() && it->value ? *it->value : std::string("<none>");
}

} // namespace fixture
