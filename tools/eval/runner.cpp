// SPDX-License-Identifier: MIT
#include "runner.hpp"

#include <docextract/pipeline.hpp>

#include <atomic>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iterator>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <unistd.h>

namespace docextract::eval {

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
            PipelineOptions pipeline_options;
            pipeline_options.review_threshold = options.threshold;
            Pipeline pipeline(pipeline_options); // one per thread: Pipeline is not thread-safe
            for (std::size_t i = next++; i < samples.size(); i = next++) {
                const ExtractionResult result = pipeline.run(samples[i].document);
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
    ::execv("/proc/self/exe", argv.data()); // returns only on failure: then run as we are
}

} // namespace docextract::eval
