// SPDX-License-Identifier: MIT
// docextract-bench-pdf: documents per second through the PDF text layer and through forced OCR, on one core.
//
//   docextract-bench-pdf [--min-seconds S] [--ocr-files N] [--no-ocr] <file.pdf|dir>...
//
// The process is pinned to one CPU first. The text-layer path (the default pipeline) is run over all files
// repeatedly until --min-seconds have passed; the forced-OCR path runs once over the files (or the first N).
// Both use the same Pipeline code and options apart from force_ocr, so the ratio is the speed-up a born-digital
// PDF gets from its text layer. Rates are given per wall-clock second and per CPU second of the process: on a
// machine shared with other work the CPU figure is what one dedicated core would do.
#include "input_files.hpp"

#include <docextract/docextract.hpp>

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <sched.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct BenchOptions {
    std::vector<std::string> inputs;
    double min_seconds = 3.0;  ///< Minimum measuring time of the text-layer path.
    std::size_t ocr_files = 0; ///< Files for the OCR path; 0 means all.
    bool skip_ocr = false;
};

/// What one pass over the files produced.
struct PassStats {
    std::size_t documents = 0;
    std::size_t errors = 0;
    std::size_t text_layer_pages = 0;
    std::size_t ocr_pages = 0;
    std::size_t fields_found = 0; ///< Core fields with a value.
    double seconds = 0;           ///< Wall-clock time.
    double cpu_seconds = 0;       ///< CPU time of the process (all its threads, all on the one pinned core).
    std::vector<double> document_ms;

    void add(const PassStats& other) {
        documents += other.documents;
        errors += other.errors;
        text_layer_pages += other.text_layer_pages;
        ocr_pages += other.ocr_pages;
        fields_found += other.fields_found;
        seconds += other.seconds;
        cpu_seconds += other.cpu_seconds;
        document_ms.insert(document_ms.end(), other.document_ms.begin(), other.document_ms.end());
    }
    [[nodiscard]] double per_second() const { return seconds > 0 ? static_cast<double>(documents) / seconds : 0; }
    [[nodiscard]] double per_cpu_second() const {
        return cpu_seconds > 0 ? static_cast<double>(documents) / cpu_seconds : 0;
    }
    [[nodiscard]] double median_ms() const {
        if (document_ms.empty()) {
            return 0;
        }
        std::vector<double> sorted = document_ms;
        std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(sorted.size() / 2), sorted.end());
        return sorted[sorted.size() / 2];
    }
};

/// Restricts the process to the first CPU it may run on; returns that CPU, or -1 when pinning failed.
int pin_to_one_cpu() {
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof(allowed), &allowed) != 0) {
        return -1;
    }
    for (std::size_t cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (CPU_ISSET(cpu, &allowed)) {
            cpu_set_t one;
            CPU_ZERO(&one);
            CPU_SET(cpu, &one);
            return sched_setaffinity(0, sizeof(one), &one) == 0 ? static_cast<int>(cpu) : -1;
        }
    }
    return -1;
}

/// CPU time used by this process so far, in seconds.
double process_cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// Runs the pipeline once over the files.
PassStats run_pass(docextract::Pipeline& pipeline, const std::vector<fs::path>& files,
                   std::vector<docextract::ExtractionResult>* results = nullptr) {
    PassStats stats;
    const double cpu_start = process_cpu_seconds();
    const Clock::time_point start = Clock::now();
    for (const fs::path& file : files) {
        const Clock::time_point document_start = Clock::now();
        docextract::ExtractionResult result = pipeline.run(file);
        stats.document_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - document_start).count());
        ++stats.documents;
        if (!result.ok()) {
            ++stats.errors;
            fmt::print(stderr, "  {}: {}\n", file.string(), result.error.value_or(""));
        }
        for (const docextract::PageReport& page : result.pages) {
            ++(page.source == docextract::TextSource::text_layer ? stats.text_layer_pages : stats.ocr_pages);
        }
        for (const std::string_view name : docextract::core_field_names) {
            const docextract::Field* field = result.field(name);
            stats.fields_found += field != nullptr && field->value ? 1U : 0U;
        }
        if (results != nullptr) {
            results->push_back(std::move(result));
        }
    }
    stats.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    stats.cpu_seconds = process_cpu_seconds() - cpu_start;
    return stats;
}

