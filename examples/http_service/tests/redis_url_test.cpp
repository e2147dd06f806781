// SPDX-License-Identifier: MIT
#include "redis_client.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace docextract::service;

TEST_SUITE("redis_url") {
    TEST_CASE("host, port and database") {
        const RedisUrl url = parse_redis_url("redis://cache.internal:6380/2");
        CHECK(url.host == "cache.internal");
        CHECK(url.port == 6380);
        CHECK(url.db == 2);
        CHECK(url.password.empty());
    }

    TEST_CASE("defaults for what is left out") {
        const RedisUrl bare = parse_redis_url("redis://");
        CHECK(bare.host == "127.0.0.1");
        CHECK(bare.port == 6379);
        CHECK(bare.db == 0);
        const RedisUrl host_only = parse_redis_url("redis://redis");
        CHECK(host_only.host == "redis");
        CHECK(host_only.port == 6379);
        CHECK(parse_redis_url("redis://redis/").db == 0);
    }

    TEST_CASE("credentials") {
        const RedisUrl password_only = parse_redis_url("redis://:s3cret@10.0.0.5:6379/1");
        CHECK(password_only.username.empty());
        CHECK(password_only.password == "s3cret");
        CHECK(password_only.host == "10.0.0.5");
        const RedisUrl user = parse_redis_url("redis://app:pa:ss@h/0");
        CHECK(user.username == "app");
        CHECK(user.password == "pa:ss");
        CHECK(display_url(user) == "redis://app:***@h:6379/0");
    }

    TEST_CASE("IPv6 literal") {
        const RedisUrl url = parse_redis_url("redis://[::1]:7000/3");
        CHECK(url.host == "::1");
        CHECK(url.port == 7000);
        CHECK(url.db == 3);
        CHECK(display_url(url) == "redis://[::1]:7000/3");
    }

    TEST_CASE("malformed URLs are refused with a message") {
        for (const char* text : {"http://host:6379", "host:6379", "redis://host:port", "redis://host:70000",
                                 "redis://host:6379/x", "redis://[::1", "redis://host:6379/-1"}) {
            CAPTURE(text);
            CHECK_THROWS_AS(parse_redis_url(text), std::invalid_argument);
        }
    }
}
