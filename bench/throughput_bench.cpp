// SPDX-License-Identifier: MIT
// docextract-bench-throughput: where the time of a batch goes, and how docextract compares with OCR alone and with
// the Python design it replaces, all measured in one run on the same folder (see docs/performance.md).
//
//   docextract-bench-throughput DIR|FILE... [--limit N] [-j N] [--keep DIR] [--no-floor] [--no-baseline]
//
// Each configuration runs as its own child process (so its peak RSS and CPU time are its own, from wait4):
//   1. docextract -j 1 --jsonl FILES      per-stage times per page come from its JSON output
//   2. docextract -j N --jsonl FILES      N = -j (default: one per core)
//   3. tesseract LIST stdout              the cleaned images of step 1 (written before, untimed): OCR alone
//   4. python3 seed_pipeline.py FILES     the original design (OpenCV cleaning + tesseract CLI per image)
// Every child gets OMP_THREAD_LIMIT=1 (unless --omp-default), so "-j 1" means one core for every contender.
// Then, untimed, the labelled documents are read once more in this process for the value recall table (the share of
// labelled values in the recognised words, per reading pass; --no-value-recall skips it).
// The machine may be shared: compare the ratios, which come from the same run, not the absolute times.
#include "input_files.hpp"
#include "throughput_accuracy.hpp"
#include "throughput_child.hpp"
#include "throughput_recall.hpp"
#include "throughput_stats.hpp"

#include "runner.hpp" // docextract-eval's limit_openmp_threads()

#include <docextract/docextract.hpp>

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;
using docextract::bench::ChildRun;
using docextract::bench::Stage;
using docextract::bench::StageSamples;

#ifndef DOCEXTRACT_CLI_PATH
#define DOCEXTRACT_CLI_PATH "docextract"
#endif
#ifndef DOCEXTRACT_BASELINE_PATH
#define DOCEXTRACT_BASELINE_PATH "../shared/baselines/seed_pipeline.py"
#endif

struct BenchOptions {
    std::vector<std::string> inputs;
    std::size_t limit = 0;
    unsigned jobs = 0;
    std::string docextract = DOCEXTRACT_CLI_PATH;
    std::vector<std::string> docextract_args;
    std::string tesseract = "tesseract";
    std::string python = "/usr/bin/python3";
    std::string baseline = DOCEXTRACT_BASELINE_PATH;
    std::string keep;
    bool skip_floor = false;
    bool skip_baseline = false;
    bool omp_default = false;
    bool skip_value_recall = false;
};

/// One measured configuration.
struct Measured {
    std::string label;
    ChildRun run;
    std::size_t documents = 0;
    std::size_t failed = 0;
    [[nodiscard]] double per_second() const {
        return run.wall_seconds > 0 ? static_cast<double>(documents) / run.wall_seconds : 0;
    }
    [[nodiscard]] double per_cpu_second() const {
        return run.cpu_seconds > 0 ? static_cast<double>(documents) / run.cpu_seconds : 0;
    }
};