void print_stats(std::string_view label, const PassStats& stats) {
    fmt::print("{:<11} {:>5} docs in {:8.3f} s wall, {:8.3f} s CPU -> {:9.3f} docs/s wall, {:9.3f} docs/s CPU "
               "(median {:.2f} ms/doc wall; pages: {} text layer, {} OCR; {} errors; {} core fields found)\n",
               label, stats.documents, stats.seconds, stats.cpu_seconds, stats.per_second(), stats.per_cpu_second(),
               stats.median_ms(), stats.text_layer_pages, stats.ocr_pages, stats.errors, stats.fields_found);
    std::fflush(stdout);
}

/// Core fields on which the two paths agree (both found with equal values), over the files both ran.
std::size_t agreeing_fields(const std::vector<docextract::ExtractionResult>& a,
                            const std::vector<docextract::ExtractionResult>& b) {
    std::size_t agree = 0;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        for (const std::string_view name : docextract::core_field_names) {
            const docextract::Field* x = a[i].field(name);
            const docextract::Field* y = b[i].field(name);
            agree += x != nullptr && y != nullptr && x->value && x->value == y->value ? 1U : 0U;
        }
    }
    return agree;
}

int run(const BenchOptions& options) {
    const std::vector<fs::path> files = bench::collect_inputs(options.inputs, {".pdf"}, /*recursive=*/true);
    if (files.empty()) {
        fmt::print(stderr, "docextract-bench-pdf: no PDF files in the inputs\n");
        return 2;
    }
    const int cpu = pin_to_one_cpu();
    fmt::print("docextract-bench-pdf: {} PDF files, pinned to CPU {}\n", files.size(),
               cpu >= 0 ? std::to_string(cpu) : std::string("(pinning failed)"));

    docextract::Pipeline text_pipeline{docextract::PipelineOptions{}};
    std::vector<docextract::ExtractionResult> text_results;
    run_pass(text_pipeline, files, &text_results); // warm-up: page cache, first-use initialisation
    PassStats text;
    do {
        text.add(run_pass(text_pipeline, files));
    } while (text.seconds < options.min_seconds);
    print_stats("text layer", text);

    // The same without reading pictures on text-layer pages: the text-layer path alone, since the default pass also
    // renders and OCRs the pictures of documents whose text layer leaves a core field open (docs/pdf.md).
    docextract::PipelineOptions layer_only_options;
    layer_only_options.ocr_page_images = false;
    docextract::Pipeline layer_only_pipeline{layer_only_options};
    run_pass(layer_only_pipeline, files);
    PassStats layer_only;
    do {
        layer_only.add(run_pass(layer_only_pipeline, files));
    } while (layer_only.seconds < options.min_seconds);
    print_stats("no pictures", layer_only);

    if (options.skip_ocr) {
        return text.errors == 0 ? 0 : 1;
    }
    const std::vector<fs::path> ocr_files(
        files.begin(), files.begin() + static_cast<std::ptrdiff_t>(options.ocr_files == 0
                                                                       ? files.size()
                                                                       : std::min(options.ocr_files, files.size())));
    docextract::PipelineOptions ocr_options;
    ocr_options.force_ocr = true;
    docextract::Pipeline ocr_pipeline{ocr_options};
    std::vector<docextract::ExtractionResult> ocr_results;
    const PassStats ocr = run_pass(ocr_pipeline, ocr_files, &ocr_results);
    print_stats("forced OCR", ocr);
    fmt::print("ratio       text layer / OCR = {:.1f}x documents per second (wall), {:.1f}x (CPU)\n",
               ocr.per_second() > 0 ? text.per_second() / ocr.per_second() : 0.0,
               ocr.per_cpu_second() > 0 ? text.per_cpu_second() / ocr.per_cpu_second() : 0.0);
    fmt::print("agreement   {} of {} core fields found by OCR equal the text-layer value\n",
               agreeing_fields(text_results, ocr_results), ocr.fields_found);
    return text.errors + ocr.errors == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"PDF text layer vs. forced OCR throughput on one core"};
    BenchOptions options;
    app.add_option("inputs", options.inputs, "PDF files or directories")->required();
    app.add_option("--min-seconds", options.min_seconds, "Minimum measuring time of the text-layer path")
        ->capture_default_str();
    app.add_option("--ocr-files", options.ocr_files, "Run the OCR path on the first N files only (0 = all)")
        ->capture_default_str();
    app.add_flag("--no-ocr", options.skip_ocr, "Measure the text-layer path only");
    CLI11_PARSE(app, argc, argv);
    try {
        return run(options);
    } catch (const std::exception& error) {
        fmt::print(stderr, "docextract-bench-pdf: {}\n", error.what());
        return 2;
    }
}
