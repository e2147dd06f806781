// SPDX-License-Identifier: MIT
#pragma once
// Replaying the pipeline's choice of readings on cached ones: which readings its field extraction would have pooled.
#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <vector>

namespace docextract::eval {

/// True when the reading is a second reading of whole pages (its lines have pass second_reading).
[[nodiscard]] bool is_second_reading(const std::vector<PageText>& reading);

/// Of a document's cached readings (every one made, as PipelineOptions::always_read_twice keeps them), those the
/// pipeline would use: all but the second reading, and that too when the fields of the others want it
/// (wants_second_reading() at `threshold`) and `second_reading` is on.
[[nodiscard]] std::vector<std::vector<PageText>> pipeline_readings(const std::vector<std::vector<PageText>>& cached,
                                                                   const FieldExtractor& rules, float threshold,
                                                                   bool second_reading = true);

} // namespace docextract::eval
