// SPDX-License-Identifier: MIT
// docextract-train DIR... -o model.json [--cache DIR] [-j N] [--l2 X] [--folds K] [--rounds R] [--group-by G]
// Fits the field model on labelled folders from the recognised words of the eval's cache (docs/field-model.md).
#include "dataset.hpp"
#include "page_cache.hpp"
#include "reading_flags.hpp"
#include "runner.hpp"
#include "training.hpp"

#include <docextract/error.hpp>
#include <docextract/field_model.hpp>
#include <docextract/memory.hpp>

#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

struct Options {
    std::vector<std::filesystem::path> dirs;
    std::filesystem::path output;
    std::filesystem::path cache = "docextract-cache";
    int jobs = 1;
    std::string group_by = "vendor";
    std::string version;
    std::filesystem::path examples;
    docextract::train::TrainOptions train;
    docextract::PipelineOptions pipeline;
};

/// Every candidate of every example with its in-sample score, one JSON line per candidate.
void write_examples(const std::filesystem::path& path, const std::vector<docextract::train::TrainingDoc>& docs,
                    const docextract::FieldModel& model) {
    std::ofstream out(path);
    const auto names = docextract::candidate_feature_names();
    for (const auto& doc : docs) {
        for (const auto& [field, example] : doc.fields) {
            const auto weights = model.fields.find(field);
            for (std::size_t c = 0; c < example.candidates.size(); ++c) {
                nlohmann::json features = nlohmann::json::object();
                double score = 0;
                for (std::size_t f = 0; f < example.candidates[c].size(); ++f) {
                    const double v = example.candidates[c][f];
                    if (v != 0.0) {
                        const double w = weights != model.fields.end() ? weights->second.weights[f] : 0.0;
                        features[std::string(names[f])] = {v, w * v};
                        score += w * v;
                    }
                }
                out << nlohmann::json{{"document", doc.name},
                                      {"field", field},
                                      {"value", example.values[c]},
                                      {"right", example.correct[c] != 0},
                                      {"score", score},
                                      {"features", std::move(features)}}
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                    << '\n';
            }
        }
    }
}

} // namespace

