// SPDX-License-Identifier: MIT
// 503 answers while the job store is down: a real PostgreSQL stopped under a running server. Every route that
// needs the store answers a fixed message with Retry-After, never the database's own error text, which goes to
// the server log; once PostgreSQL is back the same server process answers again.
#include "postgres_server.hpp"
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace docextract::service::testing;

namespace {

/// 503 with Retry-After: 5 and a body that is exactly {"error": "the job store is unavailable; retry later"},
/// holding none of `internals`.
void check_store_down(const httplib::Result& result, const std::vector<std::string>& internals) {
    REQUIRE_MESSAGE(result, describe(result));
    CHECK_MESSAGE(result->status == 503, describe(result));
    CHECK(result->get_header_value("Retry-After") == "5");
    CHECK(result->get_header_value("Content-Type") == "application/json");
    const nlohmann::json expected = {{"error", "the job store is unavailable; retry later"}};
    CHECK_MESSAGE(body_json(result) == expected, result->body);
    for (const std::string& internal : internals) {
        CHECK_MESSAGE(result->body.find(internal) == std::string::npos, internal);
    }
}

/// "PORT" of postgresql://user@host:PORT/db.
std::string port_of(const std::string& url) {
    const auto colon = url.rfind(':');
    return url.substr(colon + 1, url.find('/', colon) - colon - 1);
}

} // namespace

TEST_SUITE("review") {
    TEST_CASE("postgresql stopped under a running server: 503 with a fixed message and Retry-After on every route, "
              "the cause only in the log, and served again once it is back") {
        PostgresServer postgres;
        const std::filesystem::path log = scratch_dir("postgres-down") / "server.log";
        ServerProcess server({"--workers", "1", "--extract-per-minute", "0", "--database", postgres.url()}, log);
        httplib::Client client = server.client();
        const std::string png = read_file(sample("receipt_small.png"));
        const std::string id = submit(client, png, "receipt_small.png");
        const nlohmann::json done = wait_for_job(client, id, {"done", "failed"});
        REQUIRE_MESSAGE(done.at("status") == "done", done.dump());

        postgres.stop();
        const std::vector<std::string> internals = {"PostgreSQL", "postgres", "127.0.0.1", port_of(postgres.url()),
                                                    "connect",    "refused"};
        const std::string result_path = "/result/" + id;
        const std::string page_path = result_path + "/pages/0.png";
        const std::string correction = R"({"fields":{"vendor":"Corner Cafe"}})";
        check_store_down(upload(client, "/extract", png, "second.png"), internals);
        check_store_down(client.Get(result_path), internals);
        check_store_down(client.Get("/jobs?status=needs_review"), internals);
        check_store_down(client.Get("/jobs?status=done"), internals);
        check_store_down(client.Patch(result_path.c_str(), correction, "application/json"), internals);
        check_store_down(client.Get(page_path.c_str()), internals);
        check_store_down(client.Get("/export?format=csv"), internals);
        check_store_down(client.Get("/export?format=jsonl"), internals);
        // /health says so too, in fixed words, so that a load balancer or the compose healthcheck sees it.
        const httplib::Result health = client.Get("/health");
        REQUIRE_MESSAGE(health, describe(health));
        CHECK_MESSAGE(health->status == 503, describe(health));
        const nlohmann::json health_body = body_json(health);
        CHECK(health_body.at("status") == "unavailable");
        CHECK(health_body.at("job_store") == "unreachable");
        CHECK(health_body.at("error") == "the job store is unavailable; retry later");
        for (const std::string& internal : {std::string("refused"), std::string("connect")}) {
            CHECK_MESSAGE(health->body.find(internal) == std::string::npos, internal);
        }

        // The operator finds the cause in the log, one line per refused request.
        const std::string logged = read_file(log);
        for (const std::string& line :
             {std::string("POST /extract: 503, "), "GET " + result_path + ": 503, ", std::string("GET /jobs: 503, "),
              "PATCH " + result_path + ": 503, ", "GET " + page_path + ": 503, ", std::string("GET /export: 503, "),
              std::string("GET /health: 503, ")}) {
            CHECK_MESSAGE(logged.find(line) != std::string::npos, line);
        }
        CHECK_MESSAGE(logged.find("cannot connect to " + postgres.url()) != std::string::npos, logged);

        // PostgreSQL back on the same port: the same server process answers every route again.
        postgres.start();
        const httplib::Result healthy = client.Get("/health");
        REQUIRE_MESSAGE(status_code(healthy) == 200, describe(healthy));
        CHECK(body_json(healthy).at("job_store") == "reachable");
        const httplib::Result kept = client.Get(result_path);
        REQUIRE_MESSAGE(status_code(kept) == 200, describe(kept));
        CHECK(body_json(kept).at("result") == done.at("result"));
        const httplib::Result listed = client.Get("/jobs?status=done");
        REQUIRE_MESSAGE(status_code(listed) == 200, describe(listed));
        CHECK(body_json(listed).at("jobs").at(0).at("job_id") == id);
        const httplib::Result corrected = client.Patch(result_path.c_str(), correction, "application/json");
        REQUIRE_MESSAGE(status_code(corrected) == 200, describe(corrected));
        CHECK(body_json(corrected).at("result").at("fields").at("vendor").at("value") == "Corner Cafe");
        CHECK(status_code(client.Get(page_path.c_str())) == 200);
        const httplib::Result exported = client.Get("/export?format=jsonl");
        REQUIRE_MESSAGE(status_code(exported) == 200, describe(exported));
        CHECK(exported->body.find(id) != std::string::npos);
        const std::string second = submit(client, png, "second.png");
        CHECK(wait_for_job(client, second, {"done", "failed"}).at("status") == "done");
    }
}
