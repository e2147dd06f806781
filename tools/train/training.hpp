// SPDX-License-Identifier: MIT
#pragma once

#include "dataset.hpp"
#include "fit.hpp"
#include "readings.hpp"

#include <docextract/field_model.hpp>
#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <string>
#include <vector>

namespace docextract::train {

/// A labelled document with the pages of each of its readings (first, then second), e.g. from the eval's cache.
struct LabelledReadings {
    const eval::Sample* sample = nullptr;
    std::vector<std::vector<PageText>> readings;
};

/// Settings of training from labelled readings.
struct TrainOptions {
    FitOptions fit; ///< The fit itself.
    int rounds = 2; ///< Candidate generation rounds: the first with an untrained model, each later
                    ///< one with the previous round's (the generators use it to pick the total a
                    ///< currency mark stands on and the names an email domain is matched with).
    eval::GroupBy group_by = eval::GroupBy::vendor; ///< Groups of the calibration's cross-validation.
    ExtractorOptions extraction;                    ///< Date order etc.; the model is set per round.
    int jobs = 1;                                   ///< Threads generating candidates.
    eval::ReadingChoice readings;                   ///< Which cached readings the pipeline uses.
};

/// One document's examples: the extractor's candidates, each marked right when its value matches the label under
/// the eval's rules. A field with no label teaches only where the set's convention says a missing key means the
/// document shows no value.
[[nodiscard]] TrainingDoc make_training_doc(const eval::Sample& sample, const std::vector<FieldCandidates>& pools);

/// Fits a field model on the documents (deterministic for the same documents and options).
/// last_round, when given, receives the examples of the final round (for the candidate recall report).
[[nodiscard]] FieldModel train_model(const std::vector<LabelledReadings>& docs, const TrainOptions& options,
                                     std::vector<TrainingDoc>* last_round = nullptr);

/// An all-zero model: every candidate alike (the start of the first round).
[[nodiscard]] FieldModel untrained_model();

} // namespace docextract::train
