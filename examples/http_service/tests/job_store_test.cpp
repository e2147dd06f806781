// SPDX-License-Identifier: MIT
// The job store contract, run against a real SQLite file and a real PostgreSQL server started by the test.
#include "job_id.hpp"
#include "postgres_job_store.hpp"
#include "postgres_server.hpp"
#include "result_patch.hpp"
#include "sqlite_job_store.hpp"
#include "test_support.hpp"
#include "vendor_records.hpp"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <stdexcept>
#include <thread>

using namespace docextract::service;
using namespace docextract::service::testing;

namespace {

const std::string flagged_result =
    R"({"schema_version":1,"filename":"a.png","fields":{"vendor":{"value":"ACME","confidence":0.9,)"
    R"("needs_review":false,"source":"ocr"},"total":{"value":"12.00","confidence":0.4,"needs_review":true,)"
    R"("source":"ocr"},"date":{"value":"2024-01-31","confidence":0.5,"needs_review":true,"source":"ocr"}},)"
    R"("needs_review":["total","date"],"summary":"1 of 5 fields extracted confidently."})";

StoredJob done_outcome() {
    StoredJob outcome;
    outcome.state = JobState::done;
    outcome.result_json = flagged_result;
    outcome.vendor = "ACME";
    outcome.flagged = {"total", "date"};
    return outcome;
}

/// What every store must do, on a fresh store.
void check_contract(JobStore& store) {
    const std::string first = new_job_id();
    const std::string second = new_job_id();
    const std::string binary("%PDF\0\x01\xff bytes", 14);
    store.create(first, Upload{.filename = "a.png", .bytes = binary}, 1000);
    store.create(second, Upload{.filename = "b, \"quoted\".pdf", .bytes = "x"}, 2000);
    CHECK_THROWS_AS(store.create(first, Upload{.filename = "dup", .bytes = "y"}, 3000), StoreUnavailable);

    std::optional<StoredJob> job = store.find(first);
    REQUIRE(job);
    CHECK(job->state == JobState::queued);
    CHECK(job->filename == "a.png");
    CHECK(store.upload(first) == binary);
    CHECK_FALSE(store.find(new_job_id()));
    CHECK(store.unfinished(10) == std::vector<std::string>{first, second});

    store.mark_processing(first, 1500);
    CHECK(store.find(first)->state == JobState::processing);
    CHECK(store.finish(first, done_outcome(), 1600));
    StoredJob failed;
    failed.state = JobState::failed;
    failed.error = "late worker";
    CHECK_FALSE(store.finish(first, failed, 1700)); // a second finish changes nothing
    job = store.find(first);
    CHECK(job->state == JobState::done);
    CHECK(job->result_json == flagged_result);
    CHECK(job->flagged == std::vector<std::string>{"total", "date"});
    CHECK(job->vendor == "ACME");
    const std::int64_t revision = job->revision;

    // Listing: needs_review, oldest first, paged.
    JobFilter flagged;
    flagged.states = {JobState::done};
    flagged.only_flagged = true;
    std::vector<StoredJob> listed = store.list(flagged, false);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].id == first);
    CHECK(listed[0].result_json.empty());
    JobFilter all;
    all.limit = 1;
    listed = store.list(all, false);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].id == first);
    all.after = std::pair{listed[0].created_ms, listed[0].id};
    listed = store.list(all, false);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].id == second);

    // An edit that throws writes nothing.
    CHECK_THROWS_AS(
        store.edit_result(
            first, std::nullopt, [](const StoredJob&) -> ResultEdit { throw PatchError(422, "total", "bad"); }, 1800),
        PatchError);
    CHECK(store.find(first)->revision == revision);
    CHECK(store.corrections(first).empty());

    // A stale revision is refused; the right one edits; settling every flagged field makes the job reviewed.
    ResultPatch patch;
    patch.set["total"] = "12.30";
    const auto apply = [&patch](const StoredJob& stored) {
        return apply_result_patch(stored, patch, "2026-01-01T00:00:00.000Z");
    };
    CHECK(store.edit_result(first, revision + 7, apply, 1900).status == JobStore::EditStatus::revision_mismatch);
    JobStore::EditOutcome outcome = store.edit_result(first, revision, apply, 1900);
    REQUIRE(outcome.status == JobStore::EditStatus::updated);
    CHECK(outcome.job.state == JobState::done);
    CHECK(outcome.job.flagged == std::vector<std::string>{"date"});
    CHECK(outcome.job.revision == revision + 1);
    patch = ResultPatch{};
    patch.confirm = {"date"};
    outcome = store.edit_result(first, std::nullopt, apply, 2100);
    REQUIRE(outcome.status == JobStore::EditStatus::updated);
    CHECK(outcome.job.state == JobState::reviewed);
    CHECK(outcome.job.reviewed_ms == 2100);
    CHECK(outcome.job.flagged.empty());
    const std::vector<Correction> corrections = store.corrections(first);
    REQUIRE(corrections.size() == 2);
    CHECK(corrections[0].field == "total");
    CHECK(corrections[0].action == "set");
    CHECK(corrections[0].extracted_value == "\"12.00\"");
    CHECK(corrections[0].value == "\"12.30\"");
    CHECK(corrections[0].vendor == "ACME");
    CHECK(corrections[1].action == "confirm");
    CHECK(store.edit_result(second, std::nullopt, apply, 2200).status == JobStore::EditStatus::not_finished);
    CHECK(store.edit_result(new_job_id(), std::nullopt, apply, 2200).status == JobStore::EditStatus::not_found);

    JobFilter reviewed;
    reviewed.states = {JobState::reviewed};
    reviewed.updated_since_ms = 2000;
    CHECK(store.list(reviewed, true).size() == 1);
    reviewed.updated_since_ms = 2101;
    CHECK(store.list(reviewed, true).empty());

    // Requeue count, removal, pruning by upload time.
    store.note_requeue(second, 2300);
    CHECK(store.find(second)->requeues == 1);
    CHECK(store.prune(1500) == 1); // `first` was uploaded at 1000
    CHECK_FALSE(store.find(first));
    CHECK_FALSE(store.upload(first));
    CHECK(store.corrections(first).empty());
    store.remove(second);
    CHECK_FALSE(store.find(second));
}

