// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/pipeline.hpp>

#include <ostream>

namespace docextract::cli {

/// Writes the short human-readable report of one document: a table of fields and the summary, or the error.
void print_table(std::ostream& out, const ExtractionResult& result);

} // namespace docextract::cli
