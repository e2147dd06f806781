// SPDX-License-Identifier: MIT
#include "runner.hpp"

#include <docextract/document.hpp>
#include <docextract/pipeline.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>

namespace docextract::eval {

namespace {

/// The field extractor, keeping a copy of the readings of its last call (for the page cache).
class RecordingExtractor final : public FieldExtractor {
public:
    explicit RecordingExtractor(std::unique_ptr<FieldExtractor> inner) : inner_(std::move(inner)) {}
    [[nodiscard]] std::vector<Field> extract(std::span<const PageText> pages) const override {
        const std::vector<std::vector<PageText>> one{std::vector<PageText>(pages.begin(), pages.end())};
        return extract_readings(one);
    }
    [[nodiscard]] std::vector<Field> extract_readings(std::span<const std::vector<PageText>> readings) const override {
        last_.assign(readings.begin(), readings.end());
        return inner_->extract_readings(readings);
    }
    [[nodiscard]] std::vector<FieldCandidates>
    candidates(std::span<const std::vector<PageText>> readings) const override {
        return inner_->candidates(readings);
    }
    [[nodiscard]] std::string model_version() const override { return inner_->model_version(); }
    /// The readings of the last call (first reading, then the second when the pipeline made one).
    std::vector<std::vector<PageText>> take() { return std::exchange(last_, {}); }

private:
    std::unique_ptr<FieldExtractor> inner_;
    mutable std::vector<std::vector<PageText>> last_; // one Pipeline, hence one extractor, per thread
};

} // namespace

bool has_embedded_invoice(const std::filesystem::path& path, const PipelineOptions& options) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!options.use_embedded_xml || extension != ".pdf") {
        return false; // only PDFs carry e-invoice attachments
    }
    try {
        const Document document = Document::open(path, options.load);
        return document.type() == DocumentType::pdf && !document.embedded_invoices().empty();
    } catch (const std::exception&) {
        return true; // let the pipeline report the error
    }
}

ExtractionResult extract_cached(const Sample& sample, const CacheEntry& cached, const FieldExtractor& rules,
                                float threshold, ReadingChoice choice) {
    const auto start = std::chrono::steady_clock::now();
    ExtractionResult result;
    result.filename = sample.document.filename().string();
    result.field_model = rules.model_version();
    const auto readings = pipeline_readings(cached.readings, rules, threshold, choice);
    result.fields = rules.extract_readings(readings);
    result.timings.ocr_page_ms = cached.timings.ocr_page_ms;
    result.timings.ocr_missed_text_ms = cached.timings.ocr_missed_text_ms;
    result.timings.ocr_line_ms = choice.line_reading ? cached.timings.ocr_line_ms : 0.0;
    const bool second_used = std::any_of(readings.begin(), readings.end(), is_second_reading);
    result.timings.ocr_second_ms = second_used ? cached.timings.ocr_second_ms : 0.0;
    result.timings.ocr_ms = result.timings.ocr_page_ms + result.timings.ocr_missed_text_ms +
                            result.timings.ocr_line_ms + result.timings.ocr_second_ms;
    for (const auto& field : result.fields) {
        if (field.needs_review) {
            result.needs_review.push_back(field.name);
        }
    }
    result.timings.extract_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    result.timings.total_ms = result.timings.extract_ms;
    return result;
}

