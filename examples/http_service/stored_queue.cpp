// SPDX-License-Identifier: MIT
#include "stored_queue.hpp"

#include "job_id.hpp"
#include "log.hpp"
#include "result_fields.hpp"

#include <utility>

namespace docextract::service {
namespace {

/// Unfinished jobs looked at in one pass of record_finished() (far above any --max-queued).
constexpr std::size_t max_unfinished_listed = 1000000;

} // namespace

JobSnapshot snapshot_of(const StoredJob& job) {
    return JobSnapshot{
        .id = job.id, .state = job.state, .result_json = job.result_json, .error = job.error, .etag = etag_of(job)};
}

std::string etag_of(const StoredJob& job) {
    std::string tag = "\"";
    tag += std::to_string(job.revision);
    tag += '"';
    return tag;
}

StoredQueue::StoredQueue(JobQueue& inner, JobStore& store, StoredQueueOptions options)
    : inner_(inner), store_(store), options_(options), collector_([this] { collector_loop(); }) {}

StoredQueue::~StoredQueue() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    collector_.join();
}

std::string StoredQueue::enqueue(Upload upload) {
    const std::string id = new_job_id();
    try {
        store_.create(id, upload, now_unix_ms());
    } catch (const StoreUnavailable& e) {
        throw QueueUnavailable(std::string("cannot store the job: ") + e.what(), QueueUnavailable::Reason::store_down);
    }
    try {
        inner_.enqueue_as(id, std::move(upload));
    } catch (...) {
        try {
            store_.remove(id); // the queue refused it: no record of a job that will never run
        } catch (const StoreUnavailable&) {
            // The collector hands it to the queue again later.
        }
        throw;
    }
    return id;
}

void StoredQueue::enqueue_as(const std::string&, Upload) {
    throw QueueUnavailable("the job store draws the job ids");
}

std::optional<JobSnapshot> StoredQueue::status(std::string_view job_id) {
    if (!is_valid_job_id(job_id)) {
        return std::nullopt;
    }
    std::optional<StoredJob> job;
    try {
        job = store_.find(job_id);
    } catch (const StoreUnavailable& e) {
        throw QueueUnavailable(std::string("job store unavailable: ") + e.what(), QueueUnavailable::Reason::store_down);
    }
    if (!job) {
        return std::nullopt;
    }
    if (job->state != JobState::queued && job->state != JobState::processing) {
        return snapshot_of(*job);
    }
    try {
        return reconcile(*job, false);
    } catch (const StoreUnavailable& e) { // recording the outcome the queue reports
        throw QueueUnavailable(std::string("job store unavailable: ") + e.what(), QueueUnavailable::Reason::store_down);
    }
}

QueueHealth StoredQueue::health() {
    return inner_.health();
}

JobSnapshot StoredQueue::reconcile(const StoredJob& job, bool requeue_lost) {
    const std::optional<JobSnapshot> queued = inner_.status(job.id); // throws QueueUnavailable: Redis down
    const std::int64_t now = now_unix_ms();
    if (queued && (queued->state == JobState::done || queued->state == JobState::failed)) {
        StoredJob outcome;
        outcome.state = queued->state;
        outcome.result_json = queued->result_json;
        outcome.error = queued->error;
        if (queued->state == JobState::done) {
            ResultSummary summary = summarize_result(queued->result_json);
            outcome.vendor = std::move(summary.vendor);
            outcome.flagged = std::move(summary.flagged);
        }
        store_.finish(job.id, outcome, now);
        if (std::optional<StoredJob> stored = store_.find(job.id)) {
            return snapshot_of(*stored);
        }
        return JobSnapshot{.id = job.id,
                           .state = queued->state,
                           .result_json = queued->result_json,
                           .error = queued->error,
                           .etag = {}};
    }
    if (queued) {
        if (queued->state == JobState::processing && job.state == JobState::queued) {
            store_.mark_processing(job.id, now);
        }
        return JobSnapshot{.id = job.id, .state = queued->state, .result_json = {}, .error = {}, .etag = {}};
    }
    // The queue does not know the job: Redis or the server restarted, or the queue's copy expired. A job just
    // created may not have reached the queue yet, hence the grace period. Only the collector hands jobs over
    // again, so that two threads never queue the same job twice.
    if (!requeue_lost || now - job.updated_ms < options_.lost_after.count()) {
        return snapshot_of(job);
    }
    if (job.requeues >= options_.max_requeues) {
        StoredJob failed;
        failed.state = JobState::failed;
        failed.error = "lost by the queue " + std::to_string(job.requeues + 1) + " times (restarts); giving up";
        store_.finish(job.id, failed, now);
        return JobSnapshot{
            .id = job.id, .state = JobState::failed, .result_json = {}, .error = failed.error, .etag = {}};
    }
    std::optional<std::string> bytes = store_.upload(job.id);
    if (!bytes) {
        StoredJob failed;
        failed.state = JobState::failed;
        failed.error = "the upload is no longer stored";
        store_.finish(job.id, failed, now);
        return JobSnapshot{
            .id = job.id, .state = JobState::failed, .result_json = {}, .error = failed.error, .etag = {}};
    }
    log_line("job " + job.id + " was lost by the queue; handing it over again from the stored upload");
    inner_.enqueue_as(job.id, Upload{.filename = job.filename, .bytes = std::move(*bytes)});
    store_.note_requeue(job.id, now);
    return JobSnapshot{.id = job.id, .state = JobState::queued, .result_json = {}, .error = {}, .etag = {}};
}

void StoredQueue::collect_once() {
    for (const std::string& id : store_.unfinished(500)) {
        if (std::optional<StoredJob> job = store_.find(id)) {
            if (job->state == JobState::queued || job->state == JobState::processing) {
                reconcile(*job, true);
            }
        }
    }
}

void StoredQueue::record_finished() {
    for (const std::string& id : store_.unfinished(max_unfinished_listed)) {
        if (std::optional<StoredJob> job = store_.find(id)) {
            if (job->state == JobState::queued || job->state == JobState::processing) {
                reconcile(*job, false);
            }
        }
    }
}

void StoredQueue::collector_loop() {
    auto next_prune = std::chrono::steady_clock::now();
    bool reported = false;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        try {
            if (std::chrono::steady_clock::now() >= next_prune) {
                next_prune = std::chrono::steady_clock::now() + std::chrono::hours(1);
                const auto retention = std::chrono::duration_cast<std::chrono::milliseconds>(options_.retention);
                const std::size_t pruned = store_.prune(now_unix_ms() - retention.count());
                if (pruned > 0) {
                    log_line("pruned " + std::to_string(pruned) + " jobs older than the retention period");
                }
            }
            collect_once();
            reported = false;
        } catch (const std::exception& e) {
            if (!reported) { // once per outage, not every half second
                log_line(std::string("collecting results: ") + e.what());
                reported = true;
            }
        }
        lock.lock();
        wake_.wait_for(lock, options_.collect_interval, [this] { return stopping_; });
    }
}

} // namespace docextract::service
