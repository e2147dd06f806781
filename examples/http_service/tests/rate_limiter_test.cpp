// SPDX-License-Identifier: MIT
#include "rate_limiter.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string_view>

using docextract::service::RateLimiter;
using namespace std::chrono_literals;

TEST_SUITE("rate_limiter") {
    TEST_CASE("allows the limit within the window, then refuses with the wait until the oldest leaves") {
        RateLimiter limiter(3, 60s);
        const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
        CHECK(limiter.check("10.0.0.1", t0).allowed);
        CHECK(limiter.check("10.0.0.1", t0 + 10s).allowed);
        CHECK(limiter.check("10.0.0.1", t0 + 20s).allowed);
        const RateLimiter::Decision refused = limiter.check("10.0.0.1", t0 + 30s);
        CHECK_FALSE(refused.allowed);
        CHECK(refused.retry_after == 30s); // the request at t0 leaves the window at t0 + 60 s
        // Refused requests do not count: at t0 + 60 s exactly one slot is free again.
        CHECK(limiter.check("10.0.0.1", t0 + 60s).allowed);
        CHECK_FALSE(limiter.check("10.0.0.1", t0 + 60s).allowed);
    }

    TEST_CASE("retry_after is rounded up to whole seconds and at least one") {
        RateLimiter limiter(1, 60s);
        const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
        CHECK(limiter.check("a", t0).allowed);
        CHECK(limiter.check("a", t0 + 59s + 500ms).retry_after == 1s);
        CHECK(limiter.check("a", t0 + 1500ms).retry_after == 59s);
    }

    TEST_CASE("clients are counted separately") {
        RateLimiter limiter(1, 60s);
        const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
        CHECK(limiter.check("10.0.0.1", t0).allowed);
        CHECK(limiter.check("10.0.0.2", t0).allowed);
        CHECK_FALSE(limiter.check("10.0.0.1", t0 + 1s).allowed);
        CHECK_FALSE(limiter.check("10.0.0.2", t0 + 1s).allowed);
    }

    TEST_CASE("a limit of zero disables limiting") {
        RateLimiter limiter(0, 60s);
        for (int i = 0; i < 1000; ++i) {
            REQUIRE(limiter.check("10.0.0.1").allowed);
        }
        CHECK(limiter.tracked_keys() == 0);
    }

    TEST_CASE("clients that went quiet are forgotten") {
        RateLimiter limiter(5, 60s);
        const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
        for (int i = 0; i < 100; ++i) {
            limiter.check("client-" + std::to_string(i), t0);
        }
        CHECK(limiter.tracked_keys() == 100);
        limiter.check("late", t0 + 61s); // a check after a full window sweeps idle keys
        CHECK(limiter.tracked_keys() == 1);
    }

    TEST_CASE("a shared count decides while it answers, and without it the local window does") {
        RateLimiter limiter(1, 60s);
        const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
        bool reachable = true;
        std::size_t seen_limit = 0;
        limiter.share([&](std::string_view, std::size_t limit) -> std::optional<RateLimiter::Decision> {
            seen_limit = limit;
            if (!reachable) {
                return std::nullopt;
            }
            return RateLimiter::Decision{.allowed = false, .retry_after = 7s};
        });
        const RateLimiter::Decision shared = limiter.check("a", t0);
        CHECK_FALSE(shared.allowed);
        CHECK(shared.retry_after == 7s);
        CHECK(seen_limit == 1);
        reachable = false;
        CHECK(limiter.check("a", t0).allowed);
        CHECK_FALSE(limiter.check("a", t0 + 1s).allowed);
    }
}
