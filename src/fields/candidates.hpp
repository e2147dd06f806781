// SPDX-License-Identifier: MIT
#pragma once

#include "fields/analysis.hpp"
#include "fields/confidence.hpp"
#include "fields/regex.hpp"

#include <docextract/fields.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// One possible value of a field and why it might be right.
struct Candidate {
    std::string value; ///< Normalised value.
    std::string raw;   ///< The text it was read from, as printed.
    std::size_t row = 0;
    Span span; ///< Bytes of raw in the row text.
    Evidence evidence;
    double score = 0; ///< candidate_score() of the evidence.
};

/// The outcome of choosing among candidates.
struct Choice {
    std::optional<Candidate> best;
    double logit = 0; ///< value_logit() of the chosen value.
    double share = 0; ///< Its softmax share among all candidate values.
    int support = 0;  ///< Further independent candidates with the same value.
    float confidence = 0;
    std::vector<ReviewReason> reasons;
    std::vector<Candidate> all; ///< Every candidate with its score, best first (for tests and diagnostics).
};

/// Scores the candidates, groups them by value, and picks the value with the highest logit.
/// labelled_field: whether a missing label is worth a no_label hint for this field.
[[nodiscard]] Choice choose(std::vector<Candidate> candidates, const ConfidenceModel& model,
                            bool labelled_field = true);

/// Turns a choice into a Field (value, confidence, reasons, raw text, box, page, source).
[[nodiscard]] Field make_field(std::string_view name, const Choice& choice, const Analysis& analysis);

/// Mean OCR confidence of the words of a row touched by a byte span.
[[nodiscard]] double span_confidence(const Row& row, Span span) noexcept;

/// Trims ASCII spaces and the punctuation that separates labels from values (":", ".", "#", "-" ...) from the
/// start of a span, and spaces from its end.
[[nodiscard]] Span trim_separators(std::string_view text, Span span) noexcept;

} // namespace docextract::detail
