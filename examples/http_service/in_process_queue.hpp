// SPDX-License-Identifier: MIT
#pragma once

// The embedded queue: worker threads inside the server process, jobs and results in memory.
// One command serves a working system; nothing of it survives a restart (the StoredQueue in front keeps the record
// and hands the jobs left unfinished to the queue of the next start).

#include "job_processor.hpp"
#include "job_queue.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace docextract::service {

struct InProcessQueueOptions {
    int workers = 2;                       ///< Worker threads, each with its own Pipeline (default 2).
    std::chrono::seconds result_ttl{3600}; ///< How long a finished job stays readable (default 1 hour).
    std::size_t max_queued = 1000;         ///< Uploads waiting beyond this are refused with 503 (default 1000).
    std::size_t max_queued_bytes = std::size_t{256} << 20U; ///< Bytes of waiting uploads, held in RAM (256 MiB).
    int worker_nice = 10; ///< Nice value of the worker threads: OCR yields the CPU to HTTP threads (default 10).
    /// Raised by shutdown() so that running jobs stop early; the processors watch it (PipelineOptions::cancel).
    /// Null: running jobs are finished.
    std::shared_ptr<std::atomic<bool>> cancel = nullptr;
};

class InProcessQueue final : public JobQueue {
public:
    /// Builds one processor per worker (throws what the factory throws) and starts the threads.
    InProcessQueue(InProcessQueueOptions options, const ProcessorFactory& factory);
    /// Calls shutdown().
    ~InProcessQueue() override;

    std::string enqueue(Upload upload) override;
    void enqueue_as(const std::string& id, Upload upload) override;
    std::optional<JobSnapshot> status(std::string_view job_id) override;
    QueueHealth health() override;

    /// Refuses new jobs (enqueue throws QueueUnavailable) and waits until every accepted job has finished or
    /// `grace` has passed; true when none is left. The workers go on; results stay readable.
    bool drain(std::chrono::milliseconds grace);

    /// Stops taking jobs, raises the cancel flag (when there is one) and joins the workers once their running jobs
    /// have stopped or finished. Jobs still waiting and jobs cancelled are dropped from memory, not failed (a
    /// StoredQueue keeps them unfinished for the next start); returns how many were dropped.
    std::size_t shutdown();

private:
    using Clock = std::chrono::steady_clock;

    struct Job {
        Upload upload;
        JobState state = JobState::queued;
        std::string result_json;
        std::string error;
        Clock::time_point expires_at = Clock::time_point::max(); ///< Set when the job finishes.
    };

    void worker_loop(const JobProcessor& processor);
    void purge_expired_locked(Clock::time_point now);

    InProcessQueueOptions options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::string> pending_;
    std::unordered_map<std::string, Job> jobs_;
    std::size_t processing_ = 0;
    std::size_t cancelled_ = 0; ///< Jobs dropped because shutdown() stopped them while running.
    std::size_t queued_bytes_ = 0;
    bool draining_ = false;
    bool stopping_ = false;
    std::condition_variable idle_;
    Clock::time_point next_purge_{};
    std::vector<std::thread> threads_;
};

} // namespace docextract::service
