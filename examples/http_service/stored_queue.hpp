// SPDX-License-Identifier: MIT
#pragma once

// A JobQueue in front of the real queue (in-process or Redis) that keeps the record in a JobStore:
//   enqueue  the job and its upload are stored first, under an id drawn here, then handed to the queue
//   status   a finished job is answered from the store; an unfinished one is asked of the queue, and a result the
//            queue hands back is written to the store (the queue's copy may then expire)
// A collector thread does the same for every unfinished job, so results reach the store without a client asking,
// and hands a job the queue lost (a Redis or server restart) to it again from the stored upload, up to
// max_requeues times. It also prunes jobs older than the retention period.

#include "job_queue.hpp"
#include "job_store.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace docextract::service {

struct StoredQueueOptions {
    std::chrono::hours retention{24 * 30};           ///< Jobs older than this are pruned (default 30 days).
    std::chrono::milliseconds collect_interval{500}; ///< How often unfinished jobs are looked at.
    std::chrono::milliseconds lost_after{5000};      ///< A job the queue does not know is lost after this.
    int max_requeues = 3;                            ///< Hand-overs of a lost job before it is failed.
};

class StoredQueue final : public JobQueue {
public:
    /// `inner` and `store` must outlive this. Starts the collector thread.
    StoredQueue(JobQueue& inner, JobStore& store, StoredQueueOptions options);
    /// Stops the collector.
    ~StoredQueue() override;

    /// Throws QueueUnavailable (queue or database down).
    std::string enqueue(Upload upload) override;
    /// Not offered: ids are drawn here. Throws QueueUnavailable.
    void enqueue_as(const std::string& id, Upload upload) override;
    std::optional<JobSnapshot> status(std::string_view job_id) override;
    QueueHealth health() override;

    /// Looks at every unfinished job once (what the collector does each interval); for tests.
    void collect_once();
    /// Writes every result the queue holds for an unfinished job to the store, handing no lost job over again:
    /// the last step of a shutdown, once the queue has stopped. Throws QueueUnavailable or StoreUnavailable.
    void record_finished();

private:
    /// Brings a stored unfinished job up to date with the queue; returns what the client should see. With
    /// `requeue_lost`, a job the queue lost is handed to it again (or failed after max_requeues).
    JobSnapshot reconcile(const StoredJob& job, bool requeue_lost);
    void collector_loop();

    JobQueue& inner_;
    JobStore& store_;
    StoredQueueOptions options_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread collector_; ///< Last: starts once the rest exists.
};

/// What a client sees of a stored job (the ETag is the revision).
JobSnapshot snapshot_of(const StoredJob& job);
/// The ETag of a stored job's result: "\"<revision>\"".
std::string etag_of(const StoredJob& job);

} // namespace docextract::service
