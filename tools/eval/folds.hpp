// SPDX-License-Identifier: MIT
#pragma once

#include "dataset.hpp"
#include "page_cache.hpp"
#include "scoring.hpp"
#include "training.hpp"

#include <docextract/fields.hpp>

#include <iosfwd>
#include <memory>
#include <optional>
#include <vector>

namespace docextract::eval {

/// Settings of a cross-validation.
struct CrossValidation {
    int folds = 5;                      ///< Number of folds.
    GroupBy group_by = GroupBy::vendor; ///< What stays together in one fold.
    train::TrainOptions train;          ///< How each fold's model is fitted (as docextract-train).
    float threshold = -1.0F;            ///< Review threshold; < 0: each fold model's own.
    std::ostream* progress = nullptr;   ///< One line per fold when set.
};

/// The model of each fold, fitted on the other folds: which fold a sample is in, and each fold's extractor.
struct FoldModels {
    std::vector<int> fold_of;                                ///< Per sample.
    std::vector<std::unique_ptr<FieldExtractor>> extractors; ///< Per fold; null for a fold with no cached sample.
    std::vector<float> thresholds;                           ///< Per fold: its review threshold.
};

/// Fits the model of every fold (weights, calibration and threshold) on the cached readings of the other folds.
[[nodiscard]] FoldModels fit_folds(const std::vector<Sample>& samples,
                                   const std::vector<std::optional<CacheEntry>>& readings, const CrossValidation& cv);

/// The cached readings of every sample (nullopt when there are none).
[[nodiscard]] std::vector<std::optional<CacheEntry>> cached_readings(const std::vector<Sample>& samples,
                                                                     const PageCache& cache);

/// Out-of-fold outcomes: the documents of each fold are extracted from their cached readings by a model fitted
/// (weights, calibration and threshold) on the other folds only. Documents without cached readings (embedded
/// e-invoices, failures) keep their outcome from `outcomes`.
[[nodiscard]] std::vector<DocumentOutcome> cross_validate(const std::vector<Sample>& samples,
                                                          const std::vector<DocumentOutcome>& outcomes,
                                                          const PageCache& cache, const CrossValidation& cv);

} // namespace docextract::eval
