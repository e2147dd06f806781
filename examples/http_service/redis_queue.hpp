// SPDX-License-Identifier: MIT
#pragma once

// The server side of the Redis queue: store the upload, add a stream entry, read job state, report health
// (from RedisHealthMonitor's snapshot, no Redis round trip per /health). Workers (redis_worker.hpp) consume the
// stream. Layout: redis_keys.hpp.

#include "job_queue.hpp"
#include "redis_client.hpp"
#include "redis_health_monitor.hpp"

#include <chrono>
#include <mutex>
#include <vector>

namespace docextract::service {

struct RedisQueueOptions {
    RedisUrl url;
    std::chrono::seconds result_ttl{3600};         ///< Lifetime of job state, result and upload (default 1 hour).
    std::chrono::milliseconds timeout{2000};       ///< Connect and reply timeout (default 2 s).
    std::chrono::seconds workers_window{15};       ///< A worker counts as seen if it beat within this (default 15 s).
    std::chrono::milliseconds health_refresh{100}; ///< How often /health's figures are read from Redis.
    std::size_t max_queued = 1000; ///< Jobs waiting for a worker beyond which enqueue refuses (0: no limit).
};

class RedisQueue final : public JobQueue {
public:
    /// Does not need Redis to be up: connections are made per request and failures answered with 503.
    explicit RedisQueue(RedisQueueOptions options);

    std::string enqueue(Upload upload) override;
    void enqueue_as(const std::string& id, Upload upload) override;
    std::optional<JobSnapshot> status(std::string_view job_id) override;
    /// Answers from the monitor's snapshot: no Redis round trip (see redis_health_monitor.hpp).
    QueueHealth health() override;

private:
    /// Runs `work` with a pooled connection. A connection that was idle in the pool may have been closed by
    /// Redis (restart, timeout): then the work is retried once on a fresh connection. Tells the monitor whether
    /// Redis answered.
    template <typename Work> auto with_client(Work&& work);

    RedisQueueOptions options_;
    std::mutex mutex_;
    std::vector<RedisClient> idle_;
    RedisHealthMonitor monitor_; ///< Last: its thread starts once the rest exists.
};

} // namespace docextract::service
