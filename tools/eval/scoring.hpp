// SPDX-License-Identifier: MIT
#pragma once

#include "dataset.hpp"

#include <docextract/pipeline.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace docextract::eval {

/// One labelled field of one document: what was expected and what came out.
struct FieldOutcome {
    std::string name;
    std::string expected;
    std::vector<std::string> alternates;
    std::optional<std::string> extracted;
    float confidence = 0;
    bool needs_review = true;
    std::vector<std::string> reasons;
    bool correct = false; ///< Exact match under the field's rule (matching.hpp).
    bool fuzzy = false;   ///< Vendor only: within fuzzy_vendor_distance.
};

/// One document: its labelled fields, or the error that stopped it.
struct DocumentOutcome {
    std::string name;                 ///< File name.
    std::optional<std::string> error; ///< Set when the pipeline failed on the document.
    std::vector<FieldOutcome> fields; ///< One per labelled key, by name.
    double milliseconds = 0;
};

/// Compares a pipeline result with the sample's ground truth (keys absent from the truth are not scored).
[[nodiscard]] DocumentOutcome score_document(const Sample& sample, const ExtractionResult& result);

/// Counts for one field (or all fields together).
struct FieldStats {
    int labelled = 0;         ///< Documents with this key in the ground truth.
    int emitted = 0;          ///< ...of which a value was extracted.
    int correct = 0;          ///< ...of which the value matched.
    int accepted = 0;         ///< Emitted values not flagged for review.
    int accepted_correct = 0; ///< ...that matched.
    int fuzzy_correct = 0;    ///< Vendor: values within the fuzzy distance.

    [[nodiscard]] double precision() const noexcept;          ///< correct / emitted.
    [[nodiscard]] double recall() const noexcept;             ///< correct / labelled.
    [[nodiscard]] double f1() const noexcept;                 ///< Harmonic mean of precision and recall.
    [[nodiscard]] double accepted_precision() const noexcept; ///< accepted_correct / accepted.
    [[nodiscard]] double coverage() const noexcept;           ///< accepted_correct / labelled.
};

/// Emitted values with a confidence in [from, to): how many and how many were right.
struct CalibrationBin {
    double from = 0;
    double to = 0;
    int count = 0;
    int correct = 0;
    double confidence_sum = 0;

    [[nodiscard]] double mean_confidence() const noexcept;
    [[nodiscard]] double accuracy() const noexcept;
};

/// Everything the tool reports.
struct Summary {
    int documents = 0;
    int failed = 0;
    double seconds = 0;
    int workers = 1;
    float threshold = -1.0F;              ///< Review threshold; < 0: the field model's.
    std::string mode = "in sample";       ///< How the model met the documents ("in sample", "out of fold: ...").
    std::vector<std::string> field_order; ///< Fields in report order (core fields first).
    std::map<std::string, FieldStats> fields;
    FieldStats overall;                           ///< All scored fields together.
    std::array<CalibrationBin, 10> calibration{}; ///< Ten bins of width 0.1.
};

/// Expected calibration error of the bins: the mean |confidence - accuracy|, weighted by values per bin.
[[nodiscard]] double expected_calibration_error(const std::array<CalibrationBin, 10>& bins) noexcept;

/// Adds up the outcomes.
[[nodiscard]] Summary summarise(const std::vector<DocumentOutcome>& outcomes);

} // namespace docextract::eval
