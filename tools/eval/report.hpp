// SPDX-License-Identifier: MIT
#pragma once

#include "scoring.hpp"

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>
#include <vector>

namespace docextract::eval {

/// The summary as aligned text tables: per field and overall, then the calibration table.
void write_summary_text(std::ostream& out, const Summary& summary);

/// The summary as JSON (counts, rates, calibration bins).
[[nodiscard]] nlohmann::json summary_json(const Summary& summary);

/// One document's outcome as JSON (expected, extracted, confidence, reasons, correct per field).
[[nodiscard]] nlohmann::json document_json(const DocumentOutcome& outcome);

/// The per-document report: JSON Lines when as_json, else one block of text per document.
void write_document_report(std::ostream& out, const std::vector<DocumentOutcome>& outcomes, bool as_json);

} // namespace docextract::eval