/// The documents named or contained in the inputs (folders: not recursive, sorted by name), as absolute paths.
std::vector<fs::path> collect(const std::vector<std::string>& inputs) {
    std::vector<fs::path> files =
        bench::collect_inputs(inputs, {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"}, /*recursive=*/false);
    for (fs::path& file : files) {
        file = fs::absolute(file);
    }
    return files;
}

/// `limit` files spread evenly over the list (first, last and equal steps between), so that a subset keeps the
/// folder's mix of sizes; all files when limit is 0 or not smaller than the list.
std::vector<fs::path> spread_subset(const std::vector<fs::path>& files, std::size_t limit) {
    if (limit == 0 || limit >= files.size()) {
        return files;
    }
    std::vector<fs::path> subset;
    for (std::size_t i = 0; i < limit; ++i) {
        const std::size_t index = limit == 1 ? 0 : i * (files.size() - 1) / (limit - 1);
        subset.push_back(files[index]);
    }
    return subset;
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one;
    std::string five;
    in >> one >> five;
    return in ? one + " (1 min), " + five + " (5 min)" : std::string("unknown");
}

std::size_t count_lines(const fs::path& file) {
    std::ifstream in(file);
    std::size_t lines = 0;
    std::string line;
    while (std::getline(in, line)) {
        lines += line.empty() ? 0U : 1U;
    }
    return lines;
}

std::vector<std::string> with_files(std::vector<std::string> argv, const std::vector<fs::path>& files) {
    for (const fs::path& file : files) {
        argv.push_back(file.string());
    }
    return argv;
}

void check_exit(const Measured& measured, const fs::path& stderr_file, bool failures_allowed) {
    // docextract exits 1 when some documents failed: that is a result, not a broken run.
    if (measured.run.exit_code == 0 || (failures_allowed && measured.run.exit_code == 1)) {
        return;
    }
    std::ifstream err(stderr_file);
    std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    throw std::runtime_error(
        fmt::format("{} exited with status {}: {}", measured.label, measured.run.exit_code, text.substr(0, 2000)));
}

Measured run_docextract(const BenchOptions& options, unsigned jobs, const std::vector<fs::path>& files,
                        const std::map<std::string, std::string>& environment, const fs::path& work) {
    Measured measured;
    measured.label = fmt::format("docextract -j {}", jobs);
    std::vector<std::string> argv = {options.docextract, "--jsonl", "-j", std::to_string(jobs)};
    argv.insert(argv.end(), options.docextract_args.begin(), options.docextract_args.end());
    const fs::path out = work / fmt::format("docextract-j{}.jsonl", jobs);
    const fs::path err = work / fmt::format("docextract-j{}.stderr", jobs);
    fmt::print(stderr, "running {} on {} documents...\n", measured.label, files.size());
    measured.run = docextract::bench::run_child(with_files(argv, files), environment, out, err);
    check_exit(measured, err, true);
    const StageSamples samples = docextract::bench::read_stage_samples(out);
    measured.documents = samples.documents;
    measured.failed = samples.failed;
    return measured;
}

/// Writes the cleaned image of every page docextract OCR'd in `jsonl` (as OCR sees it) and returns the PNG list.
std::vector<fs::path> write_cleaned_pages(const fs::path& jsonl, const fs::path& folder) {
    fs::create_directories(folder);
    const docextract::Pipeline pipeline{docextract::PipelineOptions{}};
    std::vector<fs::path> images;
    std::ifstream in(jsonl);
    std::string line;
    while (std::getline(in, line)) {
        const nlohmann::json document = nlohmann::json::parse(line, nullptr, false);
        if (document.is_discarded() || document.contains("error") || !document.contains("pages")) {
            continue;
        }
        const fs::path source = document["filename"].get<std::string>();
        const docextract::Document opened = docextract::Document::open(source, pipeline.options().load);
        for (const nlohmann::json& page : document["pages"]) {
            if (page.value("source", "") != "ocr") {
                continue;
            }
            const int index = page.value("index", 0);
            const docextract::Image cleaned = pipeline.preview(opened, index);
            const std::vector<std::uint8_t> png = docextract::encode_png(cleaned.view());
            const fs::path target =
                folder / fmt::format("{:04}-{}-p{}.png", images.size(), source.stem().string(), index);
            std::ofstream out(target, std::ios::binary);
            out.write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
            if (!out) {
                throw std::runtime_error("cannot write " + target.string());
            }
            images.push_back(target);
        }
    }
    return images;
}

Measured run_floor(const BenchOptions& options, const fs::path& j1_output, std::size_t documents,
                   const std::map<std::string, std::string>& environment, const fs::path& work) {
    fmt::print(stderr, "writing the cleaned pages for the OCR floor (not timed)...\n");
    const std::vector<fs::path> images = write_cleaned_pages(j1_output, work / "cleaned");
    const fs::path list = work / "cleaned-pages.txt";
    {
        std::ofstream out(list);
        for (const fs::path& image : images) {
            out << image.string() << '\n';
        }
    }
    Measured measured;
    measured.label = "tesseract (OCR floor)";
    fmt::print(stderr, "running tesseract on {} cleaned pages...\n", images.size());
    // One process for the whole list: the engine is loaded once, as in docextract. --dpi as docextract tells it.
    const std::vector<std::string> argv = {options.tesseract, list.string(), "stdout", "--dpi", "300"};
    const fs::path err = work / "tesseract.stderr";
    measured.run = docextract::bench::run_child(argv, environment, work / "tesseract.txt", err);
    check_exit(measured, err, false);
    measured.documents = documents;
    return measured;
}

Measured run_baseline(const BenchOptions& options, const std::vector<fs::path>& files,
                      const std::map<std::string, std::string>& environment, const fs::path& work) {
    Measured measured;
    measured.label = "seed_pipeline.py (baseline)";
    fmt::print(stderr, "running the baseline on {} documents...\n", files.size());
    const fs::path out = work / "baseline.jsonl";
    const fs::path err = work / "baseline.stderr";
    measured.run =
        docextract::bench::run_child(with_files({options.python, options.baseline}, files), environment, out, err);
    check_exit(measured, err, false);
    measured.documents = count_lines(out);
    std::ifstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        const nlohmann::json document = nlohmann::json::parse(line, nullptr, false);
        measured.failed += document.is_discarded() || document.contains("error") ? 1U : 0U;
    }
    return measured;
}

void print_stages(const StageSamples& samples) {
    const double total = samples.sum(Stage::total);
    fmt::print("\nPer-stage time per OCR'd page, docextract -j 1 ({} pages; ms, wall clock)\n", samples.ocr_pages);
    fmt::print("  {:<16} {:>10} {:>10} {:>10} {:>8}\n", "stage", "median", "p95", "mean", "share");
    for (std::size_t i = 0; i < docextract::bench::stage_count; ++i) {
        const auto stage = static_cast<Stage>(i);
        const std::vector<double>& values = samples.per_page[i];
        const double mean = values.empty() ? 0 : samples.sum(stage) / static_cast<double>(values.size());
        fmt::print("  {:<16} {:>10.1f} {:>10.1f} {:>10.1f} {:>7.1f}%\n", docextract::bench::stage_name(stage),
                   docextract::bench::quantile(values, 0.5), docextract::bench::quantile(values, 0.95), mean,
                   total > 0 ? 100.0 * samples.sum(stage) / total : 0.0);
    }
}

void print_accuracy(const docextract::bench::Truth& truth, const std::vector<fs::path>& files, const fs::path& work,
                    bool with_baseline) {
    using docextract::bench::FieldScore;
    const std::map<std::string, FieldScore> ours = truth.score(work / "docextract-j1.jsonl", files);
    const std::map<std::string, FieldScore> theirs =
        with_baseline ? truth.score(work / "baseline.jsonl", files) : std::map<std::string, FieldScore>{};
    fmt::print(
        "\nField accuracy of these runs (labels <stem>.json beside the documents, docextract-eval's matching)\n");
    fmt::print("  {:<16} {:>8} {:>22} {:>22}\n", "field", "labelled", "docextract -j 1 F1", "baseline F1");
    for (const auto& [field, score] : ours) {
        const auto other = theirs.find(field);
        const std::string baseline = other == theirs.end() ? std::string("-")
                                                           : fmt::format("{:.3f} ({}/{})", other->second.f1(),
                                                                         other->second.correct, other->second.emitted);
        fmt::print("  {:<16} {:>8} {:>22} {:>22}\n", field, score.labelled,
                   fmt::format("{:.3f} ({}/{})", score.f1(), score.correct, score.emitted), baseline);
    }
    fmt::print("  (F1 (correct/emitted) per field)\n");
}

std::string ratio(double numerator, double denominator) {
    return denominator > 0 && numerator > 0 ? fmt::format("{:.2f}x", numerator / denominator) : std::string("-");
}

void print_table(const std::vector<Measured>& rows, const Measured& reference) {
    fmt::print("\nThroughput (each row one child process; RSS = its peak, children included)\n");
    fmt::print("  {:<28} {:>5} {:>5} {:>9} {:>8} {:>9} {:>10} {:>8} {:>13} {:>13}\n", "configuration", "docs", "fail",
               "wall s", "docs/s", "CPU s", "docs/CPU-s", "RSS MB", "docs/s vs j1", "CPU/doc vs j1");
    for (const Measured& row : rows) {
        fmt::print("  {:<28} {:>5} {:>5} {:>9.1f} {:>8.3f} {:>9.1f} {:>10.3f} {:>8.0f} {:>13} {:>13}\n", row.label,
                   row.documents, row.failed, row.run.wall_seconds, row.per_second(), row.run.cpu_seconds,
                   row.per_cpu_second(), row.run.max_rss_mb, ratio(row.per_second(), reference.per_second()),
                   ratio(reference.per_cpu_second(), row.per_cpu_second()));
    }
}

int run(const BenchOptions& options) {
    const std::vector<fs::path> all = collect(options.inputs);
    const std::vector<fs::path> files = spread_subset(all, options.limit);
    if (files.empty()) {
        fmt::print(stderr, "docextract-bench-throughput: no PNG, JPEG, TIFF or PDF files in the inputs\n");
        return 2;
    }
    const unsigned cores = std::max(std::thread::hardware_concurrency(), 1U);
    const unsigned jobs = options.jobs > 0 ? options.jobs : cores;
    std::map<std::string, std::string> environment;
    if (!options.omp_default) {
        environment["OMP_THREAD_LIMIT"] = "1";
    }

    fs::path work;
    if (options.keep.empty()) {
        std::string pattern = (fs::temp_directory_path() / "docextract-bench-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            throw std::runtime_error("cannot create a temporary folder");
        }
        work = pattern;
    } else {
        work = fs::absolute(options.keep);
        fs::create_directories(work);
    }
    struct RemoveOnExit {
        fs::path folder;
        ~RemoveOnExit() {
            if (!folder.empty()) {
                std::error_code ignored;
                fs::remove_all(folder, ignored);
            }
        }
    } const cleanup{options.keep.empty() ? work : fs::path()};

    const docextract::bench::Truth truth(options.inputs);
    const std::string load_before = load_average();
    std::vector<Measured> rows;
    rows.push_back(run_docextract(options, 1, files, environment, work));
    const StageSamples samples = docextract::bench::read_stage_samples(work / "docextract-j1.jsonl");
    if (jobs > 1) {
        rows.push_back(run_docextract(options, jobs, files, environment, work));
    }
    std::optional<Measured> floor;
    if (!options.skip_floor) {
        floor = run_floor(options, work / "docextract-j1.jsonl", files.size(), environment, work);
        rows.push_back(*floor);
    }
    std::optional<Measured> baseline;
    if (!options.skip_baseline) {
        if (fs::exists(options.baseline)) {
            baseline = run_baseline(options, files, environment, work);
            rows.push_back(*baseline);
        } else {
            fmt::print(stderr, "baseline {} not found: skipped\n", options.baseline);
        }
    }
    const std::string load_after = load_average();

    const Measured& j1 = rows.front();
    fmt::print("docextract-bench-throughput\n");
    fmt::print("  documents  {} of {} in {} ({} OCR'd pages, {} text-layer pages; {} core fields found)\n",
               files.size(), all.size(), options.inputs.size() == 1 ? options.inputs.front() : std::string("inputs"),
               samples.ocr_pages, samples.text_pages, samples.fields_found);
    fmt::print("  machine    {} cores; load average {} before, {} after\n", cores, load_before, load_after);
    fmt::print("  threads    {}\n", options.omp_default ? "Tesseract's OpenMP default"
                                                        : "OMP_THREAD_LIMIT=1 in every run (one core per worker)");
    print_stages(samples);
    print_table(rows, j1);

    fmt::print("\nRatios (same run)\n");
    if (rows.size() > 1 && jobs > 1) {
        fmt::print("  -j {} vs -j 1 throughput            {}  (peak RSS -j {}: {:.0f} MB)\n", jobs,
                   ratio(rows[1].per_second(), j1.per_second()), jobs, rows[1].run.max_rss_mb);
    }
    const double ocr_ms = samples.sum(Stage::ocr);
    const double page_ms = samples.sum(Stage::total);
    fmt::print("  time outside Tesseract recognition {:.1f}% of the page times, {:.1f}% of the -j 1 run's wall time\n",
               page_ms > 0 ? 100.0 * (page_ms - ocr_ms) / page_ms : 0.0,
               j1.run.wall_seconds > 0 ? 100.0 * (1.0 - ocr_ms / 1000.0 / j1.run.wall_seconds) : 0.0);
    if (floor) {
        fmt::print("  docextract -j 1 vs OCR floor        {} the floor's documents per second ({} per CPU second)\n",
                   ratio(j1.per_second(), floor->per_second()), ratio(j1.per_cpu_second(), floor->per_cpu_second()));
    }
    if (baseline) {
        fmt::print("  docextract -j 1 vs baseline         {} the baseline's documents per second ({} per CPU "
                   "second)\n",
                   ratio(j1.per_second(), baseline->per_second()),
                   ratio(j1.per_cpu_second(), baseline->per_cpu_second()));
        if (rows.size() > 1 && jobs > 1) {
            fmt::print("  docextract -j {} vs baseline         {}\n", jobs,
                       ratio(rows[1].per_second(), baseline->per_second()));
        }
    }
    if (truth.covers_any(files)) {
        print_accuracy(truth, files, work, baseline.has_value());
        if (!options.skip_value_recall) {
            std::fflush(stdout);
            docextract::bench::print_value_recall(files, options.docextract_args, jobs, work);
        }
    }
    if (!options.keep.empty()) {
        fmt::print("\nOutputs kept in {} (docextract-j*.jsonl, baseline.jsonl, cleaned/ pages, stderr of each run)\n",
                   work.string());
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"Throughput of docextract against Tesseract alone and the original Python pipeline"};
    BenchOptions options;
    app.add_option("inputs", options.inputs, "Folders or documents (PNG, JPEG, TIFF, PDF)")->required();
    app.add_option("--limit", options.limit, "Use N documents spread evenly over the sorted list (0 = all)")
        ->capture_default_str();
    app.add_option("-j,--jobs", options.jobs, "Workers of the parallel run (default: one per core)");
    app.add_option("--docextract", options.docextract, "The docextract program")->capture_default_str();
    app.add_option("--docextract-arg", options.docextract_args,
                   "Extra argument for both docextract runs (repeatable), e.g. --docextract-arg=--no-denoise");
    app.add_option("--tesseract", options.tesseract, "The tesseract program (OCR floor)")->capture_default_str();
    app.add_option("--python", options.python, "Python with OpenCV (Debian python3-opencv)")->capture_default_str();
    app.add_option("--baseline", options.baseline, "The original pipeline script")->capture_default_str();
    app.add_option("--keep", options.keep, "Keep outputs and cleaned pages in this folder");
    app.add_flag("--no-floor", options.skip_floor, "Skip the tesseract-only run");
    app.add_flag("--no-baseline", options.skip_baseline, "Skip the baseline run");
    app.add_flag("--omp-default", options.omp_default, "Leave Tesseract's OpenMP threads at their default");
    app.add_flag("--no-value-recall", options.skip_value_recall,
                 "Skip the value recall table (it reads the labelled documents once more, untimed)");
    CLI11_PARSE(app, argc, argv);
    if (!options.omp_default) {
        docextract::eval::limit_openmp_threads(); // the value recall pass reads in this process, one core per worker
    }
    docextract::reuse_page_buffers(); // as the CLI, whose OCR times per pass the value recall table prints beside
    try {
        return run(options);
    } catch (const std::exception& error) {
        fmt::print(stderr, "docextract-bench-throughput: {}\n", error.what());
        return 2;
    }
}
