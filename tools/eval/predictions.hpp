// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/pipeline.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace docextract::eval {

/// Results computed elsewhere, one JSON object per line in the CLI's output format (`filename`, `fields` as an
/// object of name -> {value, confidence, needs_review, reasons}, or `error`), keyed by file name. Lets the tool
/// score another program's output (for example a baseline) with the same matching rules. Throws
/// std::runtime_error when the file cannot be read and nlohmann's exceptions for malformed lines.
[[nodiscard]] std::map<std::string, ExtractionResult> load_predictions(const std::filesystem::path& file);

} // namespace docextract::eval
