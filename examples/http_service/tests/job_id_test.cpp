// SPDX-License-Identifier: MIT
#include "job_id.hpp"
#include "job_queue.hpp"

#include <doctest/doctest.h>

#include <set>

using namespace docextract::service;

TEST_SUITE("job_id") {
    TEST_CASE("ids are 32 hex digits and do not repeat") {
        std::set<std::string> seen;
        for (int i = 0; i < 10000; ++i) {
            const std::string id = new_job_id();
            REQUIRE(is_valid_job_id(id));
            REQUIRE(seen.insert(id).second);
        }
    }

    TEST_CASE("anything else is not an id") {
        CHECK_FALSE(is_valid_job_id(""));
        CHECK_FALSE(is_valid_job_id("0123456789abcdef0123456789abcde"));   // 31
        CHECK_FALSE(is_valid_job_id("0123456789abcdef0123456789abcdef0")); // 33
        CHECK_FALSE(is_valid_job_id("0123456789ABCDEF0123456789abcdef"));  // upper case
        CHECK_FALSE(is_valid_job_id("0123456789abcdef0123456789abcde*"));
        CHECK_FALSE(is_valid_job_id("../../../../../../../../../etc/pw"));
    }

    TEST_CASE("job states round-trip through their names") {
        for (JobState state : {JobState::queued, JobState::processing, JobState::done, JobState::failed}) {
            CHECK(parse_job_state(to_string(state)) == state);
        }
        CHECK_FALSE(parse_job_state("finished"));
    }
}
