// SPDX-License-Identifier: MIT
// The workers' vendor memory cache against real stores (a SQLite file, a PostgreSQL server the test starts): the
// vendor generation both keep (a trigger on `vendors`) moves with every vendor row written, by whichever
// connection writes it; a cache reads the vendors once and again only after such a write, so a correction taught
// after it was filled is in the next job's memory; a PostgreSQL stopped after the cache was filled leaves the jobs
// the last copy read, logged as stale (none to a cache that read nothing); and a version-2 store (no generation
// yet) is migrated when opened, its vendors kept.
#include "postgres_job_store.hpp"
#include "postgres_server.hpp"
#include "sqlite_job_store.hpp"
#include "test_support.hpp"
#include "vendor_memory_cache.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <libpq-fe.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <string_view>

using namespace docextract::service;
using namespace docextract::service::testing;

namespace {

docextract::RememberedVendor vendor_named(std::string name, std::string tax_id) {
    docextract::RememberedVendor vendor;
    vendor.canonical_name = std::move(name);
    vendor.tax_ids = {std::move(tax_id)};
    return vendor;
}

/// `writer` and `reader` are two connections to one store, as the server (which PATCH writes through) and a
/// worker are.
void check_cache(JobStore& writer, JobStore& reader) {
    const std::int64_t start = reader.vendor_generation();
    VendorMemoryCache cache(reader, 100);
    const auto first = cache.current();
    CHECK(cache.loads() == 1);
    CHECK(first->vendors.empty());
    // Nothing written: the next jobs get the same memory, the vendors are not read again.
    CHECK(cache.current() == first);
    CHECK(cache.current() == first);
    CHECK(cache.loads() == 1);
    (void)writer.vendor_memory(100); // reading writes nothing
    CHECK(reader.vendor_generation() == start);

    // A correction taught after the cache was filled: the next job's memory has it.
    writer.remember_vendor(vendor_named("Corner Cafe", "GB123456789"), 100);
    CHECK(reader.vendor_generation() > start);
    const auto second = cache.current();
    CHECK(cache.loads() == 2);
    REQUIRE(second->vendors.size() == 1);
    CHECK(second->vendors[0].canonical_name == "Corner Cafe");
    CHECK(cache.current() == second);
    CHECK(cache.loads() == 2);

    // The same vendor learnt again (its row updated, not a new one) is a change too.
    writer.remember_vendor(vendor_named("CORNER CAFE", "GB987654321"), 200);
    const auto third = cache.current();
    CHECK(cache.loads() == 3);
    REQUIRE(third->vendors.size() == 1);
    CHECK(third->vendors[0].tax_ids.size() == 2);

    // A correction that teaches nothing (a name without letters or digits) writes no row: no change.
    const std::int64_t settled = reader.vendor_generation();
    writer.remember_vendor(vendor_named(" -- ", "X1"), 300);
    CHECK(reader.vendor_generation() == settled);
    CHECK(cache.current() == third);
    CHECK(cache.loads() == 3);
}

/// After a version-2 store was migrated: its vendor kept, the generation counting from there.
void check_migrated(JobStore& store) {
    const std::int64_t start = store.vendor_generation();
    CHECK(start == 0);
    VendorMemoryCache cache(store, 100);
    REQUIRE(cache.current()->vendors.size() == 1);
    CHECK(cache.current()->vendors[0].canonical_name == "Corner Cafe");
    store.remember_vendor(vendor_named("Ikano Handel", "000123456789"), 200);
    CHECK(store.vendor_generation() > start);
    CHECK(cache.current()->vendors.size() == 2);
    CHECK(cache.loads() == 2);
}

void run_sql(sqlite3* db, const char* sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
    const std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    REQUIRE_MESSAGE(rc == SQLITE_OK, text);
}

std::int64_t sqlite_schema_version(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT version FROM schema_version", -1, &stmt, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    const std::int64_t version = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return version;
}

/// Runs SQL on its own connection; returns the first column of the first row ("" when none).
std::string run_postgres(const std::string& url, const std::string& sql) {
    pg_conn* conn = PQconnectdb(url.c_str());
    REQUIRE_MESSAGE(PQstatus(conn) == CONNECTION_OK, PQerrorMessage(conn));
    PGresult* result = PQexec(conn, sql.c_str());
    const ExecStatusType status = PQresultStatus(result);
    const std::string error = PQerrorMessage(conn);
    const std::string value = status == PGRES_TUPLES_OK && PQntuples(result) > 0 ? PQgetvalue(result, 0, 0) : "";
    PQclear(result);
    PQfinish(conn);
    REQUIRE_MESSAGE((status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK), error);
    return value;
}

std::size_t count_of(const std::string& text, std::string_view needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) {
        ++count;
    }
    return count;
}

