// SPDX-License-Identifier: MIT
#pragma once

// The consumer side of the Redis queue, run by docextract-worker: read jobs from the stream's consumer group,
// run the pipeline, store the result, acknowledge. A job whose worker died (never acknowledged, lease not
// renewed for the visibility timeout) is claimed by another worker; after max_attempts deliveries it is
// marked failed instead of being retried forever.

#include "job_processor.hpp"
#include "redis_client.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>

namespace docextract::service {

struct RedisWorkerOptions {
    RedisUrl url;
    std::string consumer;                                ///< Unique name in the consumer group.
    std::chrono::milliseconds visibility_timeout{30000}; ///< Unrenewed jobs are claimed after this (default 30 s).
    int max_attempts = 3;                                ///< Deliveries before a job is failed (default 3).
    std::chrono::seconds result_ttl{3600};               ///< Lifetime of a finished job (default 1 hour).
    std::chrono::milliseconds block{1000};               ///< Longest wait for a new job, i.e. stop latency.
};

/// Called with one line of text for the log.
using LogSink = std::function<void(const std::string&)>;

class RedisWorker {
public:
    RedisWorker(RedisWorkerOptions options, JobProcessor processor, LogSink log);

    /// Takes and processes jobs until `stop` is true; a job being processed when stop is set is finished first.
    /// Redis outages are waited out (retrying every second).
    void run(const std::atomic<bool>& stop);

private:
    struct Entry {
        std::string id;
        std::string job_id;
        std::string filename;
    };

    void ensure_group();
    bool claim_stale(Entry& entry, long long& deliveries);
    bool read_new(Entry& entry);
    void handle(const Entry& entry, long long deliveries);
    void finish(const Entry& entry, bool ok, const std::string& result_json, const std::string& error);
    void forget(const Entry& entry);
    void heartbeat_loop(const std::atomic<bool>& done);

    RedisWorkerOptions options_;
    JobProcessor processor_;
    LogSink log_;
    RedisClient client_;
    std::mutex lease_mutex_;
    std::string lease_entry_; ///< Stream entry being processed; the heartbeat renews its claim.
};

} // namespace docextract::service
