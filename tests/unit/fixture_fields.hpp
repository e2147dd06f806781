// SPDX-License-Identifier: MIT
#pragma once

// Test fixtures for the field rules: text in, fields out.

#include <docextract/fields.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fixture {

/// The fields the rule extractor finds in one page made of `text` (lines split at '\n').
[[nodiscard]] std::vector<docextract::Field> extract_text(std::string_view text, docextract::TextSource source,
                                                          const docextract::ExtractorOptions& options = {});

/// The fields the rule extractor finds in `page`.
[[nodiscard]] std::vector<docextract::Field> extract_page(docextract::PageText page,
                                                          const docextract::ExtractorOptions& options = {});

/// `page` with every word spelled `word` read at OCR confidence `confidence` (text fixtures read at 1.0).
[[nodiscard]] docextract::PageText with_confidence(docextract::PageText page, std::string_view word, float confidence);

/// The value of feature `feature` of the first candidate of `field` whose value is `value` in one page made of `text`
/// (nullopt when there is no such candidate): what the generators tell the model, whatever its weights.
[[nodiscard]] std::optional<float>
candidate_feature(std::string_view text, std::string_view field, std::string_view value, std::string_view feature,
                  docextract::TextSource source = docextract::TextSource::text_layer);

/// The value of the named field, or "<none>" when the field is missing or has no value.
[[nodiscard]] std::string field_value(const std::vector<docextract::Field>& fields, std::string_view name);

} // namespace fixture
