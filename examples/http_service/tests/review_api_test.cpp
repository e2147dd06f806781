// SPDX-License-Identifier: MIT
// The review loop over HTTP with the real programs: results that survive restarts of every process (SQLite and
// PostgreSQL), corrections through PATCH /result, the /jobs queue, the export and page images.
#include "postgres_server.hpp"
#include "test_support.hpp"

#include <docextract/csv.hpp>
#include <docextract/docextract.hpp>

#include <doctest/doctest.h>

#include <csignal>
#include <map>
#include <span>
#include <thread>

using namespace docextract::service::testing;

namespace {

/// receipt_small.png with its lower part painted white: the total and what follows are gone, so the result has
/// flagged fields.
std::string flagged_receipt() {
    const std::string bytes = read_file(sample("receipt_small.png"));
    const auto data = std::as_bytes(std::span<const char>(bytes.data(), bytes.size()));
    const docextract::Document document = docextract::Document::from_bytes(data, "receipt_small.png");
    docextract::Image page = document.render_page(0);
    const auto row_bytes = static_cast<std::size_t>(page.stride());
    const auto first_row = static_cast<std::size_t>(page.height() * 2 / 5);
    std::fill(page.data() + first_row * row_bytes, page.data() + static_cast<std::size_t>(page.height()) * row_bytes,
              std::uint8_t{255});
    const std::vector<std::uint8_t> png = docextract::encode_png(page.view());
    return {reinterpret_cast<const char*>(png.data()), png.size()};
}

/// Values a person would type for receipt_small.png.
const std::map<std::string, std::string> receipt_truth = {
    {"vendor", "CORNER CAFE"}, {"invoice_number", "20417"},         {"date", "23/04/2024"},
    {"total", "£18.40"},       {"email", "hello@cornercafe.co.uk"}, {"currency", "GBP"},
};

httplib::Result patch(httplib::Client& client, const std::string& id, const nlohmann::json& body,
                      const std::string& if_match = {}) {
    httplib::Headers headers;
    if (!if_match.empty()) {
        headers.emplace("If-Match", if_match);
    }
    return client.Patch(("/result/" + id).c_str(), headers, body.dump(), "application/json");
}

/// Uploads two documents, lets the first finish, stops the worker side before the second runs, then restarts
/// everything `restart` names; both results must be there afterwards.
struct Restartable {
    std::function<std::unique_ptr<ServerProcess>()> start_server;
    std::function<std::unique_ptr<Child>()> start_worker; ///< Null in in-process mode.
    std::function<void()> restart_backends;               ///< Redis, PostgreSQL: what else restarts.
};

void check_survives_restarts(const Restartable& setup) {
    auto server = setup.start_server();
    auto worker = setup.start_worker ? setup.start_worker() : nullptr;
    httplib::Client client = server->client();
    const std::string first = submit(client, read_file(sample("receipt_small.png")), "receipt_small.png");
    const nlohmann::json done = wait_for_job(client, first, {"done", "failed"});
    REQUIRE_MESSAGE(done.at("status") == "done", done.dump());
    const std::string etag = client.Get("/result/" + first)->get_header_value("ETag");
    CHECK_FALSE(etag.empty());

    // A second job that no worker takes before everything stops (in-process: the server dies at once).
    worker.reset(); // SIGKILL
    const std::string second = submit(client, read_file(sample("invoice.png")), "invoice.png");
    server.reset(); // SIGKILL: no clean shutdown
    setup.restart_backends();

    server = setup.start_server();
    worker = setup.start_worker ? setup.start_worker() : nullptr;
    httplib::Client again = server->client();
    const httplib::Result kept = again.Get("/result/" + first);
    REQUIRE_MESSAGE(kept, describe(kept));
    CHECK(kept->status == 200);
    CHECK(body_json(kept).at("result") == done.at("result"));
    CHECK(kept->get_header_value("ETag") == etag);
    // The second job is handed to the (new, empty) queue again from the stored upload and finishes.
    const nlohmann::json resumed = wait_for_job(again, second, {"done", "failed"});
    CHECK_MESSAGE(resumed.at("status") == "done", resumed.dump());
    CHECK(resumed.at("result").at("fields").at("vendor").at("value") == "ACME SUPPLIES LTD");
}

} // namespace

