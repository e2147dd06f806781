// SPDX-License-Identifier: MIT
// docextract-eval DIR... [-j N] [--folds K] [--json] [--report FILE] [--threshold T] [--force-ocr] [--cache DIR]
// [--predictions F] Runs the pipeline on every document of DIR that has a sibling <stem>.json and reports accuracy per
// field.
#include "dataset.hpp"
#include "feature_groups.hpp"
#include "folds.hpp"
#include "memory_replay.hpp"
#include "page_cache.hpp"
#include "predictions.hpp"
#include "reading_flags.hpp"
#include "report.hpp"
#include "runner.hpp"
#include "scoring.hpp"
#include "value_recall.hpp"

#include <docextract/error.hpp>
#include <docextract/field_model.hpp>
#include <docextract/memory.hpp>

#include <CLI/CLI.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

namespace {

struct Options {
    std::vector<std::filesystem::path> dirs;
    int jobs = 1;
    bool json = false;
    bool verbose = false;
    std::string report;
    float threshold = -1.0F;
    int folds = 0;
    std::string group_by = "vendor";
    std::filesystem::path model;
    double l2 = 1.0;
    std::vector<std::string> drop;
    docextract::PipelineOptions pipeline;
    std::filesystem::path cache;
    std::filesystem::path predictions;
    bool value_recall = false;
    bool vendor_memory = false;
};

bool ends_with(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

int main(int argc, char** argv) {
    using namespace docextract::eval;
    docextract::reuse_page_buffers(); // as the CLI, so that the OCR times per pass compare with its runs
    Options o;
    CLI::App app{"docextract-eval: field accuracy of the docextract pipeline on labelled documents"};
    app.add_option("dirs", o.dirs, "Folders with documents and their <stem>.json ground truth (scored together)")
        ->required()
        ->check(CLI::ExistingDirectory);
    app.add_option("-j,--jobs", o.jobs, "Documents processed in parallel, one pipeline each (default 1)")
        ->check(CLI::Range(1, 256));
    app.add_flag("--json", o.json, "Print the summary as JSON instead of tables");
    app.add_option("--report", o.report,
                   "Write a per-document report (expected, extracted, confidence, reasons) to FILE; JSON Lines "
                   "when FILE ends in .json or .jsonl");
    app.add_option("--threshold", o.threshold,
                   "Review threshold: lower confidence is flagged (default: the field model's, fitted with it out of "
                   "fold; with --folds each fold model's)")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--folds", o.folds,
                   "Cross-validate: fit the field model on all folds but one and score that one, for each fold; prints "
                   "out-of-fold figures. Needs --cache")
        ->check(CLI::Range(2, 50));
    app.add_option("--group-by", o.group_by,
                   "What --folds keeps in one fold: vendor (manifest vendor_group, else the vendor label; default) or "
                   "template (synthetic layouts)")
        ->check(CLI::IsMember({"vendor", "template"}));
    app.add_option("--l2", o.l2, "L2 penalty of the fits of --folds (default 1, as docextract-train)")
        ->check(CLI::Range(0.0, 1e6));
    app.add_option("--drop", o.drop,
                   "With --folds: fit without these feature groups (label, geometry, ocr, support, arithmetic, "
                   "document, vocabulary), for ablations")
        ->delimiter(',');
    app.add_option("--model", o.model, "Use this field model file instead of the shipped one (docextract-train -o)")
        ->check(CLI::ExistingFile);
    app.add_flag("--force-ocr", o.pipeline.force_ocr,
                 "OCR PDF pages even when they have a usable text layer (as the CLI's --force-ocr)");
    add_reading_flags(app, o.pipeline);
    app.add_flag_function(
        "--no-denoise", [&o](std::int64_t) { o.pipeline.preprocess.denoise = false; }, "Skip denoising (as the CLI)");
    app.add_flag_function(
        "--no-threshold", [&o](std::int64_t) { o.pipeline.preprocess.threshold = false; },
        "Skip step 5, the thresholding against the paper (as the CLI)");
    app.add_flag_function(
        "--binarize",
        [&o](std::int64_t) { o.pipeline.preprocess.threshold_method = docextract::ThresholdMethod::adaptive_binary; },
        "Step 5 makes the page black and white instead of flattening it (as the CLI)");
    app.add_flag_function(
        "--no-page-crop", [&o](std::int64_t) { o.pipeline.preprocess.find_page = false; },
        "Do not cut a photographed page out of its surroundings (as the CLI)");
    app.add_flag_function(
        "--no-second-reading", [&o](std::int64_t) { o.pipeline.second_reading = false; },
        "Do not OCR a page again when vendor, date or total stays missing or unsure (as the CLI)");
    app.add_flag_function(
        "--no-missed-text", [&o](std::int64_t) { o.pipeline.read_missed_text = false; },
        "Do not read again the ink OCR's page layout left out (as the CLI)");
    app.add_option_function<std::string>(
           "--line-tessdata",
           [&o](const std::string& dir) {
               o.pipeline.line_ocr = o.pipeline.ocr;
               o.pipeline.line_ocr->tessdata_path = dir;
               o.pipeline.line_ocr->line_finder = docextract::LineFinder::layout; // it reads the lines it is given
           },
           "Folder with the *.traineddata that reads the lines read again (as the CLI)")
        ->check(CLI::ExistingDirectory);
    app.add_flag_function(
        "--no-line-reading", [&o](std::int64_t) { o.pipeline.reread_lines = false; },
        "Do not read the lines of the core fields again one by one (as the CLI)");
    app.add_option("--denoise-min-noise", o.pipeline.preprocess.denoise_min_noise,
                   "Denoise pages whose estimated noise reaches this many gray levels, 0 every page (as the CLI)")
        ->check(CLI::Range(0.0, 100.0));
    app.add_option("--max-pixels", o.pipeline.preprocess.max_pixels,
                   "Scale larger pages down to this many pixels, 0 never (as the CLI)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--min-height", o.pipeline.preprocess.min_height,
                   "Scale pages shorter than this up to it before OCR (default: the pipeline's)")
        ->check(CLI::Range(100, 20000));
    app.add_option("--min-page-height", o.pipeline.preprocess.min_page_height,
                   "Scale a page found in a photo and cut out of it up to this height, 0 never (default 0; the second "
                   "reading always uses at least 2000)")
        ->check(CLI::Range(0, 20000));
    app.add_option("--cache", o.cache,
                   "Keep the recognised words of each document in DIR (keyed by file hash and options) and reuse "
                   "them: later runs only repeat the field extraction. Clear DIR after changing preprocessing or OCR");
    app.add_option("--predictions", o.predictions,
                   "Score results computed elsewhere (JSON Lines in the CLI's format, matched by file name) instead "
                   "of running the pipeline")
        ->check(CLI::ExistingFile);
    app.add_flag("--value-recall", o.value_recall,
                 "Also print the share of labelled values that occur in the recognised words, per reading pass, and "
                 "the OCR time of each pass (from the cache; needs --cache)");
    app.add_flag("--vendor-memory", o.vendor_memory,
                 "Also replay the vendor memory: correct the first document of each vendor group from its labels, "
                 "then extract the others with and without the memory (from the cache; with --folds, by the model "
                 "of each document's fold); with -v it lists every value the memory changed");
    app.add_flag("-v,--verbose", o.verbose, "Print a line per finished document on stderr");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    limit_openmp_threads();

    try {
        if (o.vendor_memory && o.cache.empty()) {
            std::cerr << "docextract-eval: --vendor-memory needs --cache DIR (it replays the cached words)\n";
            return 2;
        }
        if (o.value_recall && o.cache.empty()) {
            std::cerr << "docextract-eval: --value-recall needs --cache DIR (it searches the cached words)\n";
            return 2;
        }
        if (o.folds > 0 && o.cache.empty()) {
            std::cerr << "docextract-eval: --folds needs --cache DIR (the folds are refitted from the cached words)\n";
            return 2;
        }
        if (!o.model.empty()) {
            o.pipeline.extraction.model =
                std::make_shared<const docextract::FieldModel>(docextract::load_field_model(o.model));
        }
        std::vector<Sample> samples;
        for (const auto& dir : o.dirs) {
            auto found = find_samples(dir);
            std::move(found.begin(), found.end(), std::back_inserter(samples));
        }
        if (samples.empty()) {
            std::cerr << "docextract-eval: no document with a <stem>.json in the folders\n";
            return 2;
        }
        RunOptions run;
        run.jobs = o.jobs;
        run.threshold = o.threshold;
        run.progress = o.verbose ? &std::cerr : nullptr;
        run.pipeline = o.pipeline;
        std::optional<PageCache> cache;
        if (!o.cache.empty()) {
            const std::string setup = cache_setup(o.pipeline);
            cache.emplace(o.cache, setup);
            run.cache = &*cache;
        }
        const auto start = std::chrono::steady_clock::now();
        std::vector<DocumentOutcome> outcomes;
        if (!o.predictions.empty()) {
            const auto predicted = load_predictions(o.predictions);
            for (const auto& sample : samples) {
                const auto found = predicted.find(sample.document.filename().string());
                docextract::ExtractionResult missing;
                missing.error = "no prediction for this file";
                outcomes.push_back(score_document(sample, found != predicted.end() ? found->second : missing));
            }
        } else {
            outcomes = run_samples(samples, run);
        }
        std::string mode = o.model.empty() ? "shipped model" : "model " + o.model.string();
        CrossValidation cv;
        if (o.folds > 0) {
            cv.folds = o.folds;
            cv.group_by = o.group_by == "template" ? GroupBy::template_ : GroupBy::vendor;
            cv.train.fit.l2 = o.l2;
            cv.train.fit.dropped = docextract::train::features_of_groups(o.drop);
            cv.train.extraction = o.pipeline.extraction;
            cv.train.jobs = o.jobs;
            cv.train.readings = {o.pipeline.second_reading, o.pipeline.reread_lines};
            cv.threshold = o.threshold;
            cv.progress = o.verbose ? &std::cerr : nullptr;
            outcomes = cross_validate(samples, outcomes, *cache, cv);
            mode = fmt::format("out of fold: {} folds grouped by {}{}", o.folds, o.group_by,
                               o.drop.empty() ? std::string() : fmt::format(", without {}", fmt::join(o.drop, ", ")));
        }
        std::optional<MemoryReplay> replay;
        if (o.vendor_memory) {
            const auto readings = cached_readings(samples, *cache);
            const ReadingChoice choice{o.pipeline.second_reading, o.pipeline.reread_lines};
            if (o.folds > 0) {
                const FoldModels models = fit_folds(samples, readings, cv);
                replay = replay_vendor_memory(
                    samples, readings,
                    [&](std::size_t i) {
                        const auto k = static_cast<std::size_t>(models.fold_of[i]);
                        return SampleExtractor{models.extractors[k].get(), models.thresholds[k]};
                    },
                    choice);
            } else {
                docextract::ExtractorOptions extraction = o.pipeline.extraction;
                if (o.threshold >= 0.0F) {
                    extraction.review_threshold = o.threshold;
                }
                const auto extractor = docextract::make_rule_extractor(extraction);
                const float threshold = o.threshold >= 0.0F ? o.threshold
                                        : extraction.model  ? extraction.model->review_threshold
                                                            : docextract::shipped_field_model()->review_threshold;
                replay = replay_vendor_memory(
                    samples, readings,
                    [&](std::size_t) {
                        return SampleExtractor{extractor.get(), threshold};
                    },
                    choice);
            }
        }
        Summary summary = summarise(outcomes);
        summary.mode = mode;
        summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        summary.workers = o.jobs;
        summary.threshold = o.threshold;
        if (!o.report.empty()) {
            std::ofstream out(o.report);
            if (!out) {
                std::cerr << "docextract-eval: cannot write " << o.report << '\n';
                return 2;
            }
            write_document_report(out, outcomes, ends_with(o.report, ".json") || ends_with(o.report, ".jsonl"));
        }
        if (o.json) {
            std::cout << summary_json(summary).dump(2) << '\n';
        } else {
            write_summary_text(std::cout, summary);
            if (o.value_recall) {
                std::cout << '\n';
                write_value_recall(std::cout, value_recall(samples, *cache));
            }
            if (replay) {
                std::cout << '\n';
                write_memory_replay(std::cout, *replay, mode, o.verbose);
            }
            if (o.dirs.size() > 1) {
                // The same outcomes, folder by folder.
                for (const auto& dir : o.dirs) {
                    std::vector<DocumentOutcome> part;
                    for (std::size_t i = 0; i < samples.size(); ++i) {
                        if (samples[i].document.parent_path() == dir ||
                            std::filesystem::equivalent(samples[i].document.parent_path(), dir)) {
                            part.push_back(outcomes[i]);
                        }
                    }
                    Summary folder = summarise(part);
                    folder.seconds = summary.seconds;
                    folder.workers = summary.workers;
                    folder.threshold = summary.threshold;
                    folder.mode = summary.mode + "; folder " + dir.string();
                    std::cout << "\n";
                    write_summary_text(std::cout, folder);
                }
            }
        }
        return summary.failed > 0 ? 1 : 0;
    } catch (const docextract::Error& e) {
        std::cerr << "docextract-eval: " << e.what() << " (" << docextract::to_string(e.code()) << ")\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "docextract-eval: " << e.what() << '\n';
        return 2;
    }
}