/// This process's stderr (where log_line writes) goes to `file` while the object lives.
class StderrCapture {
public:
    explicit StderrCapture(const std::filesystem::path& file) : file_(file) {
        std::fflush(stderr);
        saved_ = dup(STDERR_FILENO);
        const int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(saved_ >= 0);
        REQUIRE(fd >= 0);
        dup2(fd, STDERR_FILENO);
        close(fd);
    }
    ~StderrCapture() {
        std::fflush(stderr);
        dup2(saved_, STDERR_FILENO);
        close(saved_);
    }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;
    /// What was written so far.
    std::string text() const {
        std::fflush(stderr);
        return read_file(file_);
    }

private:
    std::filesystem::path file_;
    int saved_ = -1;
};

} // namespace

TEST_SUITE("store") {
    TEST_CASE("postgresql stopped after the cache was filled: each job gets the last copy read, logged as stale, "
              "a cache that read nothing gets none, and once it is back a new vendor is read") {
        PostgresServer postgres;
        PostgresJobStore server(postgres.url());
        PostgresJobStore worker(postgres.url());
        server.remember_vendor(vendor_named("Corner Cafe", "GB123456789"), 100);
        VendorMemoryCache cache(worker, 100);
        const auto filled = cache.current();
        REQUIRE(filled->vendors.size() == 1);
        PostgresJobStore other_worker(postgres.url());
        VendorMemoryCache never_read(other_worker, 100);

        postgres.stop();
        const std::filesystem::path dir = scratch_dir("vendor-cache-stale");
        std::string logged;
        {
            const StderrCapture capture(dir / "stderr");
            CHECK(cache.current() == filled); // two jobs, each with the copy read before
            CHECK(cache.current() == filled);
            CHECK_THROWS_AS(never_read.current(), StoreUnavailable);
            logged = capture.text();
        }
        CAPTURE(logged);
        CHECK(cache.loads() == 1);
        CHECK(cache.stale_answers() == 2);
        CHECK(never_read.stale_answers() == 0);
        CHECK(count_of(logged, "job store unreachable, the job uses the vendor memory last read (stale: 1 vendors, "
                               "generation ") == 2);

        // PostgreSQL back: nothing changed meanwhile, so no read; a vendor taught now is in the next job's memory.
        postgres.start();
        CHECK(cache.current() == filled);
        CHECK(cache.loads() == 1);
        server.remember_vendor(vendor_named("Ikano Handel", "000123456789"), 200);
        CHECK(cache.current()->vendors.size() == 2);
        CHECK(cache.loads() == 2);
        CHECK(cache.stale_answers() == 2);
        CHECK(never_read.current()->vendors.size() == 2);
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("sqlite: the vendor memory cache reads the vendors again only after a vendor was written") {
        const std::filesystem::path dir = scratch_dir("sqlite-vendor-cache");
        {
            SqliteJobStore server(dir);
            SqliteJobStore worker(dir); // another connection to the same file, as docextract-worker --data-dir
            check_cache(server, worker);
        }
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("postgresql: the vendor memory cache reads the vendors again only after a vendor was written") {
        PostgresServer postgres;
        PostgresJobStore server(postgres.url());
        PostgresJobStore worker(postgres.url());
        check_cache(server, worker);
    }

    TEST_CASE("sqlite: a version-2 store is migrated to the vendor generation when opened, its vendors kept") {
        const std::filesystem::path dir = scratch_dir("sqlite-vendor-migration");
        {
            SqliteJobStore store(dir);
            store.remember_vendor(vendor_named("Corner Cafe", "GB123456789"), 100);
        }
        // Back to what a version-2 build left: no generation table, no triggers.
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open((dir / "jobs.sqlite").c_str(), &db) == SQLITE_OK);
        run_sql(db, "DROP TRIGGER vendors_inserted; DROP TRIGGER vendors_updated; DROP TRIGGER vendors_deleted; "
                    "DROP TABLE vendor_generation; UPDATE schema_version SET version = 2");
        sqlite3_close(db);
        CHECK(sqlite_schema_version(dir / "jobs.sqlite") == 2);
        {
            SqliteJobStore migrated(dir);
            CHECK(sqlite_schema_version(dir / "jobs.sqlite") == job_store_schema_version);
            check_migrated(migrated);
        }
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("postgresql: a version-2 store is migrated to the vendor generation when opened, its vendors kept") {
        PostgresServer postgres;
        {
            PostgresJobStore store(postgres.url());
            store.remember_vendor(vendor_named("Corner Cafe", "GB123456789"), 100);
        }
        run_postgres(postgres.url(), "DROP TRIGGER vendors_written ON vendors; "
                                     "DROP FUNCTION docextract_bump_vendor_generation(); DROP TABLE vendor_generation; "
                                     "UPDATE schema_version SET version = 2");
        CHECK(run_postgres(postgres.url(), "SELECT version FROM schema_version") == "2");
        PostgresJobStore migrated(postgres.url());
        CHECK(run_postgres(postgres.url(), "SELECT version FROM schema_version") ==
              std::to_string(job_store_schema_version));
        check_migrated(migrated);
    }
}