TEST_SUITE("review") {
    TEST_CASE("sqlite, in-process: results and unfinished jobs survive a killed server") {
        const std::filesystem::path data = scratch_dir("restart-sqlite");
        check_survives_restarts(Restartable{
            .start_server =
                [&data] {
                    return std::make_unique<ServerProcess>(
                        std::vector<std::string>{"--workers", "1", "--data-dir", data.string()});
                },
            .start_worker = nullptr,
            .restart_backends = [] {},
        });
        CHECK(std::filesystem::exists(data / "jobs.sqlite"));
    }

    TEST_CASE("sqlite, Redis: results survive a restart of server, worker and Redis") {
        require_program("redis-server", "install it with scripts/install-deps.sh --service");
        RedisServer redis;
        const std::filesystem::path data = scratch_dir("restart-redis-sqlite");
        check_survives_restarts(Restartable{
            .start_server =
                [&] {
                    return std::make_unique<ServerProcess>(
                        std::vector<std::string>{"--redis", redis.url(), "--data-dir", data.string()});
                },
            .start_worker =
                [&] {
                    return start_worker(redis.url(), {"--data-dir", data.string()});
                },
            .restart_backends = [&] { redis.restart(); }, // empty: no persistence
        });
    }

    TEST_CASE("postgresql, Redis: results survive a restart of server, worker, Redis and PostgreSQL") {
        require_program("redis-server", "install it with scripts/install-deps.sh --service");
        PostgresServer postgres;
        RedisServer redis;
        check_survives_restarts(Restartable{
            .start_server =
                [&] {
                    return std::make_unique<ServerProcess>(
                        std::vector<std::string>{"--redis", redis.url(), "--database", postgres.url()});
                },
            .start_worker =
                [&] {
                    return start_worker(redis.url(), {"--database", postgres.url()});
                },
            .restart_backends =
                [&] {
                    redis.restart();
                    postgres.restart();
                },
        });
    }

    TEST_CASE("postgresql, in-process: a result survives a restart of the server") {
        PostgresServer postgres;
        check_survives_restarts(Restartable{
            .start_server =
                [&] {
                    return std::make_unique<ServerProcess>(
                        std::vector<std::string>{"--workers", "1", "--database", postgres.url()});
                },
            .start_worker = nullptr,
            .restart_backends = [&] { postgres.restart(); },
        });
    }

    TEST_CASE("review: flagged job listed, corrected with PATCH (422, 412, 409), reviewed, exported, page images") {
        ServerProcess server({"--workers", "1"});
        httplib::Client client = server.client();
        const std::string id = submit(client, flagged_receipt(), "cut, \"receipt\".png");
        const nlohmann::json done = wait_for_job(client, id, {"done", "failed"});
        REQUIRE_MESSAGE(done.at("status") == "done", done.dump());
        const std::vector<std::string> flagged = done.at("result").at("needs_review");
        REQUIRE_FALSE(flagged.empty());

        // The queue of flagged documents.
        nlohmann::json list = body_json(client.Get("/jobs?status=needs_review"));
        REQUIRE(list.at("jobs").size() == 1);
        CHECK(list.at("jobs")[0].at("job_id") == id);
        CHECK(list.at("jobs")[0].at("filename") == "cut, \"receipt\".png");
        CHECK(list.at("jobs")[0].at("needs_review") == done.at("result").at("needs_review"));
        CHECK(list.at("next_cursor").is_null());
        CHECK(body_json(client.Get("/jobs?status=reviewed")).at("jobs").empty());
        CHECK(status_code(client.Get("/jobs?status=lost")) == 400);
        CHECK(status_code(client.Get("/jobs?limit=0")) == 400);
        CHECK(status_code(client.Get("/jobs?cursor=zz")) == 400);

        // Bad corrections change nothing.
        httplib::Result bad = patch(client, id, {{"fields", {{"date", "31/02/2024"}}}});
        CHECK(status_code(bad) == 422);
        CHECK(body_json(bad).at("field") == "date");
        CHECK(status_code(patch(client, id, {{"fields", {{"colour", "red"}}}})) == 422);
        CHECK(status_code(client.Patch(("/result/" + id).c_str(), "{", "application/json")) == 400);
        CHECK(status_code(patch(client, "0123456789abcdef0123456789abcdef", {{"confirm", {"date"}}})) == 404);

        // The first flagged field is set (with the ETag), the others confirmed; a stale ETag is refused.
        const std::string etag = client.Get("/result/" + id)->get_header_value("ETag");
        const std::string field = flagged.front();
        const std::string typed = receipt_truth.count(field) ? receipt_truth.at(field) : "X";
        httplib::Result first = patch(client, id, {{"fields", {{field, typed}}}}, etag);
        REQUIRE_MESSAGE(status_code(first) == 200, describe(first));
        const nlohmann::json corrected = body_json(first).at("result").at("fields").at(field);
        CHECK(corrected.at("source") == "review");
        CHECK(corrected.at("confidence") == 1.0);
        CHECK(corrected.at("needs_review") == false);
        CHECK(corrected.contains("reviewed_at"));
        CHECK(corrected.at("extracted_value") == done.at("result").at("fields").at(field).at("value"));
        CHECK(first->get_header_value("ETag") != etag);
        httplib::Result stale = patch(client, id, {{"confirm", {field}}}, etag);
        CHECK(status_code(stale) == 412);
        CHECK(stale->get_header_value("ETag") == first->get_header_value("ETag"));

        const std::vector<std::string> rest(flagged.begin() + 1, flagged.end());
        if (!rest.empty()) {
            CHECK(body_json(client.Get("/result/" + id)).at("status") == "done");
            httplib::Result confirmed = patch(client, id, {{"confirm", rest}});
            REQUIRE_MESSAGE(status_code(confirmed) == 200, describe(confirmed));
        }
        const nlohmann::json reviewed = body_json(client.Get("/result/" + id));
        CHECK(reviewed.at("status") == "reviewed");
        CHECK(reviewed.at("result").at("needs_review").empty());
        CHECK(body_json(client.Get("/jobs?status=needs_review")).at("jobs").empty());
        CHECK(body_json(client.Get("/jobs?status=reviewed")).at("jobs").size() == 1);

        // The export: the library's header, the row quoted, the corrected field marked "review".
        const httplib::Result csv = client.Get("/export?format=csv&status=reviewed&since=2020-01-01");
        REQUIRE_MESSAGE(status_code(csv) == 200, describe(csv));
        CHECK(csv->get_header_value("Content-Type").find("text/csv") == 0);
        CHECK(csv->body.starts_with(docextract::csv_header()));
        const std::string row = csv->body.substr(docextract::csv_header().size());
        CHECK(row.starts_with("\"cut, \"\"receipt\"\".png\"," + id + ","));
        CHECK(row.find(",review,") != std::string::npos);
        CHECK(row.ends_with("\r\n"));
        CHECK(client.Get("/export?format=csv&status=reviewed&since=2100-01-01")->body == docextract::csv_header());
        const httplib::Result jsonl = client.Get("/export?format=jsonl");
        REQUIRE(status_code(jsonl) == 200);
        const nlohmann::json line = nlohmann::json::parse(jsonl->body.substr(0, jsonl->body.find('\n')));
        CHECK(line.at("job_id") == id);
        CHECK(line.at("fields").at(field).at("source") == "review");
        CHECK(status_code(client.Get("/export?format=xml")) == 400);
        CHECK(status_code(client.Get("/export?since=yesterday")) == 400);

        // Page images from the stored upload: nothing is uploaded twice.
        for (const char* stage : {"", "?stage=cleaned", "?stage=original"}) {
            CAPTURE(stage);
            const httplib::Result png = client.Get(("/result/" + id + "/pages/0.png" + stage).c_str());
            REQUIRE_MESSAGE(status_code(png) == 200, describe(png));
            CHECK(png->get_header_value("Content-Type") == "image/png");
            CHECK(png->body.starts_with("\x89PNG"));
        }
        CHECK(status_code(client.Get(("/result/" + id + "/pages/1.png").c_str())) == 404);
        CHECK(status_code(client.Get(("/result/" + id + "/pages/0.png?stage=raw").c_str())) == 400);
        CHECK(status_code(client.Get("/result/0123456789abcdef0123456789abcdef/pages/0.png")) == 404);
    }

    TEST_CASE(
        "vendor memory: a corrected vendor's next document gets its canonical name, marked, and not when it is off") {
        const std::filesystem::path dir = scratch_dir("vendor-memory-http");
        // The name as the business writes it; OCR reads "CORNER CAFE" clearly, so only a spelling differing in case and
        // punctuation replaces it (a clearly read name is never rewritten to another).
        const std::string canonical = "Corner Cafe.";
        const std::filesystem::path log = scratch_dir("vendor-memory-http-log") / "server.log";
        {
            ServerProcess server({"--workers", "1", "--data-dir", dir.string()}, log);
            httplib::Client client = server.client();
            const std::string first = submit(client, read_file(sample("receipt_small.png")), "first.png");
            const nlohmann::json done = wait_for_job(client, first, {"done", "failed"});
            REQUIRE_MESSAGE(done.at("status") == "done", done.dump());
            const nlohmann::json& vendor = done.at("result").at("fields").at("vendor");
            REQUIRE_MESSAGE(vendor.at("value") == "CORNER CAFE", vendor.dump());
            CHECK_FALSE(vendor.contains("vendor_memory")); // nothing is remembered yet
            CHECK(done.at("result").contains("document_traits"));
            httplib::Result corrected = patch(client, first, {{"fields", {{"vendor", canonical}}}});
            REQUIRE_MESSAGE(status_code(corrected) == 200, describe(corrected));

            // Another document of the same vendor (the same receipt with its lower part cut away).
            const std::string second = submit(client, flagged_receipt(), "second.png");
            const nlohmann::json next = wait_for_job(client, second, {"done", "failed"});
            REQUIRE_MESSAGE(next.at("status") == "done", next.dump());
            const nlohmann::json& remembered = next.at("result").at("fields").at("vendor");
            CHECK(remembered.at("value") == canonical);
            REQUIRE_MESSAGE(remembered.contains("vendor_memory"), remembered.dump());
            CHECK(remembered.at("vendor_memory").at("vendor") == canonical);
            CHECK(remembered.at("vendor_memory").at("value_without") == "CORNER CAFE");
            CHECK(remembered.at("vendor_memory").at("evidence").get<std::string>().starts_with("canonical_name"));
            CHECK(remembered.at("source") == "ocr"); // still read from the page; the mark says the memory chose it
            // The in-process workers' cache: read for the first job, and again after the correction.
            const std::string logged = read_file(log);
            CHECK_MESSAGE(logged.find("vendor memory read: 0 vendors (generation 0)") != std::string::npos, logged);
            CHECK_MESSAGE(logged.find("vendor memory read: 1 vendors") != std::string::npos, logged);
        }
        {
            // The same store with the memory switched off: the machine's own reading, no mark.
            ServerProcess server({"--workers", "1", "--data-dir", dir.string(), "--no-vendor-memory"});
            httplib::Client client = server.client();
            const std::string third = submit(client, flagged_receipt(), "third.png");
            const nlohmann::json plain = wait_for_job(client, third, {"done", "failed"});
            REQUIRE_MESSAGE(plain.at("status") == "done", plain.dump());
            const nlohmann::json& vendor = plain.at("result").at("fields").at("vendor");
            CHECK(vendor.at("value") == "CORNER CAFE");
            CHECK_FALSE(vendor.contains("vendor_memory"));
        }
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("postgresql, Redis: the worker reads the vendor memory for its first job, again only after a "
              "correction, and the next job has it") {
        require_program("redis-server", "install it with scripts/install-deps.sh --service");
        PostgresServer postgres;
        RedisServer redis;
        const std::filesystem::path log = scratch_dir("worker-vendor-cache") / "worker.log";
        ServerProcess server({"--redis", redis.url(), "--database", postgres.url()});
        auto worker = start_worker(redis.url(), {"--database", postgres.url()}, log);
        httplib::Client client = server.client();
        const auto reads = [&log] {
            const std::string text = read_file(log);
            std::size_t count = 0;
            for (auto at = text.find("vendor memory read: "); at != std::string::npos;
                 at = text.find("vendor memory read: ", at + 1)) {
                ++count;
            }
            return count;
        };
        const auto run = [&client](const std::string& bytes, const std::string& name) {
            const nlohmann::json job = wait_for_job(client, submit(client, bytes, name), {"done", "failed"});
            REQUIRE_MESSAGE(job.at("status") == "done", job.dump());
            return job;
        };
        const std::string receipt = read_file(sample("receipt_small.png"));
        const nlohmann::json first = run(receipt, "first.png");
        CHECK(first.at("result").at("fields").at("vendor").at("value") == "CORNER CAFE");
        (void)run(receipt, "second.png");
        const std::string before = read_file(log);
        CHECK_MESSAGE(reads() == 1, before); // the second job used the memory read for the first
        CHECK(before.find("vendor memory read: 0 vendors") != std::string::npos);

        const std::string canonical = "Corner Cafe.";
        const httplib::Result corrected =
            patch(client, first.at("job_id").get<std::string>(), {{"fields", {{"vendor", canonical}}}});
        REQUIRE_MESSAGE(status_code(corrected) == 200, describe(corrected));
        const nlohmann::json third = run(flagged_receipt(), "third.png");
        const nlohmann::json& vendor = third.at("result").at("fields").at("vendor");
        CHECK(vendor.at("value") == canonical);
        CHECK(vendor.contains("vendor_memory"));
        (void)run(receipt, "fourth.png");
        const std::string after = read_file(log);
        CHECK_MESSAGE(reads() == 2, after); // once more after the correction, not for the fourth job
        CHECK(after.find("vendor memory read: 1 vendors") != std::string::npos);
    }

    TEST_CASE("review: GET /jobs pages oldest first with an opaque cursor") {
        ServerProcess server({"--workers", "1", "--extract-per-minute", "0"});
        httplib::Client client = server.client();
        std::vector<std::string> ids;
        for (int i = 0; i < 3; ++i) {
            ids.push_back(submit(client, read_file(sample("invoice_text.pdf")), "doc" + std::to_string(i) + ".pdf"));
            std::this_thread::sleep_for(5ms); // distinct upload times
        }
        for (const std::string& id : ids) {
            wait_for_job(client, id, {"done", "failed"});
        }
        std::vector<std::string> seen;
        std::string cursor;
        for (int page = 0; page < 5; ++page) {
            const nlohmann::json body = body_json(client.Get(("/jobs?status=done&limit=2&cursor=" + cursor).c_str()));
            for (const nlohmann::json& job : body.at("jobs")) {
                seen.push_back(job.at("job_id"));
            }
            if (body.at("next_cursor").is_null()) {
                break;
            }
            cursor = body.at("next_cursor");
        }
        CHECK(seen == ids);
    }
}