int main(int argc, char** argv) {
    using namespace docextract;
    reuse_page_buffers(); // as the CLI and docextract-eval: the OCR times it adds to the shared cache compare
    Options o;
    CLI::App app{"docextract-train: fit the field model on labelled documents (docs/field-model.md)"};
    app.add_option("dirs", o.dirs, "Folders with documents and their <stem>.json ground truth")
        ->required()
        ->check(CLI::ExistingDirectory);
    app.add_option("-o,--output", o.output, "Write the fitted model (JSON) here")->required();
    app.add_option("--cache", o.cache,
                   "The eval's word cache (docextract-eval --cache): documents not in it are read and added first "
                   "(default ./docextract-cache)");
    app.add_option("-j,--jobs", o.jobs, "Threads for reading missing documents and generating candidates")
        ->check(CLI::Range(1, 256));
    app.add_option("--l2", o.train.fit.l2, "L2 penalty on the weights (default 1)")->check(CLI::Range(0.0, 1e6));
    app.add_option("--folds", o.train.fit.calibration_folds,
                   "Folds of the cross-validation whose predictions fit the calibration and the threshold (default 5)")
        ->check(CLI::Range(2, 50));
    app.add_option("--rounds", o.train.rounds, "Candidate generation rounds (default 2)")->check(CLI::Range(1, 10));
    app.add_option("--target-precision", o.train.fit.target_precision,
                   "The review threshold is the lowest whose out-of-fold accepted precision reaches this (default "
                   "0.97)")
        ->check(CLI::Range(0.5, 1.0));
    app.add_option("--group-by", o.group_by, "Keep together in one fold: vendor (default) or template")
        ->check(CLI::IsMember({"vendor", "template"}));
    app.add_option("--model-version", o.version, "Version written into the model (default: today's date)");
    app.add_option("--examples", o.examples,
                   "Also write every candidate of the last round (JSON Lines: document, field, value, right, score, "
                   "features under the fitted model; in sample) for reading what the model does");
    app.add_flag("--force-ocr", o.pipeline.force_ocr, "Read PDFs by OCR even with a text layer (as the eval)");
    eval::add_reading_flags(app, o.pipeline);
    app.add_flag_function(
        "--no-second-reading", [&o](std::int64_t) { o.pipeline.second_reading = false; },
        "Fit for a pipeline that never reads a page twice (as the eval)");
    app.add_flag_function(
        "--no-line-reading", [&o](std::int64_t) { o.pipeline.reread_lines = false; },
        "Fit for a pipeline that does not read lines again (as the eval)");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    eval::limit_openmp_threads();
    try {
        const auto start = std::chrono::steady_clock::now();
        std::vector<eval::Sample> samples;
        for (const auto& dir : o.dirs) {
            auto found = eval::find_samples(dir);
            std::move(found.begin(), found.end(), std::back_inserter(samples));
        }
        if (samples.empty()) {
            std::cerr << "docextract-train: no labelled document in the folders\n";
            return 2;
        }
        const eval::PageCache cache(o.cache, eval::cache_setup(o.pipeline));
        std::vector<eval::Sample> missing;
        for (const auto& s : samples) {
            if (!cache.load(cache.key(s.document))) {
                missing.push_back(s);
            }
        }
        if (!missing.empty()) {
            std::cerr << fmt::format("docextract-train: reading {} document(s) not in the cache\n", missing.size());
            eval::RunOptions run;
            run.jobs = o.jobs;
            run.pipeline = o.pipeline;
            run.cache = &cache;
            (void)eval::run_samples(missing, run);
        }
        std::vector<train::LabelledReadings> docs;
        for (const auto& s : samples) {
            if (auto entry = cache.load(cache.key(s.document))) {
                docs.push_back({&s, std::move(entry->readings)});
            }
        }
        const std::size_t skipped = samples.size() - docs.size();
        o.train.jobs = o.jobs;
        o.train.readings = {o.pipeline.second_reading, o.pipeline.reread_lines};
        o.train.group_by = o.group_by == "template" ? eval::GroupBy::template_ : eval::GroupBy::vendor;
        std::string folders;
        for (const auto& dir : o.dirs) {
            folders += (folders.empty() ? "" : " ") + dir.filename().string();
        }
        const auto now = std::chrono::system_clock::now();
        const std::time_t t = std::chrono::system_clock::to_time_t(now);
        std::tm utc{};
        gmtime_r(&t, &utc);
        o.train.fit.version = o.version.empty()
                                  ? fmt::format("{:04}-{:02}-{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday)
                                  : o.version;
        o.train.fit.fitted_on = fmt::format("{} documents of {}; docextract-train --l2 {} --folds {} --rounds {} "
                                            "--group-by {} --target-precision {}",
                                            docs.size(), folders, o.train.fit.l2, o.train.fit.calibration_folds,
                                            o.train.rounds, o.group_by, o.train.fit.target_precision);
        std::vector<train::TrainingDoc> examples;
        const FieldModel model = train::train_model(docs, o.train, &examples);
        // The ceiling of extraction: how often the right value is among the candidates at all.
        std::map<std::string, std::pair<int, int>> recall; // field -> (labelled, some candidate right)
        for (std::size_t d = 0; d < docs.size(); ++d) {
            for (const auto& [name, truth] : docs[d].sample->truth) {
                auto& [labelled, found] = recall[name];
                ++labelled;
                const auto it = examples[d].fields.find(name);
                found += it != examples[d].fields.end() && !it->second.target_none() ? 1 : 0;
            }
        }
        if (!o.examples.empty()) {
            write_examples(o.examples, examples, model);
        }
        std::cout << fmt::format("{:<16} {:>8} {:>10} {:>8}\n", "field", "labelled", "candidate", "recall");
        for (const auto& [name, counts] : recall) {
            std::cout << fmt::format("{:<16} {:>8} {:>10} {:>8.3f}\n", name, counts.first, counts.second,
                                     counts.first > 0 ? static_cast<double>(counts.second) / counts.first : 0.0);
        }
        std::ofstream out(o.output, std::ios::binary);
        out << field_model_to_json(model);
        if (!out) {
            std::cerr << "docextract-train: cannot write " << o.output.string() << '\n';
            return 2;
        }
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::cout << fmt::format("fitted {} field(s) on {} document(s) ({} without readings skipped) in {:.1f} s; "
                                 "review threshold {:.2f}; wrote {}\n",
                                 model.fields.size(), docs.size(), skipped, seconds, model.review_threshold,
                                 o.output.string());
        return 0;
    } catch (const Error& e) {
        std::cerr << "docextract-train: " << e.what() << " (" << to_string(e.code()) << ")\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "docextract-train: " << e.what() << '\n';
        return 2;
    }
}
