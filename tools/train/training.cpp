// SPDX-License-Identifier: MIT
#include "training.hpp"

#include "matching.hpp"
#include "readings.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <thread>

namespace docextract::train {

TrainingDoc make_training_doc(const eval::Sample& sample, const std::vector<FieldCandidates>& pools) {
    TrainingDoc doc;
    doc.name = sample.document.filename().string();
    for (const auto& pool : pools) {
        const auto truth = sample.truth.find(pool.field);
        if (truth == sample.truth.end() && !sample.missing_is_absent) {
            continue; // not labelled: nothing to learn
        }
        if (pool.all.empty()) {
            continue;
        }
        Example e;
        e.none_features = pool.none_features;
        e.page_noise = pool.page_noise;
        static const std::vector<std::string> no_alternates;
        const auto alternates = sample.alternates.find(pool.field);
        for (const auto& c : pool.all) {
            e.candidates.push_back(c.features);
            e.values.push_back(c.value);
            const bool right =
                truth != sample.truth.end() &&
                eval::matches_any(pool.field, truth->second,
                                  alternates != sample.alternates.end() ? alternates->second : no_alternates, c.value);
            e.correct.push_back(right ? 1 : 0);
        }
        doc.fields.emplace(pool.field, std::move(e));
    }
    return doc;
}

FieldModel untrained_model() {
    FieldModel model;
    model.version = "untrained";
    return model;
}

FieldModel train_model(const std::vector<LabelledReadings>& docs, const TrainOptions& options,
                       std::vector<TrainingDoc>* last_round) {
    std::vector<std::string> groups;
    for (const auto& d : docs) {
        groups.push_back(eval::group_of(*d.sample, options.group_by));
    }
    FieldModel model = untrained_model();
    for (int round = 0; round < std::max(1, options.rounds); ++round) {
        ExtractorOptions extraction = options.extraction;
        extraction.model = std::make_shared<const FieldModel>(model);
        const auto extractor = make_rule_extractor(extraction);
        std::vector<TrainingDoc> training(docs.size());
        std::atomic<std::size_t> next{0};
        const auto work = [&] {
            for (std::size_t i = next++; i < docs.size(); i = next++) {
                // The readings the pipeline would use under the previous round's model (at first, every reading the
                // options allow, the second one included).
                const auto readings = eval::pipeline_readings(
                    docs[i].readings, *extractor, round == 0 ? 1.0F : model.review_threshold, options.readings);
                training[i] = make_training_doc(*docs[i].sample, extractor->candidates(readings));
            }
        };
        std::vector<std::thread> threads;
        for (int t = 1; t < options.jobs; ++t) {
            threads.emplace_back(work);
        }
        work();
        for (auto& t : threads) {
            t.join();
        }
        model = fit_model(training, groups, options.fit);
        if (last_round != nullptr) {
            *last_round = std::move(training);
        }
    }
    return model;
}

} // namespace docextract::train
