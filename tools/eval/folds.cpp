// SPDX-License-Identifier: MIT
#include "folds.hpp"

#include "runner.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <ostream>

namespace docextract::eval {

std::vector<std::optional<CacheEntry>> cached_readings(const std::vector<Sample>& samples, const PageCache& cache) {
    std::vector<std::optional<CacheEntry>> readings(samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        readings[i] = cache.load(cache.key(samples[i].document));
    }
    return readings;
}

FoldModels fit_folds(const std::vector<Sample>& samples, const std::vector<std::optional<CacheEntry>>& readings,
                     const CrossValidation& cv) {
    std::vector<std::string> groups;
    for (const auto& sample : samples) {
        groups.push_back(group_of(sample, cv.group_by));
    }
    FoldModels models;
    models.fold_of = train::assign_folds(groups, cv.folds);
    for (int k = 0; k < cv.folds; ++k) {
        std::vector<train::LabelledReadings> training;
        std::size_t held = 0;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            if (!readings[i]) {
                continue;
            }
            if (models.fold_of[i] == k) {
                ++held;
            } else {
                training.push_back({&samples[i], readings[i]->readings});
            }
        }
        if (held == 0) {
            models.extractors.push_back(nullptr);
            models.thresholds.push_back(0.0F);
            continue;
        }
        train::TrainOptions options = cv.train;
        options.group_by = cv.group_by;
        options.fit.version = fmt::format("fold {} of {}", k + 1, cv.folds);
        ExtractorOptions extraction = options.extraction;
        extraction.model = std::make_shared<const FieldModel>(train::train_model(training, options));
        if (cv.threshold >= 0.0F) {
            extraction.review_threshold = cv.threshold;
        }
        models.thresholds.push_back(extraction.review_threshold >= 0.0F ? extraction.review_threshold
                                                                        : extraction.model->review_threshold);
        models.extractors.push_back(make_rule_extractor(extraction));
        if (cv.progress != nullptr) {
            *cv.progress << fmt::format("fold {}/{}: fitted on {} documents, {} held out (threshold {:.2f})\n", k + 1,
                                        cv.folds, training.size(), held, models.thresholds.back());
        }
    }
    return models;
}

std::vector<DocumentOutcome> cross_validate(const std::vector<Sample>& samples,
                                            const std::vector<DocumentOutcome>& outcomes, const PageCache& cache,
                                            const CrossValidation& cv) {
    const std::vector<std::optional<CacheEntry>> readings = cached_readings(samples, cache);
    const FoldModels models = fit_folds(samples, readings, cv);
    std::vector<DocumentOutcome> out = outcomes;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (!readings[i]) {
            continue;
        }
        const auto k = static_cast<std::size_t>(models.fold_of[i]);
        out[i] = score_document(samples[i], extract_cached(samples[i], *readings[i], *models.extractors[k],
                                                           models.thresholds[k], cv.train.readings));
    }
    return out;
}

} // namespace docextract::eval
