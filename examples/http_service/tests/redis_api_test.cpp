// SPDX-License-Identifier: MIT
// docextract-server --redis with docextract-worker processes and a private redis-server: the distributed mode,
// including lost workers, repeated failures, expiry and an unreachable Redis. Skipped without redis-server.
#include "test_support.hpp"

#include <docextract/docextract.hpp>

#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <set>
#include <span>
#include <stdexcept>
#include <string_view>
#include <thread>

using namespace docextract::service::testing;

namespace {

std::size_t count_of(const std::string& text, std::string_view needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

/// Waits until `key` exists in Redis; throws after a minute.
void wait_for_redis(const RedisServer& redis, const std::string& key) {
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (redis.command({"EXISTS", key}) != 1) {
        if (std::chrono::steady_clock::now() >= deadline) {
            throw std::runtime_error("no " + key + " in Redis after a minute");
        }
        std::this_thread::sleep_for(20ms);
    }
}

std::string job_field(const RedisServer& redis, const std::string& id, const char* field) {
    const nlohmann::json value = redis.command({"HGET", "docextract:job:" + id, field});
    return value.is_string() ? value.get<std::string>() : std::string();
}

/// The body of /health while Redis is down, to a client allowed to see the Redis URL: fixed words only, none of
/// the connection's error text ("cannot connect to Redis at …: Connection refused").
void check_health_redis_down(const nlohmann::json& body) {
    CAPTURE(body.dump());
    CHECK(body.at("status") == "unavailable");
    CHECK(body.at("backend") == "redis");
    CHECK(body.at("redis") == "unreachable");
    CHECK(body.at("error") == "the job queue is unavailable; retry later");
    const std::set<std::string> known = {"status",           "backend", "queue_depth", "processing",
                                         "workers_seen",     "redis",   "redis_url",   "max_upload_bytes",
                                         "api_key_required", "store",   "job_store",   "error"};
    for (const auto& [key, value] : body.items()) {
        CHECK_MESSAGE(known.contains(key), key);
    }
    const std::string text = body.dump();
    for (const char* internal : {"Redis", "connect", "refused", "closed", "timed out"}) {
        CHECK_MESSAGE(text.find(internal) == std::string::npos, internal);
    }
}

} // namespace

TEST_SUITE("redis") {
    TEST_CASE("a job travels through Redis to a worker and back as the CLI's JSON") {
        RedisServer redis;
        ServerProcess server({"--redis", redis.url()});
        auto worker = start_worker(redis.url(), {"--name", "solo"});
        httplib::Client client = server.client();

        const std::string bytes = read_file(sample("receipt_small.png"));
        const std::string id = submit(client, bytes, "receipt_small.png");
        const nlohmann::json done = wait_for_job(client, id, {"done", "failed"});
        REQUIRE_MESSAGE(done.at("status") == "done", done.dump());

        docextract::PipelineOptions options;
        options.document_traits = true; // as the service runs it: the vendor memory learns from these
        docextract::Pipeline pipeline(options);
        const auto data = std::as_bytes(std::span<const char>(bytes.data(), bytes.size()));
        const nlohmann::json expected =
            nlohmann::json::parse(docextract::to_json(pipeline.run(data, "receipt_small.png")));
        CHECK(without_timings(done.at("result")) == without_timings(expected));

        // The upload went through Redis and is gone once processed; the job state expires (1 hour by default).
        CHECK(job_field(redis, id, "worker") == "solo");
        CHECK(redis.command({"EXISTS", "docextract:job:" + id + ":data"}) == 0);
        const nlohmann::json ttl = redis.command({"TTL", "docextract:job:" + id});
        CHECK(ttl.get<int>() > 3500);
        CHECK(ttl.get<int>() <= 3600);
        CHECK(redis.command({"XLEN", "docextract:jobs"}) == 0);
    }

    TEST_CASE("two workers share one queue, and a long job is not taken from a live worker") {
        RedisServer redis;
        ServerProcess server({"--redis", redis.url(), "--extract-per-minute", "0"});
        // A visibility timeout shorter than a job: only the lease renewal keeps other workers off it.
        auto first = start_worker(redis.url(), {"--name", "first", "--visibility-timeout", "1.5"});
        auto second = start_worker(redis.url(), {"--name", "second", "--visibility-timeout", "1.5"});
        httplib::Client client = server.client();

        const std::string bytes = read_file(sample("invoice.png")); // its OCR usually outlasts 1.5 s
        std::vector<std::string> ids;
        for (int i = 0; i < 4; ++i) {
            ids.push_back(submit(client, bytes, "invoice_" + std::to_string(i) + ".png"));
        }
        std::set<std::string> workers;
        for (const std::string& id : ids) {
            CHECK(wait_for_job(client, id, {"done", "failed"}).at("status") == "done");
            workers.insert(job_field(redis, id, "worker"));
            CHECK(job_field(redis, id, "attempts") == "1");
        }
        CHECK(workers == std::set<std::string>{"first", "second"});
        const nlohmann::json health = body_json(client.Get("/health"));
        CHECK(health.at("workers_seen") == 2);
        CHECK(health.at("queue_depth") == 0);
    }

    TEST_CASE("a worker killed with SIGKILL in the middle of a job: the job still completes") {
        RedisServer redis;
        ServerProcess server({"--redis", redis.url()});
        auto doomed = start_worker(redis.url(), {"--name", "doomed", "--visibility-timeout", "1"});
        httplib::Client client = server.client();
        const std::string id = submit(client, read_file(sample("invoice.png")), "invoice.png");
        wait_for_job(client, id, {"processing"});
        REQUIRE(job_field(redis, id, "worker") == "doomed");
        doomed->send_signal(SIGKILL);
        REQUIRE(doomed->wait_exit(10s) == 128 + SIGKILL);

        auto rescuer = start_worker(redis.url(), {"--name", "rescuer", "--visibility-timeout", "1"});
        const nlohmann::json done = wait_for_job(client, id, {"done", "failed"});
        CHECK_MESSAGE(done.at("status") == "done", done.dump());
        CHECK(done.at("result").at("filename") == "invoice.png");
        CHECK(job_field(redis, id, "worker") == "rescuer");
        CHECK(job_field(redis, id, "attempts") == "2");
    }

    TEST_CASE("a job whose worker keeps dying ends as failed with the reason, not in a loop") {
        RedisServer redis;
        ServerProcess server({"--redis", redis.url()});
        const std::vector<std::string> options = {"--visibility-timeout", "1", "--max-attempts", "1"};
        auto doomed = start_worker(redis.url(), options);
        httplib::Client client = server.client();
        const std::string id = submit(client, read_file(sample("invoice.png")), "invoice.png");
        wait_for_job(client, id, {"processing"});
        doomed->send_signal(SIGKILL);
        doomed->wait_exit(10s);

        auto next = start_worker(redis.url(), options);
        const nlohmann::json failed = wait_for_job(client, id, {"done", "failed"});
        CHECK(failed.at("status") == "failed");
        CHECK(failed.at("error").get<std::string>().find("gave up after 1 attempts") != std::string::npos);
        // Nothing is left pending for another round.
        CHECK(redis.command({"XLEN", "docextract:jobs"}) == 0);
        CHECK(redis.command({"XPENDING", "docextract:jobs", "workers"}).at(0) == 0);
    }

    TEST_CASE("SIGTERM on a worker: it finishes the running job, then exits") {
        RedisServer redis;
        ServerProcess server({"--redis", redis.url()});
        auto worker = start_worker(redis.url());
        httplib::Client client = server.client();
        const std::string id = submit(client, read_file(sample("receipt_small.png")), "receipt_small.png");
        wait_for_job(client, id, {"processing"});
        worker->send_signal(SIGTERM);
        const std::optional<int> status = worker->wait_exit(120s);
        REQUIRE(status);
        CHECK(*status == 0);
        const nlohmann::json job = body_json(client.Get("/result/" + id));
        CHECK(job.at("status") == "done");
    }

    TEST_CASE("a result outlives its Redis TTL: the job store keeps the record") {
        RedisServer redis;
        ServerProcess server({"--redis", redis.url(), "--result-ttl", "1"});
        auto worker = start_worker(redis.url(), {"--result-ttl", "1"});
        httplib::Client client = server.client();
        const std::string id = submit(client, read_file(sample("invoice_text.pdf")), "invoice_text.pdf");
        const nlohmann::json done = wait_for_job(client, id, {"done", "failed"});
        CHECK(done.at("status") == "done");
        // Redis forgets the job after its 1 s TTL (it was only the hand-over) ...
        const auto deadline = std::chrono::steady_clock::now() + 20s;
        while (redis.command({"EXISTS", "docextract:job:" + id}) == 1 && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(100ms);
        }
        CHECK(redis.command({"EXISTS", "docextract:job:" + id}) == 0);
        // ... the store still answers, with the same result.
        const nlohmann::json later = body_json(client.Get("/result/" + id));
        CHECK(later.at("status") == "done");
        CHECK(later.at("result") == done.at("result"));
    }

    TEST_CASE("health counts waiting jobs and the workers seen") {
        RedisServer redis;
        ServerProcess server({"--redis", redis.url()});
        httplib::Client client = server.client();
        const std::string bytes = read_file(sample("invoice_text.pdf"));
        submit(client, bytes, "a.pdf");
        submit(client, bytes, "b.pdf");
        nlohmann::json health = body_json(client.Get("/health"));
        CHECK(health.at("status") == "ok");
        CHECK(health.at("redis") == "reachable");
        CHECK(health.at("queue_depth") == 2);
        CHECK(health.at("workers_seen") == 0);

        auto worker = start_worker(redis.url());
        const auto deadline = std::chrono::steady_clock::now() + 60s;
        while (std::chrono::steady_clock::now() < deadline) {
            health = body_json(client.Get("/health"));
            if (health.at("queue_depth") == 0 && health.at("processing") == 0) {
                break;
            }
            std::this_thread::sleep_for(50ms);
        }
        CHECK(health.at("queue_depth") == 0);
        CHECK(health.at("workers_seen") == 1);
    }

    TEST_CASE("a worker logs a Redis outage once and the recovery once, however long the outage lasts") {
        const std::filesystem::path dir = scratch_dir("worker-log");
        const std::filesystem::path log = dir / "worker.log";
        {
            RedisServer redis;
            auto worker = start_worker(redis.url(), {"--name", "patient"}, log);
            // Stop Redis only once the worker is in its loop (it has created the consumer group).
            wait_for_redis(redis, "docextract:jobs");
            redis.stop();
            wait_for_file(
                log, [](const std::string& text) { return text.find("waiting for Redis") != std::string::npos; }, 60s);
            // The worker retries once a second: give it several retries while Redis is down.
            std::this_thread::sleep_for(4s);
            redis.restart();
            wait_for_file(
                log, [](const std::string& text) { return text.find("Redis reachable again") != std::string::npos; },
                60s);
            // It really talks to Redis again: the fresh server got the consumer group back from the worker.
            wait_for_redis(redis, "docextract:jobs");
            CHECK(redis.command({"XINFO", "GROUPS", "docextract:jobs"}).size() == 1);
            std::this_thread::sleep_for(2s); // a repeated line would show up here
            const std::string text = read_file(log);
            CAPTURE(text);
            CHECK(count_of(text, "waiting for Redis") == 1);
            CHECK(count_of(text, "Redis reachable again") == 1);
            CHECK(text.find("waiting for Redis") < text.find("Redis reachable again"));
        }
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("Redis unreachable: /extract and /result answer 503 with a fixed error, /health says so, and the "
              "server serves again once Redis is back") {
        RedisServer redis;
        const std::filesystem::path log = scratch_dir("redis-down-log") / "server.log";
        ServerProcess server({"--redis", redis.url(), "--redis-timeout-ms", "500"}, log);
        httplib::Client client = server.client();
        const std::string bytes = read_file(sample("invoice_text.pdf"));
        const std::string id = submit(client, bytes, "a.pdf");
        CHECK(status_code(client.Get("/health")) == 200);

        redis.stop();
        // The client learns that the queue is down, not where Redis is or what the connection said.
        const std::string port = std::to_string(redis.port());
        const nlohmann::json queue_down = {{"error", "the job queue is unavailable; retry later"}};
        const httplib::Result refused = upload(client, "/extract", bytes, "b.pdf");
        REQUIRE_MESSAGE(refused, describe(refused));
        CHECK(refused->status == 503);
        CHECK(body_json(refused) == queue_down);
        CHECK(refused->get_header_value("Retry-After") == "5");
        for (const std::string& internal : {std::string("Redis"), std::string("127.0.0.1"), port}) {
            CHECK_MESSAGE(refused->body.find(internal) == std::string::npos, internal);
        }
        const std::string logged = read_file(log);
        CHECK_MESSAGE(logged.find("POST /extract: 503, ") != std::string::npos, logged);

        // /health names the part that is down in fixed words; the connection's own error is in the log only.
        const httplib::Result health = client.Get("/health");
        REQUIRE_MESSAGE(health, describe(health));
        CHECK(health->status == 503);
        check_health_redis_down(body_json(health));
        // "cannot connect to Redis at …" or "Redis reply failed (…)", whichever request noticed the outage last.
        const std::string health_logged = read_file(log);
        const auto health_line = health_logged.find("GET /health: 503, ");
        REQUIRE_MESSAGE(health_line != std::string::npos, health_logged);
        CHECK(health_logged.substr(health_line, health_logged.find('\n', health_line) - health_line).find("Redis") !=
              std::string::npos);

        const httplib::Result result = client.Get("/result/" + id);
        REQUIRE_MESSAGE(result, describe(result));
        CHECK(result->status == 503);
        CHECK(body_json(result) == queue_down);
        CHECK(result->get_header_value("Retry-After") == "5");
        CHECK(read_file(log).find("GET /result/" + id + ": 503, ") != std::string::npos);
        // Validation still answers without Redis.
        CHECK(status_code(upload(client, "/extract", "plain text", "a.txt")) == 415);

        // Redis back (empty, on the same port): the same server takes jobs again, without a restart.
        redis.restart();
        const std::string later = submit(client, bytes, "c.pdf");
        const httplib::Result queued = client.Get("/result/" + later);
        REQUIRE_MESSAGE(status_code(queued) == 200, describe(queued));
        CHECK(body_json(queued).at("status") == "queued"); // no worker in this test
    }
}
