// SPDX-License-Identifier: MIT
#include "folds.hpp"

#include "runner.hpp"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <ostream>

namespace docextract::eval {

std::vector<DocumentOutcome> cross_validate(const std::vector<Sample>& samples,
                                            const std::vector<DocumentOutcome>& outcomes, const PageCache& cache,
                                            const CrossValidation& cv) {
    std::vector<std::optional<CacheEntry>> readings(samples.size());
    std::vector<std::string> groups;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        readings[i] = cache.load(cache.key(samples[i].document));
        groups.push_back(group_of(samples[i], cv.group_by));
    }
    const std::vector<int> fold_of = train::assign_folds(groups, cv.folds);
    std::vector<DocumentOutcome> out = outcomes;
    for (int k = 0; k < cv.folds; ++k) {
        std::vector<train::LabelledReadings> training;
        std::vector<std::size_t> held;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            if (!readings[i]) {
                continue;
            }
            if (fold_of[i] == k) {
                held.push_back(i);
            } else {
                training.push_back({&samples[i], readings[i]->readings});
            }
        }
        if (held.empty()) {
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
        const auto extractor = make_rule_extractor(extraction);
        const float threshold =
            extraction.review_threshold >= 0.0F ? extraction.review_threshold : extraction.model->review_threshold;
        for (const auto i : held) {
            out[i] = score_document(samples[i],
                                    extract_cached(samples[i], *readings[i], *extractor, threshold, options.readings));
        }
        if (cv.progress != nullptr) {
            *cv.progress << fmt::format("fold {}/{}: fitted on {} documents, scored {} (threshold {:.2f})\n", k + 1,
                                        cv.folds, training.size(), held.size(), extraction.model->review_threshold);
        }
    }
    return out;
}

} // namespace docextract::eval
