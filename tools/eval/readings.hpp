// SPDX-License-Identifier: MIT
#pragma once
// Replaying the pipeline's choice of readings on cached ones: which readings its field extraction would have pooled.
#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <vector>

namespace docextract::eval {

/// True when the reading is a second reading of whole pages (its lines have pass second_reading).
[[nodiscard]] bool is_second_reading(const std::vector<PageText>& reading);

/// True when the reading holds lines read again one by one (pass line).
[[nodiscard]] bool is_line_reading(const std::vector<PageText>& reading);

/// Which cached readings a pipeline uses (PipelineOptions::second_reading and reread_lines).
struct ReadingChoice {
    bool second_reading = true; ///< The second reading, when the fields of the others want it.
    bool line_reading = true;   ///< The lines read again (their vendor candidates confirm the others').
    bool page_pictures = true;  ///< The pictures of text-layer pages, when the fields of the pages want them.
};

/// Of a document's cached readings (every one made, as PipelineOptions::always_read_twice keeps them), those the
/// pipeline would use: the pages, the pictures read on text-layer pages when `choice` has them and the fields of
/// the pages want them (wants_page_pictures()), the lines read again when `choice` has them, and the second reading
/// when it is on and the fields of the others want it (wants_second_reading(), both at `threshold`).
[[nodiscard]] std::vector<std::vector<PageText>> pipeline_readings(const std::vector<std::vector<PageText>>& cached,
                                                                   const FieldExtractor& rules, float threshold,
                                                                   ReadingChoice choice = {});

} // namespace docextract::eval
