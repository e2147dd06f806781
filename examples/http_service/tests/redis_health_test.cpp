// SPDX-License-Identifier: MIT
// RedisQueue::health() against a private redis-server: the snapshot kept by RedisHealthMonitor, exact for this
// server's own jobs between refreshes, and reachability from refreshes and from failed requests.
// Skipped without redis-server.
#include "redis_health_monitor.hpp"
#include "redis_queue.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <thread>

using namespace docextract::service;
using namespace docextract::service::testing;

namespace {

RedisQueueOptions options_for(const RedisServer& redis, std::chrono::milliseconds refresh) {
    RedisQueueOptions options;
    options.url = parse_redis_url(redis.url());
    options.timeout = 500ms;
    options.health_refresh = refresh;
    return options;
}

Upload small_upload() {
    return Upload{.filename = "a.pdf", .bytes = "%PDF-1.4 not read by the queue"};
}

} // namespace

TEST_SUITE("redis_health") {
    TEST_CASE("stream ids parse as Redis orders them") {
        CHECK(parse_stream_id("1795888956008-0") == StreamId{1795888956008, 0});
        CHECK(parse_stream_id("0-0") == StreamId{});
        CHECK(*parse_stream_id("5-10") > *parse_stream_id("5-9"));
        CHECK(*parse_stream_id("6-0") > *parse_stream_id("5-99"));
        CHECK_FALSE(parse_stream_id(""));
        CHECK_FALSE(parse_stream_id("17"));
        CHECK_FALSE(parse_stream_id("-1"));
        CHECK_FALSE(parse_stream_id("1-"));
        CHECK_FALSE(parse_stream_id("1-2x"));
        CHECK_FALSE(parse_stream_id("a-1"));
    }

    TEST_CASE("queue depth counts this server's jobs at once, between refreshes") {
        RedisServer redis;
        RedisQueue queue(options_for(redis, std::chrono::hours(1))); // one refresh, at start
        QueueHealth health = queue.health();
        REQUIRE(health.reachable);
        CHECK(health.backend == "redis");
        CHECK(health.queued == 0);
        queue.enqueue(small_upload());
        queue.enqueue(small_upload());
        health = queue.health();
        CHECK(health.queued == 2);
        CHECK(health.processing == 0);
        CHECK(health.workers_seen == 0);

        // Another server refreshes after those two: it sees them in Redis, and its own job once, not twice.
        RedisQueue other(options_for(redis, std::chrono::hours(1)));
        CHECK(other.health().queued == 2);
        other.enqueue(small_upload());
        CHECK(other.health().queued == 3);
        CHECK(redis.command({"XLEN", "docextract:jobs"}) == 3);
    }

    TEST_CASE("queue depth stays exact while refreshes overlap the enqueues") {
        RedisServer redis;
        RedisQueue queue(options_for(redis, std::chrono::milliseconds(1)));
        for (std::size_t i = 1; i <= 200; ++i) {
            queue.enqueue(small_upload());
            const QueueHealth health = queue.health();
            REQUIRE(health.reachable);
            REQUIRE_MESSAGE(health.queued == i, "after enqueue " << i << ": " << health.queued);
        }
    }

    TEST_CASE("a failed request makes health unreachable at once, and a refresh finds an outage by itself") {
        RedisServer redis;
        RedisQueue idle_refresh(options_for(redis, std::chrono::hours(1)));
        RedisQueue quick_refresh(options_for(redis, std::chrono::milliseconds(20)));
        REQUIRE(idle_refresh.health().reachable);
        REQUIRE(quick_refresh.health().reachable);
        redis.stop();

        CHECK_THROWS_AS(idle_refresh.enqueue(small_upload()), QueueUnavailable);
        const QueueHealth after_failure = idle_refresh.health();
        CHECK_FALSE(after_failure.reachable);
        CHECK_FALSE(after_failure.detail.empty());

        QueueHealth polled = quick_refresh.health();
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (polled.reachable && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(10ms);
            polled = quick_refresh.health();
        }
        CHECK_FALSE(polled.reachable);
        CHECK_FALSE(polled.detail.empty());
    }
}
