// SPDX-License-Identifier: MIT
#pragma once

// The queue the HTTP front end hands uploads to: enqueue a document, look up a job, report health.
// Two implementations: InProcessQueue (worker threads in the server) and RedisQueue (separate workers).

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace docextract::service {

/// Lifecycle of a job, in order. `reviewed`: done, and a person settled every flagged field (job_store.hpp).
enum class JobState { queued, processing, done, failed, reviewed };

/// Lower-case name used in the API and in Redis, e.g. "processing".
std::string_view to_string(JobState state) noexcept;
/// Inverse of to_string; nullopt for an unknown name.
std::optional<JobState> parse_job_state(std::string_view name) noexcept;

/// A validated upload: the original file name and the raw bytes (binary, held in a string).
struct Upload {
    std::string filename;
    std::string bytes;
};

/// What a client sees when it asks for a job.
struct JobSnapshot {
    std::string id;
    JobState state = JobState::queued;
    std::string result_json; ///< docextract::to_json of the result when state == done.
    std::string error;       ///< Message when state == failed.
    std::string etag;        ///< Version of the stored result, for ETag/If-Match; empty without a job store.
};

/// The backend cannot take or answer requests right now (Redis down, queue full); maps to HTTP 503. what() is the
/// detail for the server log (it may hold a database's own error text); a client gets only the fixed message of
/// reason() (unavailable_reply.hpp).
class QueueUnavailable : public std::runtime_error {
public:
    enum class Reason {
        queue_down,   ///< Redis unreachable or refusing writes.
        store_down,   ///< The job store (SQLite, PostgreSQL) failed.
        full,         ///< --max-queued or --max-queued-bytes reached.
        shutting_down ///< SIGTERM: no new jobs.
    };
    explicit QueueUnavailable(const std::string& detail, Reason reason = Reason::queue_down)
        : std::runtime_error(detail), reason_(reason) {}
    [[nodiscard]] Reason reason() const noexcept { return reason_; }

private:
    Reason reason_;
};

/// Queue health for /health.
struct QueueHealth {
    std::string backend;   ///< "in-process" or "redis".
    bool reachable = true; ///< False when the backend cannot take jobs (Redis unreachable, shutting down).
    std::string detail;    ///< Error text when unreachable, for the server log only.
    QueueUnavailable::Reason reason = QueueUnavailable::Reason::queue_down; ///< Why, when unreachable.
    std::size_t queued = 0;                                                 ///< Jobs waiting for a worker.
    std::size_t processing = 0;   ///< Jobs taken by a worker and not finished.
    std::size_t workers_seen = 0; ///< Workers alive recently (threads in-process, heartbeats in Redis).
};

/// The interface both queue implementations provide. All member functions are thread-safe.
class JobQueue {
public:
    JobQueue() = default;
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;
    virtual ~JobQueue() = default;

    /// Stores the upload and queues it; returns the new job id. Throws QueueUnavailable.
    virtual std::string enqueue(Upload upload) = 0;
    /// The same under an id the caller drew (new_job_id): the job store records a job before it is queued, and
    /// hands a job the queue lost to it again. Throws QueueUnavailable.
    virtual void enqueue_as(const std::string& id, Upload upload) = 0;
    /// State, and result or error, of a job; nullopt when the id is unknown or expired. Throws QueueUnavailable.
    virtual std::optional<JobSnapshot> status(std::string_view job_id) = 0;
    /// Never throws: an unreachable backend is reported in the result.
    virtual QueueHealth health() = 0;
};

} // namespace docextract::service
