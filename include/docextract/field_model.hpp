// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/export.hpp>
#include <docextract/fields.hpp>
#include <docextract/geometry.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace docextract {

/// Names of the candidate features, in the order of FieldCandidate::features.
DOCEXTRACT_API std::span<const std::string_view> candidate_feature_names() noexcept;

/// Names of the features of a field's "no value" option, in the order of FieldCandidates::none_features.
DOCEXTRACT_API std::span<const std::string_view> none_feature_names() noexcept;

/// Probability calibration of one field: p' = sigmoid(slope * logit(p) + offset + noise * page_noise).
struct Calibration {
    double slope = 1.0;  ///< Stretches the model's log-odds.
    double offset = 0.0; ///< Shifts them.
    double noise = 0.0;  ///< Per unit of the document's OCR noise.
};

/// The fitted weights of one field: a softmax over the document's candidates and a "no value" option.
struct FieldWeights {
    std::vector<double> weights;      ///< Per candidate feature (candidate_feature_names() order).
    std::vector<double> none_weights; ///< Per "no value" feature (none_feature_names() order).
    Calibration calibration;          ///< Fitted out of fold.
};

/// A fitted field model: weights and calibrations per field, with where they came from.
struct FieldModel {
    std::string version;                        ///< Identifies the fit, e.g. "2026-12-02.1".
    std::string fitted_on;                      ///< The data and command that produced it.
    float review_threshold = 0.85F;             ///< Threshold chosen from out-of-fold figures.
    std::map<std::string, FieldWeights> fields; ///< By field name; a field without weights scores every candidate 0.
};

/// Reads a model from its JSON text; throws Error(invalid_argument) for malformed input or unknown feature names.
DOCEXTRACT_API FieldModel parse_field_model(std::string_view json);

/// Reads a model file; throws Error when it cannot be read or parsed.
DOCEXTRACT_API FieldModel load_field_model(const std::filesystem::path& path);

/// The model as JSON text (weights by feature name), the format parse_field_model() reads.
DOCEXTRACT_API std::string field_model_to_json(const FieldModel& model);

/// The model that ships with the library (data/model/fields.json, embedded at build time).
DOCEXTRACT_API std::shared_ptr<const FieldModel> shipped_field_model();

/// One candidate value of a field, with the features the model scores it by.
struct FieldCandidate {
    std::string value;                     ///< Normalised value.
    std::string raw_text;                  ///< As printed.
    std::optional<Box> box;                ///< Where it stands.
    int page = -1;                         ///< Zero-based page index.
    std::string label;                     ///< Text in front of it on its line, or the line above when none.
    double page_x = -1;                    ///< Centre of its box relative to the page width; -1 unknown.
    double page_y = -1;                    ///< Centre of its box relative to the page height; -1 unknown.
    int reading = 0;                       ///< 0 first reading, 1 second.
    FieldSource source = FieldSource::ocr; ///< What it was read from.
    std::vector<float> features;           ///< Indexed like candidate_feature_names().
    std::vector<ReviewReason> hints;       ///< Review hints its evidence gives (no_label, low_ocr_confidence...).
    double score = 0;                      ///< The model's log-odds score (weights · features).
};

/// Every candidate of one field of one document, for the model to choose among.
struct FieldCandidates {
    std::string field;                ///< Field name.
    std::vector<FieldCandidate> all;  ///< In no particular order.
    std::vector<float> none_features; ///< Indexed like none_feature_names().
    double page_noise = 0;            ///< The document's OCR noise (for calibration).
};

/// Scores of one field's candidates under a model: per distinct value its probability, best first.
struct ValueProbability {
    std::string value;      ///< Normalised value.
    double probability = 0; ///< Softmax mass of its candidates (before calibration).
    std::size_t best = 0;   ///< Index in FieldCandidates::all of its best-scored candidate.
};

/// The softmax of one field: the probability of each distinct value and of "no value" (best first).
struct FieldScores {
    std::vector<ValueProbability> values; ///< Distinct values, most probable first.
    double none = 1.0;                    ///< Probability that no candidate is right.
};

/// Scores the candidates (filling each FieldCandidate::score) and the values they give.
DOCEXTRACT_API FieldScores score_candidates(FieldCandidates& candidates, const FieldWeights& weights);

/// Applies a calibration to a probability.
DOCEXTRACT_API float calibrate(double probability, const Calibration& calibration, double page_noise) noexcept;

} // namespace docextract
