// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/field_model.hpp>
#include <docextract/pipeline.hpp>

#include <ostream>

namespace docextract::cli {

/// Writes the short human-readable report of one document: a table of fields and the summary, or the error.
void print_table(std::ostream& out, const ExtractionResult& result);

/// Writes, per field, the best candidates with their probability and the features that added most to their score.
void print_explanation(std::ostream& out, const ExtractionResult& result, const FieldModel& model);

} // namespace docextract::cli
