// SPDX-License-Identifier: MIT
#pragma once

// One CSV row per document, the same columns for the CLI (docextract --csv) and the HTTP service
// (GET /export?format=csv). Column order, fixed:
//   filename, job_id, then for each name in known_field_names (vendor, invoice_number, date, total, email,
//   currency, subtotal, tax, due_date): <name>, <name>_confidence, <name>_needs_review, <name>_source;
//   last, error.
// RFC 4180: rows end with CRLF; a cell holding a comma, a double quote, CR, LF or leading/trailing space is
// quoted, its quotes doubled. A field the document does not have leaves its four cells empty.

#include <docextract/export.hpp>
#include <docextract/pipeline.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace docextract {

/// One field as exported.
struct ExportField {
    std::optional<std::string> value; ///< Empty cell when nullopt.
    double confidence = 0;            ///< Written with 3 decimals.
    bool needs_review = true;         ///< "true" / "false".
    std::string source;               ///< "ocr", "text_layer", "embedded_xml", "review" or "none".
};

/// One document as exported.
struct ExportRow {
    std::string filename;
    std::string job_id; ///< Empty for the CLI.
    std::map<std::string, ExportField, std::less<>> fields;
    std::string error; ///< Why the document has no fields; empty when it has.
};

/// The header line, CRLF included.
[[nodiscard]] DOCEXTRACT_API std::string csv_header();
/// One document's line, CRLF included.
[[nodiscard]] DOCEXTRACT_API std::string csv_row(const ExportRow& row);
/// One cell, quoted when RFC 4180 requires it.
[[nodiscard]] DOCEXTRACT_API std::string csv_cell(std::string_view text);
/// The row of a pipeline result (job_id empty); `filename` as it should appear (the CLI's path as given).
[[nodiscard]] DOCEXTRACT_API ExportRow export_row(const ExtractionResult& result, std::string filename);

} // namespace docextract