/// What every store must do with the vendor memory, on a fresh store.
void check_vendor_memory(JobStore& store) {
    CHECK(store.vendor_memory(10).vendors.empty());
    docextract::RememberedVendor first;
    first.canonical_name = "Ikano Handel Sdn. Bhd.";
    first.tax_ids = {"000123456789"};
    first.places = {docextract::FieldPlace{
        .field = "total", .value = "12.30", .label = "Jumlah", .page = 0, .x = 0.75, .y = 0.6, .order = ""}};
    store.remember_vendor(first, 100);

    // The same vendor (same name key) learnt again: one record, ids added, the newer place of a field wins.
    docextract::RememberedVendor again;
    again.canonical_name = "IKANO HANDEL SDN BHD";
    again.tax_ids = {"000123456789", "GB999"};
    again.email_domains = {"ikano.example"};
    again.places = {
        docextract::FieldPlace{
            .field = "total", .value = "8.10", .label = "Jumlah Bersih", .page = 0, .x = 0.7, .y = 0.65, .order = ""},
        docextract::FieldPlace{.field = "date",
                               .value = "2024-01-02",
                               .label = "Tarikh",
                               .page = 0,
                               .x = 0.2,
                               .y = 0.1,
                               .order = "day_first"}};
    store.remember_vendor(again, 200);
    docextract::RememberedVendor other;
    other.canonical_name = "Corner Cafe";
    store.remember_vendor(other, 150);
    docextract::RememberedVendor nameless; // no name key: not remembered
    nameless.canonical_name = " -- ";
    store.remember_vendor(nameless, 300);

    const docextract::VendorMemory memory = store.vendor_memory(10);
    REQUIRE(memory.vendors.size() == 2);
    const docextract::RememberedVendor& ikano = memory.vendors[0]; // most recently corrected first
    CHECK(ikano.canonical_name == "IKANO HANDEL SDN BHD");
    CHECK(ikano.tax_ids == std::vector<std::string>{"000123456789", "GB999"});
    CHECK(ikano.email_domains == std::vector<std::string>{"ikano.example"});
    REQUIRE(ikano.places.size() == 2);
    CHECK(ikano.places[0].field == "total");
    CHECK(ikano.places[0].label == "Jumlah Bersih");
    CHECK(ikano.places[0].x == doctest::Approx(0.7));
    CHECK(ikano.places[0].y == doctest::Approx(0.65));
    CHECK(ikano.places[1].value == "2024-01-02");
    CHECK(ikano.places[1].order == "day_first"); // how the vendor prints its dates is kept
    CHECK(ikano.places[0].order.empty());
    CHECK(memory.vendors[1].canonical_name == "Corner Cafe");
    CHECK(store.vendor_memory(1).vendors.size() == 1);

    // Vendor records outlive the jobs they were learnt from.
    CHECK(store.prune(now_unix_ms() + 1000) == 0); // no jobs, and the vendors stay
    CHECK(store.vendor_memory(10).vendors.size() == 2);
}

} // namespace

