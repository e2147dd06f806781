// SPDX-License-Identifier: MIT
#include "run.hpp"

#include "batch.hpp"
#include "inputs.hpp"
#include "omp_limit.hpp"
#include "output.hpp"
#include "progress.hpp"

#include <docextract/csv.hpp>
#include <docextract/document.hpp>
#include <docextract/image.hpp>
#include <docextract/json.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <fstream>
#include <iostream>
#include <thread>

namespace docextract::cli {
namespace {

/// Writes the cleaned first page of `file`; returns false (after saying why on stderr) on failure.
bool write_preview(const Pipeline& pipeline, const InputFile& file, const std::string& target) {
    try {
        const Document document = Document::open(file.path, pipeline.options().load);
        const Image cleaned = pipeline.preview(document, 0);
        const std::vector<std::uint8_t> png = encode_png(cleaned.view());
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
        out.close();
        if (!out) {
            std::cerr << fmt::format("docextract: could not write the preview to {}\n", target);
            return false;
        }
        return true;
    } catch (const std::exception& error) {
        std::cerr << fmt::format("docextract: no preview for {}: {}\n", file.display_name, error.what());
        return false;
    }
}

} // namespace

unsigned worker_count(const CliOptions& options) noexcept {
    if (options.jobs > 0) {
        return options.jobs;
    }
    return std::max(std::thread::hardware_concurrency(), 1U);
}

int run(const CliOptions& options) {
    const ExpandedInputs inputs = expand_inputs(options.inputs, options.recursive);
    const bool several = inputs.files.size() > 1 || inputs.has_directory;
    if (!options.preview.empty() && several) {
        std::cerr << "docextract: --preview needs exactly one input file\n";
        return exit_usage;
    }
    if (inputs.files.empty()) {
        std::cerr << "docextract: no PNG, JPEG, TIFF or PDF files found\n";
        return exit_ok;
    }

    // Tesseract's OpenMP threads compete with the other workers (and with anything else on the machine) and spin
    // while they wait: one thread per engine is faster even for a single worker (docs/cli.md has the figures).
    // This may re-execute docextract once.
    limit_openmp_threads();

    std::optional<Pipeline> first;
    PipelineOptions pipeline_options = options.pipeline;
    try {
        if (!options.model.empty()) {
            pipeline_options.extraction.model = std::make_shared<const FieldModel>(load_field_model(options.model));
        }
        first.emplace(pipeline_options);
    } catch (const std::exception& error) {
        // Setup errors (missing language data, invalid options) would fail every document: stop here.
        std::cerr << "docextract: " << error.what() << '\n';
        return exit_usage;
    }

    bool failed = false;
    if (!options.preview.empty() && !write_preview(*first, inputs.files.front(), options.preview)) {
        failed = true;
    }

    const bool jsonl = options.jsonl || several;
    JsonOptions json_options;
    if (!jsonl && options.pretty) {
        json_options.indent = 2;
    }
    ProgressBar progress(inputs.files.size(), several && ProgressBar::stderr_is_terminal());
    const FieldModel& model =
        pipeline_options.extraction.model ? *pipeline_options.extraction.model : *shipped_field_model();
    if (options.csv) {
        std::cout << csv_header();
    }
    run_batch(inputs.files, pipeline_options, worker_count(options), std::move(*first),
              [&](std::size_t, ExtractionResult&& result) {
                  failed = failed || !result.ok();
                  progress.finish();
                  if (options.csv) {
                      std::cout << csv_row(export_row(result, result.filename));
                  } else if (jsonl || options.json) {
                      std::cout << to_json(result, json_options) << '\n';
                  } else {
                      print_table(std::cout, result);
                      if (options.pipeline.explain) {
                          print_explanation(std::cout, result, model);
                      }
                  }
                  std::cout.flush();
                  progress.advance(result.filename);
              });
    progress.finish();
    return failed ? exit_failed : exit_ok;
}

} // namespace docextract::cli
