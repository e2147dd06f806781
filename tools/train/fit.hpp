// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/field_model.hpp>

#include <map>
#include <string>
#include <vector>

namespace docextract::train {

/// One field of one labelled document: its candidates and which of them are right.
struct Example {
    std::vector<std::vector<float>> candidates; ///< Features per candidate (candidate_feature_names() order).
    std::vector<std::string> values;            ///< Normalised value per candidate.
    std::vector<char> correct;                  ///< Per candidate: its value matches the label.
    std::vector<float> none_features;           ///< Features of the "no value" option.
    double page_noise = 0;                      ///< The document's OCR noise.

    /// True when no candidate is right: the label's value was never read, or the document does not show one.
    [[nodiscard]] bool target_none() const noexcept;
};

/// The examples of one labelled document, by field name (only the fields it can teach).
struct TrainingDoc {
    std::string name;                      ///< File name, for reports.
    std::map<std::string, Example> fields; ///< By field name.
};

/// Settings of a fit.
struct FitOptions {
    double l2 = 1.0;                  ///< L2 penalty on the weights (per document, summed over documents).
    int calibration_folds = 5;        ///< Folds of the inner cross-validation whose predictions fit the calibration.
    double target_precision = 0.97;   ///< The review threshold is the lowest one whose out-of-fold accepted
                                      ///< precision reaches this (pooled over fields).
    std::vector<std::size_t> dropped; ///< Features left out (weight 0), for ablations.
    std::string version;              ///< Written into the model.
    std::string fitted_on;            ///< Written into the model.
};

/// What the model does with one example: the value it emits (empty when none), its probability, and whether
/// that value is right.
struct Prediction {
    bool emitted = false;
    double probability = 0; ///< Before calibration.
    bool correct = false;
    double page_noise = 0;
};

/// Folds for grouped cross-validation: every group in one fold, the folds as even in size as the groups allow
/// (largest groups first, each to the smallest fold). Deterministic.
[[nodiscard]] std::vector<int> assign_folds(const std::vector<std::string>& groups, int folds);

/// Fits one field's weights (no calibration) by L2-regularised maximum likelihood of the softmax ranker.
/// dropped: features kept at weight 0.
[[nodiscard]] FieldWeights fit_weights(const std::vector<const Example*>& examples, double l2,
                                       const std::vector<std::size_t>& dropped = {});

/// The model's decision on one example under the weights.
[[nodiscard]] Prediction predict(const Example& example, const FieldWeights& weights);

/// Fits p' = sigmoid(slope * logit(p) + offset + noise * page_noise) to predictions (logistic regression).
[[nodiscard]] Calibration fit_calibration(const std::vector<Prediction>& predictions);

/// Fits every field: weights on all documents, calibration on the predictions of an inner cross-validation
/// grouped by groups[i] (one per document), and the review threshold from the same predictions.
[[nodiscard]] FieldModel fit_model(const std::vector<TrainingDoc>& docs, const std::vector<std::string>& groups,
                                   const FitOptions& options);

} // namespace docextract::train
