// SPDX-License-Identifier: MIT
#include "redis_rate_counter.hpp"

#include <algorithm>
#include <utility>

namespace docextract::service {

RedisRateCounter::RedisRateCounter(RedisUrl url, std::chrono::milliseconds timeout)
    : url_(std::move(url)), timeout_(timeout) {}

std::optional<RateLimiter::Decision> RedisRateCounter::hit(std::string_view scope, std::string_view key,
                                                           std::size_t limit, std::chrono::seconds window) {
    const auto now =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const long long length = std::max<long long>(window.count(), 1);
    const long long number = now / length;
    const std::string counter =
        "docextract:rate:" + std::string(scope) + ":" + std::string(key) + ":" + std::to_string(number);
    const std::string expiry = std::to_string(length + 1);

    std::optional<RedisClient> client;
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            client.emplace(std::move(idle_.back()));
            idle_.pop_back();
        }
    }
    if (!client) {
        client.emplace(url_, timeout_);
    }
    std::vector<RedisReply> replies;
    try {
        replies = client->pipeline({{"INCR", counter}, {"EXPIRE", counter, expiry}});
    } catch (const RedisError&) {
        return std::nullopt;
    }
    {
        const std::lock_guard lock(mutex_);
        idle_.push_back(std::move(*client));
    }
    if (replies.empty() || replies.front().type != RedisReply::Type::integer) {
        return std::nullopt;
    }
    if (replies.front().integer <= static_cast<long long>(limit)) {
        return RateLimiter::Decision{};
    }
    return RateLimiter::Decision{.allowed = false, .retry_after = std::chrono::seconds((number + 1) * length - now)};
}

} // namespace docextract::service
