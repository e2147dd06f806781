// SPDX-License-Identifier: MIT
#pragma once

// Request counts in Redis, so that every API server in front of one Redis applies one rate limit per client:
// a fixed window per key (docextract:rate:<scope>:<client>:<window number>, INCR then EXPIRE). Unlike the
// in-process sliding window, a client can get up to twice the limit across a window boundary.

#include "rate_limiter.hpp"
#include "redis_client.hpp"

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::service {

class RedisRateCounter {
public:
    RedisRateCounter(RedisUrl url, std::chrono::milliseconds timeout);

    /// Counts one request of `key` under `scope` in the current window; refused when it is over `limit`.
    /// nullopt when Redis cannot be reached (the caller falls back to its own count). Thread-safe.
    std::optional<RateLimiter::Decision> hit(std::string_view scope, std::string_view key, std::size_t limit,
                                             std::chrono::seconds window);

private:
    RedisUrl url_;
    std::chrono::milliseconds timeout_;
    std::mutex mutex_;
    std::vector<RedisClient> idle_;
};

} // namespace docextract::service
