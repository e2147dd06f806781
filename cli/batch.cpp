// SPDX-License-Identifier: MIT
#include "batch.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace docextract::cli {
namespace {

ExtractionResult process(Pipeline& pipeline, const InputFile& file) {
    ExtractionResult result;
    try {
        result = pipeline.run(file.path);
    } catch (const std::exception& error) {
        // Pipeline::run reports failures as values; this only guards against a broken promise.
        result.error = error.what();
        result.error_code = ErrorCode::corrupt_input;
    }
    // Name documents as the user named them, so files of the same name in different folders stay apart.
    result.filename = file.display_name;
    return result;
}

/// Results finished by the workers, waiting for their turn to be written.
class OrderedSlots {
public:
    explicit OrderedSlots(std::size_t count) : slots_(count) {}

    void put(std::size_t index, ExtractionResult&& result) {
        {
            const std::lock_guard lock(mutex_);
            slots_[index] = std::move(result);
        }
        ready_.notify_all();
    }

    ExtractionResult take(std::size_t index) {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return slots_[index].has_value(); });
        ExtractionResult result = std::move(*slots_[index]);
        slots_[index].reset();
        return result;
    }

private:
    std::mutex mutex_;
    std::condition_variable ready_;
    std::vector<std::optional<ExtractionResult>> slots_;
};

} // namespace

void run_batch(const std::vector<InputFile>& files, const PipelineOptions& options, unsigned workers, Pipeline first,
               const ResultSink& sink) {
    const std::size_t count = files.size();
    const std::size_t threads = std::min<std::size_t>(std::max(workers, 1U), count);
    if (threads <= 1) {
        for (std::size_t index = 0; index < count; ++index) {
            sink(index, process(first, files[index]));
        }
        return;
    }

    OrderedSlots slots(count);
    std::atomic<std::size_t> next{0};
    auto work = [&](Pipeline& pipeline) {
        for (std::size_t index = next.fetch_add(1); index < count; index = next.fetch_add(1)) {
            slots.put(index, process(pipeline, files[index]));
        }
    };

    std::vector<std::thread> pool;
    pool.reserve(threads);
    pool.emplace_back([&work, pipeline = std::move(first)]() mutable { work(pipeline); });
    for (std::size_t t = 1; t < threads; ++t) {
        pool.emplace_back([&work, &options] {
            std::optional<Pipeline> pipeline;
            try {
                pipeline.emplace(options);
            } catch (const std::exception&) {
                // The first pipeline was built with the same options, so this is a resource failure: the other
                // workers take this one's share.
                return;
            }
            work(*pipeline);
        });
    }
    // Join the workers however the writing below ends (a sink that throws must not leave threads running).
    struct JoinAll {
        std::vector<std::thread>& threads;
        ~JoinAll() {
            for (std::thread& thread : threads) {
                thread.join();
            }
        }
    } const join{pool};
    for (std::size_t index = 0; index < count; ++index) {
        sink(index, slots.take(index));
    }
}

} // namespace docextract::cli
