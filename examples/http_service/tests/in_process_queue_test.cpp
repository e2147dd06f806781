// SPDX-License-Identifier: MIT
// The in-process queue's own mechanics (states, expiry, capacity, shutdown). The processor here is a gate the
// test opens, so each state can be observed; the real pipeline runs behind the queue in the API tests.
#include "in_process_queue.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

using namespace docextract::service;
using namespace std::chrono_literals;

namespace {

class Gate {
public:
    JobOutcome pass(std::string_view bytes, const std::string& filename) {
        std::unique_lock lock(mutex_);
        ++entered_;
        changed_.notify_all();
        changed_.wait(lock, [this] { return open_; });
        if (bytes == "fail") {
            return JobOutcome{.ok = false, .result_json = {}, .error = "cannot read " + filename};
        }
        if (bytes == "throw") {
            throw std::runtime_error("processor blew up");
        }
        return JobOutcome{.ok = true,
                          .result_json =
                              "{\"filename\":\"" + filename + "\",\"size\":" + std::to_string(bytes.size()) + "}",
                          .error = {}};
    }
    void wait_entered(int count) {
        std::unique_lock lock(mutex_);
        REQUIRE(changed_.wait_for(lock, 10s, [&] { return entered_ >= count; }));
    }
    void open() {
        const std::lock_guard lock(mutex_);
        open_ = true;
        changed_.notify_all();
    }
    ProcessorFactory factory() {
        return [this] { return [this](std::string_view bytes, const std::string& name) { return pass(bytes, name); }; };
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    int entered_ = 0;
    bool open_ = false;
};

JobSnapshot wait_for(InProcessQueue& queue, const std::string& id, JobState state) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
        if (auto job = queue.status(id); job && job->state == state) {
            return *job;
        }
        std::this_thread::sleep_for(5ms);
    }
    FAIL("job did not reach state " << to_string(state));
    return {};
}

} // namespace

TEST_SUITE("in_process_queue") {
    TEST_CASE("jobs go queued, processing, done, and health counts them") {
        Gate gate;
        InProcessQueue queue({.workers = 1, .result_ttl = 3600s, .max_queued = 10}, gate.factory());
        const std::string first = queue.enqueue({"a.png", "12345"});
        const std::string second = queue.enqueue({"b.png", "123"});
        CHECK(first != second);
        gate.wait_entered(1);
        CHECK(queue.status(first)->state == JobState::processing);
        CHECK(queue.status(second)->state == JobState::queued);
        const QueueHealth busy = queue.health();
        CHECK(busy.backend == "in-process");
        CHECK(busy.queued == 1);
        CHECK(busy.processing == 1);
        CHECK(busy.workers_seen == 1);
        gate.open();
        CHECK(wait_for(queue, first, JobState::done).result_json == R"({"filename":"a.png","size":5})");
        CHECK(wait_for(queue, second, JobState::done).result_json == R"({"filename":"b.png","size":3})");
        CHECK(queue.health().queued == 0);
        CHECK_FALSE(queue.status("0123456789abcdef0123456789abcdef"));
    }

    TEST_CASE("a failed outcome and a throwing processor both end as failed with a message") {
        Gate gate;
        gate.open();
        InProcessQueue queue({.workers = 2, .result_ttl = 3600s, .max_queued = 10}, gate.factory());
        const std::string failed = queue.enqueue({"bad.pdf", "fail"});
        const std::string thrown = queue.enqueue({"odd.pdf", "throw"});
        CHECK(wait_for(queue, failed, JobState::failed).error == "cannot read bad.pdf");
        CHECK(wait_for(queue, thrown, JobState::failed).error == "internal error: processor blew up");
        // The workers survived: another job still completes.
        CHECK(wait_for(queue, queue.enqueue({"ok.png", "x"}), JobState::done).result_json.find("ok.png") !=
              std::string::npos);
    }

    TEST_CASE("finished jobs expire after the result TTL") {
        Gate gate;
        gate.open();
        InProcessQueue queue({.workers = 1, .result_ttl = 1s, .max_queued = 10}, gate.factory());
        const std::string id = queue.enqueue({"a.png", "x"});
        wait_for(queue, id, JobState::done);
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (queue.status(id) && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(50ms);
        }
        CHECK_FALSE(queue.status(id));
    }

    TEST_CASE("a full queue refuses new jobs") {
        Gate gate;
        InProcessQueue queue({.workers = 1, .result_ttl = 3600s, .max_queued = 1}, gate.factory());
        queue.enqueue({"running.png", "x"});
        gate.wait_entered(1);
        queue.enqueue({"waiting.png", "x"});
        CHECK_THROWS_AS(queue.enqueue({"refused.png", "x"}), QueueUnavailable);
        gate.open();
    }

    TEST_CASE("shutdown finishes the running job, drops the waiting ones and refuses new ones") {
        Gate gate;
        InProcessQueue queue({.workers = 1, .result_ttl = 3600s, .max_queued = 10}, gate.factory());
        const std::string running = queue.enqueue({"running.png", "x"});
        const std::string waiting = queue.enqueue({"waiting.png", "x"});
        gate.wait_entered(1);
        std::size_t dropped = 0;
        std::thread stopper([&] { dropped = queue.shutdown(); });
        std::this_thread::sleep_for(50ms);
        gate.open();
        stopper.join();
        CHECK(dropped == 1);
        CHECK(queue.status(running)->state == JobState::done);
        CHECK_FALSE(queue.status(waiting));
        CHECK_THROWS_AS(queue.enqueue({"late.png", "x"}), QueueUnavailable);
        CHECK(queue.health().workers_seen == 0);
    }

    TEST_CASE("shutdown raises the cancel flag: the running job stops and is dropped, not failed") {
        auto cancel = std::make_shared<std::atomic<bool>>(false);
        std::atomic<bool> entered{false};
        const ProcessorFactory factory = [&]() -> JobProcessor {
            return [&](std::string_view, const std::string&) {
                entered = true;
                while (!cancel->load()) { // a long job that watches the flag, as the pipeline does
                    std::this_thread::sleep_for(1ms);
                }
                return JobOutcome{.ok = false, .result_json = {}, .error = "cancelled: stopped", .cancelled = true};
            };
        };
        InProcessQueue queue({.workers = 1, .result_ttl = 3600s, .max_queued = 10, .cancel = cancel}, factory);
        const std::string running = queue.enqueue({"running.png", "x"});
        const std::string waiting = queue.enqueue({"waiting.png", "x"});
        for (int i = 0; i < 10000 && !entered; ++i) {
            std::this_thread::sleep_for(1ms);
        }
        REQUIRE(entered);
        CHECK(queue.shutdown() == 2); // returns only once the running job has stopped
        CHECK(cancel->load());
        CHECK_FALSE(queue.status(running)); // no "failed" outcome: the job store keeps it for the next start
        CHECK_FALSE(queue.status(waiting));
    }

    TEST_CASE("a processor that cannot be built fails the constructor") {
        int built = 0;
        const ProcessorFactory factory = [&]() -> JobProcessor {
            if (++built == 2) {
                throw std::runtime_error("no language data");
            }
            return [](std::string_view, const std::string&) { return JobOutcome{}; };
        };
        CHECK_THROWS_WITH_AS(InProcessQueue({.workers = 3, .result_ttl = 3600s, .max_queued = 10}, factory),
                             "no language data", std::runtime_error);
    }
}
