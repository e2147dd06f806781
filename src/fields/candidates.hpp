// SPDX-License-Identifier: MIT
#pragma once

#include "fields/analysis.hpp"
#include "fields/confidence.hpp"
#include "fields/regex.hpp"

#include <docextract/field_model.hpp>
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
    FeatureVector features{}; ///< Every feature the model sees (candidate_features()), filled by choose().
    double score = 0;         ///< The model's log-odds score, filled by choose().
};

/// The outcome of choosing among candidates.
struct Choice {
    std::optional<Candidate> best;
    double share = 0; ///< The chosen value's probability under the model's softmax (before calibration).
    int support = 0;  ///< Further rows giving the same value.
    float confidence = 0;
    std::vector<ReviewReason> reasons;
    std::vector<Candidate> all; ///< Every candidate with its features and score, best first.
    bool labelled_field = true; ///< Whether a missing label is worth a no_label hint for this field.
};

/// The weights of a field in a model; all-zero weights (every candidate alike) when the model has none.
[[nodiscard]] const FieldWeights& weights_for(const FieldModel& model, std::string_view field);

/// Every feature of a candidate: the generic ones (label, OCR, position, reading, noise...) and the flags its
/// finder set. support is the number of further rows giving the same value.
[[nodiscard]] FeatureVector candidate_features(const Candidate& candidate, const Analysis& analysis, int support);

/// Features of the "no value" option of a field in this document.
[[nodiscard]] std::vector<float> none_features(const Analysis& analysis);

/// The model's log-odds score of the "no value" option.
[[nodiscard]] double none_score(const std::vector<float>& features, const FieldWeights& weights);

/// The model's log-odds score of one candidate on its own (no support).
[[nodiscard]] double linear_score(const Candidate& candidate, const Analysis& analysis, const FieldWeights& weights);

/// Scores the candidates with the field's weights and picks the most probable value (a softmax over the
/// document's candidates and a "no value" option; candidates of one value add up).
/// labelled_field: whether a missing label is worth a no_label hint for this field.
[[nodiscard]] Choice choose(std::vector<Candidate> candidates, const Analysis& analysis, const FieldWeights& weights,
                            bool labelled_field = true);

/// The chosen candidates as the model's public candidates (box, page, source, features, hints).
[[nodiscard]] FieldCandidates public_candidates(std::string_view name, const Choice& choice, const Analysis& analysis);

/// Turns a choice into a Field (value, confidence, reasons, raw text, box, page, source).
[[nodiscard]] Field make_field(std::string_view name, const Choice& choice, const Analysis& analysis);

/// Mean OCR confidence of the words of a row touched by a byte span.
[[nodiscard]] double span_confidence(const Row& row, Span span) noexcept;

/// Trims ASCII spaces and the punctuation that separates labels from values (":", ".", "#", "-" ...) from the
/// start of a span, and spaces from its end.
[[nodiscard]] Span trim_separators(std::string_view text, Span span) noexcept;

} // namespace docextract::detail