TEST_SUITE("store") {
    TEST_CASE("sqlite: the vendor memory is kept per vendor and survives reopening") {
        const std::filesystem::path dir = scratch_dir("sqlite-vendors");
        {
            SqliteJobStore store(dir);
            check_vendor_memory(store);
        }
        SqliteJobStore reopened(dir);
        CHECK(reopened.vendor_memory(10).vendors.size() == 2);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("postgresql: the vendor memory is kept per vendor on a real server") {
        PostgresServer postgres;
        {
            PostgresJobStore store(postgres.url());
            check_vendor_memory(store);
        }
        PostgresJobStore reopened(postgres.url());
        CHECK(reopened.vendor_memory(10).vendors.size() == 2);
    }

    TEST_CASE("a corrected result teaches its vendor only when a person settled the vendor") {
        const std::string traits =
            R"("document_traits":{"names":["IKANO HANDEL SDN BH0"],"tax_ids":["000123456789"],"email_domains":[],)"
            R"("places":[{"field":"vendor","value":"IKANO HANDEL SDN BH0","label":"","page":0,"x":0.5,"y":0.05},)"
            R"({"field":"total","value":"11.00","label":"Subtotal","page":0,"x":0.8,"y":0.5},)"
            R"({"field":"total","value":"12.30","label":"Jumlah","page":0,"x":0.8,"y":0.6}]})";
        const std::string reviewed =
            R"({"fields":{"vendor":{"value":"IKANO HANDEL SDN BHD","source":"review"},)"
            R"("total":{"value":"12.30","source":"review"},"date":{"value":"2024-01-02","source":"ocr"}},)" +
            traits + "}";
        const std::optional<docextract::RememberedVendor> learned = learned_vendor(reviewed);
        REQUIRE(learned);
        CHECK(learned->canonical_name == "IKANO HANDEL SDN BHD");
        CHECK(learned->tax_ids == std::vector<std::string>{"000123456789"});
        REQUIRE(learned->places.size() == 2); // the vendor's own place and the settled total's; not the date
        CHECK(learned->places[0].field == "vendor");
        CHECK(learned->places[0].value == "IKANO HANDEL SDN BHD");
        CHECK(learned->places[1].label == "Jumlah");
        CHECK(learned->places[1].y == doctest::Approx(0.6));

        const std::string machine_vendor = R"({"fields":{"vendor":{"value":"IKANO","source":"ocr"},)"
                                           R"("total":{"value":"12.30","source":"review"}},)" +
                                           traits + "}";
        CHECK_FALSE(learned_vendor(machine_vendor));
        CHECK_FALSE(learned_vendor("not json"));
    }

    TEST_CASE("sqlite: the job store contract on a real file") {
        const std::filesystem::path dir = scratch_dir("sqlite-store");
        SqliteJobStore store(dir);
        check_contract(store);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("sqlite: WAL mode, a versioned schema, data kept across reopening, uploads as files") {
        const std::filesystem::path dir = scratch_dir("sqlite-reopen");
        const std::string id = new_job_id();
        {
            SqliteJobStore store(dir);
            store.create(id, Upload{.filename = "a.png", .bytes = "bytes"}, now_unix_ms());
            CHECK(std::filesystem::exists(dir / "uploads" / id));
        }
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((dir / "jobs.sqlite").c_str(), &db) == SQLITE_OK);
        sqlite3_stmt* stmt = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
        CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal");
        sqlite3_finalize(stmt);
        REQUIRE(sqlite3_prepare_v2(db, "SELECT version FROM schema_version", -1, &stmt, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
        CHECK(sqlite3_column_int(stmt, 0) == job_store_schema_version);
        sqlite3_finalize(stmt);
        // A database from a newer build is refused rather than misread.
        REQUIRE(sqlite3_exec(db, "UPDATE schema_version SET version = 99", nullptr, nullptr, nullptr) == SQLITE_OK);
        CHECK_THROWS_AS(SqliteJobStore{dir}, StoreUnavailable);
        const std::string current = "UPDATE schema_version SET version = " + std::to_string(job_store_schema_version);
        REQUIRE(sqlite3_exec(db, current.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);

        SqliteJobStore reopened(dir);
        CHECK(reopened.upload(id) == "bytes");
        CHECK(reopened.prune(now_unix_ms() + 1000) == 1);
        CHECK_FALSE(std::filesystem::exists(dir / "uploads" / id));
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("sqlite: concurrent edits of one job all land, none lost") {
        const std::filesystem::path dir = scratch_dir("sqlite-concurrent");
        SqliteJobStore store(dir);
        const std::string id = new_job_id();
        store.create(id, Upload{.filename = "a.png", .bytes = "x"}, 1);
        store.finish(id, done_outcome(), 2);
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&store, &id, i] {
                ResultPatch patch;
                std::string vendor = "V";
                vendor += std::to_string(i);
                patch.set["vendor"] = vendor;
                for (int n = 0; n < 10; ++n) {
                    store.edit_result(
                        id, std::nullopt,
                        [&patch](const StoredJob& job) { return apply_result_patch(job, patch, "t"); }, 3);
                }
            });
        }
        for (std::thread& thread : threads) {
            thread.join();
        }
        CHECK(store.corrections(id).size() == 40);
        CHECK(store.find(id)->revision == 41);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("postgresql: the job store contract on a real server, and the data outlives a server restart") {
        PostgresServer postgres;
        const std::string id = new_job_id();
        {
            PostgresJobStore store(postgres.url());
            check_contract(store);
            store.create(id, Upload{.filename = "kept.png", .bytes = std::string("\0\x7f\x80", 3)}, 5);
            CHECK(store.describe().find("postgresql postgresql://postgres@127.0.0.1:") == 0);
            postgres.restart();
            // The same store reconnects by itself after the server came back.
            CHECK(store.find(id)->filename == "kept.png");
        }
        PostgresJobStore reopened(postgres.url()); // migration is a no-op on a current schema
        CHECK(reopened.upload(id) == std::string("\0\x7f\x80", 3));
    }

    TEST_CASE("postgresql: an unreachable server is a clear StoreUnavailable") {
        const int port = free_port();
        CHECK_THROWS_WITH_AS(PostgresJobStore("postgresql://postgres:secret@127.0.0.1:" + std::to_string(port) + "/x"),
                             doctest::Contains("cannot connect to postgresql://postgres@127.0.0.1:"), StoreUnavailable);
    }
}
