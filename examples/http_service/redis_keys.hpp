// SPDX-License-Identifier: MIT
#pragma once

// The Redis layout shared by docextract-server (producer) and docextract-worker (consumer):
//   docextract:jobs            stream, one entry per job: job=<id> filename=<name>; consumer group "workers"
//   docextract:job:<id>        hash: status, filename, created_ms, attempts, worker, result | error; EXPIRE = TTL
//   docextract:job:<id>:data   string: the uploaded bytes; EXPIRE = TTL, deleted when the job finishes
//   docextract:workers         sorted set: worker name -> last heartbeat (Redis server time, seconds)

#include <string>
#include <string_view>

namespace docextract::service::redis_keys {

inline constexpr std::string_view stream = "docextract:jobs";
inline constexpr std::string_view group = "workers";
inline constexpr std::string_view workers = "docextract:workers";

inline std::string job(std::string_view id) {
    return "docextract:job:" + std::string(id);
}
inline std::string job_data(std::string_view id) {
    return "docextract:job:" + std::string(id) + ":data";
}

/// Lua: record a heartbeat with the Redis clock (no skew between machines) and forget workers silent for an
/// hour. KEYS[1] = workers set, ARGV[1] = worker name.
inline constexpr std::string_view heartbeat_script = "local now = tonumber(redis.call('TIME')[1]) "
                                                     "redis.call('ZADD', KEYS[1], now, ARGV[1]) "
                                                     "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 3600) "
                                                     "return now";

/// Lua: number of workers with a heartbeat in the last ARGV[1] seconds. KEYS[1] = workers set.
inline constexpr std::string_view workers_seen_script =
    "local now = tonumber(redis.call('TIME')[1]) "
    "return redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[1]), '+inf')";

} // namespace docextract::service::redis_keys