std::vector<DocumentOutcome> run_samples(const std::vector<Sample>& samples, const RunOptions& options) {
    std::vector<DocumentOutcome> outcomes(samples.size());
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex mutex;
    std::exception_ptr failure;
    const int jobs =
        std::max(1, std::min<int>(options.jobs, static_cast<int>(std::max<std::size_t>(1, samples.size()))));

    auto work = [&] {
        try {
            PipelineOptions pipeline_options = options.pipeline;
            pipeline_options.review_threshold = options.threshold;
            // Filling the cache, every reading is made and kept; extract_cached() then uses those the pipeline
            // would have used.
            const ReadingChoice choice{pipeline_options.second_reading, pipeline_options.reread_lines};
            if (options.cache != nullptr) {
                pipeline_options.always_read_twice = true;
                pipeline_options.second_reading = true;
                pipeline_options.reread_lines = true;
            }
            ExtractorOptions extraction = pipeline_options.extraction;
            if (options.threshold >= 0.0F) {
                extraction.review_threshold = options.threshold;
            }
            auto recording = std::make_unique<RecordingExtractor>(make_rule_extractor(extraction));
            RecordingExtractor& recorder = *recording;
            const auto rules = make_rule_extractor(extraction);
            const float threshold = options.threshold >= 0.0F ? options.threshold
                                    : extraction.model        ? extraction.model->review_threshold
                                                              : shipped_field_model()->review_threshold;
            // One per thread: Pipeline is not thread-safe.
            Pipeline pipeline(pipeline_options, nullptr, std::move(recording));
            for (std::size_t i = next++; i < samples.size(); i = next++) {
                const auto& path = samples[i].document;
                ExtractionResult result;
                bool cached = false;
                std::string key;
                if (options.cache != nullptr) {
                    key = options.cache->key(path);
                    if (auto entry = options.cache->load(key); entry && !has_embedded_invoice(path, pipeline_options)) {
                        result = extract_cached(samples[i], *entry, *rules, threshold, choice);
                        cached = true;
                    }
                }
                if (!cached) {
                    result = pipeline.run(path);
                    CacheEntry entry{recorder.take(), result.timings};
                    if (options.cache != nullptr && result.ok() && !entry.readings.empty()) {
                        options.cache->store(key, entry, path.filename().string());
                        // Scored as the pipeline would have read it (the run above made every reading).
                        if (!has_embedded_invoice(path, pipeline_options)) {
                            ExtractionResult used = extract_cached(samples[i], entry, *rules, threshold, choice);
                            used.timings.load_ms = result.timings.load_ms;
                            used.timings.preprocess_ms = result.timings.preprocess_ms;
                            result = std::move(used);
                        }
                    }
                }
                outcomes[i] = score_document(samples[i], result);
                const std::size_t finished = ++done;
                if (options.progress != nullptr) {
                    const std::lock_guard lock(mutex);
                    *options.progress << '[' << finished << '/' << samples.size() << "] " << outcomes[i].name
                                      << (outcomes[i].error ? "  ERROR: " + *outcomes[i].error : std::string()) << '\n';
                }
            }
        } catch (...) {
            const std::lock_guard lock(mutex);
            if (!failure) {
                failure = std::current_exception();
            }
            next = samples.size(); // stop the other workers
        }
    };
    std::vector<std::thread> threads;
    for (int t = 1; t < jobs; ++t) {
        threads.emplace_back(work);
    }
    work();
    for (auto& t : threads) {
        t.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
    return outcomes;
}

void limit_openmp_threads() {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr || ::setenv("OMP_THREAD_LIMIT", "1", 1) != 0) {
        return;
    }
    // libgomp reads the variable when it is loaded, before main(): only a fresh process image sees it.
    std::ifstream cmdline("/proc/self/cmdline", std::ios::binary);
    const std::string raw((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    std::vector<std::string> arguments;
    for (std::size_t start = 0; start < raw.size();) {
        const std::size_t end = raw.find('\0', start);
        arguments.push_back(raw.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? raw.size() : end + 1;
    }
    if (arguments.empty()) {
        return;
    }
    std::vector<char*> argv;
    for (auto& a : arguments) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    // The program's real path rather than /proc/self/exe, so that ps and top keep showing its name (as the CLI).
    std::array<char, PATH_MAX> path{};
    const ssize_t length = ::readlink("/proc/self/exe", path.data(), path.size() - 1);
    if (length <= 0) {
        return;
    }
    path[static_cast<std::size_t>(length)] = '\0';
    ::execv(path.data(), argv.data()); // returns only on failure: then run as we are
}

} // namespace docextract::eval
