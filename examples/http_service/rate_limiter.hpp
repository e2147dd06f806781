// SPDX-License-Identifier: MIT
#pragma once

// Per-client request limits: at most N requests in any sliding window (e.g. 10 per 60 s) per key (client IP).

#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace docextract::service {

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;

    /// The outcome of one check.
    struct Decision {
        bool allowed = true;
        std::chrono::seconds retry_after{0}; ///< When refused: whole seconds until a request would be allowed.
    };

    /// `limit` requests per `window`; a limit of 0 disables limiting.
    RateLimiter(std::size_t limit, std::chrono::seconds window);

    /// Records a request for `key` at `now` if it is allowed (refused requests do not count). Thread-safe.
    Decision check(std::string_view key, Clock::time_point now);
    /// check() at the current time.
    Decision check(std::string_view key) { return check(key, Clock::now()); }

    /// Number of keys currently tracked (for tests of the cleanup).
    std::size_t tracked_keys();

    /// Counts every request with `shared` as well (e.g. in Redis, so that all API replicas share one limit): its
    /// decision wins; when it has none (nullopt: the store is unreachable) this limiter's own window decides.
    using SharedCheck = std::function<std::optional<Decision>(std::string_view key, std::size_t limit)>;
    void share(SharedCheck shared) { shared_ = std::move(shared); }

private:
    void forget_idle_locked(Clock::time_point now);

    std::size_t limit_;
    std::chrono::seconds window_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::deque<Clock::time_point>> hits_;
    Clock::time_point next_cleanup_{};
    SharedCheck shared_;
};

} // namespace docextract::service
