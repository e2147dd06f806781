// SPDX-License-Identifier: MIT
#include "rate_limiter.hpp"

#include <algorithm>

namespace docextract::service {

RateLimiter::RateLimiter(std::size_t limit, std::chrono::seconds window) : limit_(limit), window_(window) {}

RateLimiter::Decision RateLimiter::check(std::string_view key, Clock::time_point now) {
    if (limit_ == 0) {
        return {};
    }
    if (shared_) {
        if (const std::optional<Decision> decision = shared_(key, limit_)) {
            return *decision;
        }
    }
    const std::lock_guard lock(mutex_);
    forget_idle_locked(now);
    std::deque<Clock::time_point>& times = hits_[std::string(key)];
    while (!times.empty() && times.front() + window_ <= now) {
        times.pop_front();
    }
    if (times.size() < limit_) {
        times.push_back(now);
        return {};
    }
    // The oldest request in the window leaves it at times.front() + window; round up to whole seconds.
    const auto wait = times.front() + window_ - now;
    auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
    return Decision{.allowed = false, .retry_after = std::max(seconds, std::chrono::seconds(1))};
}

std::size_t RateLimiter::tracked_keys() {
    const std::lock_guard lock(mutex_);
    return hits_.size();
}

void RateLimiter::forget_idle_locked(Clock::time_point now) {
    // Keys whose newest request has left the window carry no information; drop them now and then so a
    // stream of distinct clients cannot grow the map without bound.
    if (now < next_cleanup_) {
        return;
    }
    next_cleanup_ = now + window_;
    std::erase_if(hits_,
                  [&](const auto& entry) { return entry.second.empty() || entry.second.back() + window_ <= now; });
}

} // namespace docextract::service
