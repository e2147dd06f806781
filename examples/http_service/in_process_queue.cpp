// SPDX-License-Identifier: MIT
#include "in_process_queue.hpp"

#include "job_id.hpp"

#include <exception>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>

namespace docextract::service {

InProcessQueue::InProcessQueue(InProcessQueueOptions options, const ProcessorFactory& factory) : options_(options) {
    const int count = options_.workers > 0 ? options_.workers : 1;
    std::vector<JobProcessor> processors;
    processors.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        processors.push_back(factory()); // may throw (e.g. no OCR language data): fail before any thread starts
    }
    for (JobProcessor& processor : processors) {
        threads_.emplace_back([this, p = std::move(processor)]() mutable { worker_loop(p); });
    }
}

InProcessQueue::~InProcessQueue() {
    shutdown();
}

std::string InProcessQueue::enqueue(Upload upload) {
    std::string id = new_job_id();
    enqueue_as(id, std::move(upload));
    return id;
}

void InProcessQueue::enqueue_as(const std::string& id, Upload upload) {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ || draining_) {
            throw QueueUnavailable("the server is shutting down", QueueUnavailable::Reason::shutting_down);
        }
        if (pending_.size() >= options_.max_queued) {
            throw QueueUnavailable("the queue is full (" + std::to_string(pending_.size()) + " jobs waiting)",
                                   QueueUnavailable::Reason::full);
        }
        if (queued_bytes_ + upload.bytes.size() > options_.max_queued_bytes) {
            throw QueueUnavailable("the queue is full (" + std::to_string(queued_bytes_) +
                                       " bytes of uploads waiting, limit " + std::to_string(options_.max_queued_bytes) +
                                       ")",
                                   QueueUnavailable::Reason::full);
        }
        purge_expired_locked(Clock::now());
        queued_bytes_ += upload.bytes.size();
        Job job;
        job.upload = std::move(upload);
        jobs_.emplace(id, std::move(job));
        pending_.push_back(id);
    }
    wake_.notify_one();
}

std::optional<JobSnapshot> InProcessQueue::status(std::string_view job_id) {
    const std::lock_guard lock(mutex_);
    purge_expired_locked(Clock::now());
    const auto it = jobs_.find(std::string(job_id));
    if (it == jobs_.end() || it->second.expires_at <= Clock::now()) {
        return std::nullopt;
    }
    const Job& job = it->second;
    return JobSnapshot{
        .id = it->first, .state = job.state, .result_json = job.result_json, .error = job.error, .etag = {}};
}

QueueHealth InProcessQueue::health() {
    const std::lock_guard lock(mutex_);
    // Draining after SIGTERM: 503, so a load balancer sends new work elsewhere while the accepted jobs finish.
    const bool accepting = !stopping_ && !draining_;
    return QueueHealth{.backend = "in-process",
                       .reachable = accepting,
                       .detail = accepting ? std::string() : std::string("the server is shutting down"),
                       .reason = QueueUnavailable::Reason::shutting_down,
                       .queued = pending_.size(),
                       .processing = processing_,
                       .workers_seen = stopping_ ? 0 : threads_.size()};
}

bool InProcessQueue::drain(std::chrono::milliseconds grace) {
    std::unique_lock lock(mutex_);
    draining_ = true;
    return idle_.wait_for(lock, grace, [this] { return pending_.empty() && processing_ == 0; });
}

std::size_t InProcessQueue::shutdown() {
    std::size_t dropped = 0;
    {
        const std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) {
            return 0;
        }
        stopping_ = true;
        if (options_.cancel) {
            options_.cancel->store(true);
        }
        dropped = pending_.size();
        for (const std::string& id : pending_) {
            jobs_.erase(id);
        }
        pending_.clear();
        queued_bytes_ = 0;
    }
    wake_.notify_all();
    for (std::thread& thread : threads_) {
        if (thread.joinable()) {
            thread.join();
        }
    }
    threads_.clear();
    const std::lock_guard lock(mutex_);
    return dropped + cancelled_;
}

void InProcessQueue::worker_loop(const JobProcessor& processor) {
    // Linux nice values are per thread (and inherited by threads this one starts, e.g. OCR helpers): OCR runs
    // behind the threads answering HTTP, so uploads and /health stay fast while the workers are busy.
    if (options_.worker_nice != 0) {
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), options_.worker_nice);
    }
    for (;;) {
        std::string id;
        std::string bytes;
        std::string filename;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !pending_.empty(); });
            if (stopping_) {
                return;
            }
            id = std::move(pending_.front());
            pending_.pop_front();
            Job& job = jobs_.at(id);
            job.state = JobState::processing;
            queued_bytes_ -= job.upload.bytes.size();
            bytes = std::move(job.upload.bytes); // the upload is not needed once taken
            filename = job.upload.filename;
            ++processing_;
        }
        JobOutcome outcome;
        try {
            outcome = processor(bytes, filename);
        } catch (const std::exception& e) {
            outcome = JobOutcome{.ok = false, .result_json = {}, .error = std::string("internal error: ") + e.what()};
        }
        {
            const std::lock_guard lock(mutex_);
            --processing_;
            if (outcome.cancelled && stopping_) {
                jobs_.erase(id); // stopped by shutdown(): not an outcome of the document
                ++cancelled_;
                continue;
            }
            Job& job = jobs_.at(id);
            job.state = outcome.ok ? JobState::done : JobState::failed;
            job.result_json = std::move(outcome.result_json);
            job.error = std::move(outcome.error);
            job.expires_at = Clock::now() + options_.result_ttl;
        }
        idle_.notify_all();
    }
}

void InProcessQueue::purge_expired_locked(Clock::time_point now) {
    if (now < next_purge_) {
        return;
    }
    next_purge_ = now + std::chrono::seconds(1);
    std::erase_if(jobs_, [now](const auto& entry) { return entry.second.expires_at <= now; });
}

} // namespace docextract::service
