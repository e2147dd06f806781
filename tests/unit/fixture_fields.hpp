// SPDX-License-Identifier: MIT
#pragma once

// Test fixtures for the field rules: text in, fields out.

#include <docextract/fields.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace fixture {

/// The fields the rule extractor finds in one page made of `text` (lines split at '\n').
[[nodiscard]] std::vector<docextract::Field> extract_text(std::string_view text, docextract::TextSource source,
                                                          const docextract::ExtractorOptions& options = {});

/// The value of the named field, or "<none>" when the field is missing or has no value.
[[nodiscard]] std::string field_value(const std::vector<docextract::Field>& fields, std::string_view name);

} // namespace fixture
