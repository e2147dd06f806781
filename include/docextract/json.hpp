// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/export.hpp>
#include <docextract/pipeline.hpp>

#include <string>

namespace docextract {

/// Version of the JSON layout written by to_json (see docs/json-output.md).
inline constexpr int json_schema_version = 1;

/// What to_json writes besides the documented core keys.
struct JsonOptions {
    int indent = -1;             ///< Spaces per level; -1 writes one line (default -1).
    bool include_details = true; ///< Add per-field page/box/reasons/source, pages and timings (default on).
};

/// Serialises a result as the JSON object documented in docs/json-output.md.
DOCEXTRACT_API std::string to_json(const ExtractionResult& result, const JsonOptions& options = {});

} // namespace docextract
