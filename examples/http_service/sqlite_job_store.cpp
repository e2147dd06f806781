// SPDX-License-Identifier: MIT
#include "sqlite_job_store.hpp"

#include "vendor_records.hpp"

#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <system_error>

namespace docextract::service {
namespace {

// Each entry takes the schema from version i to i + 1. Never edit one that has shipped: add another.
constexpr std::string_view migrations[] = {
    R"sql(
CREATE TABLE jobs (
    id          TEXT PRIMARY KEY,
    filename    TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    updated_ms  INTEGER NOT NULL,
    finished_ms INTEGER NOT NULL DEFAULT 0,
    reviewed_ms INTEGER NOT NULL DEFAULT 0,
    result      TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    vendor      TEXT NOT NULL DEFAULT '',
    flagged     TEXT NOT NULL DEFAULT '',
    revision    INTEGER NOT NULL DEFAULT 0,
    requeues    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_by_created ON jobs (created_ms, id);
CREATE INDEX jobs_by_status ON jobs (status, created_ms, id);
CREATE TABLE corrections (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id          TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    field           TEXT NOT NULL,
    action          TEXT NOT NULL,
    extracted_value TEXT NOT NULL,
    value           TEXT NOT NULL,
    vendor          TEXT NOT NULL,
    created_ms      INTEGER NOT NULL
);
CREATE INDEX corrections_by_job ON corrections (job_id);
CREATE INDEX corrections_by_vendor ON corrections (vendor);
)sql",
    R"sql(
CREATE TABLE vendors (
    name_key       TEXT PRIMARY KEY,
    canonical_name TEXT NOT NULL,
    tax_ids        TEXT NOT NULL DEFAULT '',
    email_domains  TEXT NOT NULL DEFAULT '',
    places         TEXT NOT NULL DEFAULT '[]',
    corrections    INTEGER NOT NULL DEFAULT 0,
    updated_ms     INTEGER NOT NULL
);
CREATE INDEX vendors_by_updated ON vendors (updated_ms);
)sql",
    R"sql(
CREATE TABLE vendor_generation (generation INTEGER NOT NULL);
INSERT INTO vendor_generation (generation) VALUES (0);
CREATE TRIGGER vendors_inserted AFTER INSERT ON vendors
BEGIN UPDATE vendor_generation SET generation = generation + 1; END;
CREATE TRIGGER vendors_updated AFTER UPDATE ON vendors
BEGIN UPDATE vendor_generation SET generation = generation + 1; END;
CREATE TRIGGER vendors_deleted AFTER DELETE ON vendors
BEGIN UPDATE vendor_generation SET generation = generation + 1; END;
)sql",
};

constexpr std::string_view vendor_columns = "name_key, canonical_name, tax_ids, email_domains, places, corrections, "
                                            "updated_ms";

constexpr std::string_view job_columns = "id, filename, status, created_ms, updated_ms, finished_ms, reviewed_ms, "
                                         "vendor, flagged, revision, requeues, error, result";

/// A prepared statement, finalised when it goes out of scope.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK) {
            throw StoreUnavailable(std::string("SQLite: ") + sqlite3_errmsg(db));
        }
    }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::string_view text) {
        check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Statement& bind(int index, std::int64_t value) {
        check(sqlite3_bind_int64(stmt_, index, value));
        return *this;
    }
    /// True while there is a row.
    bool step() {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) {
            return true;
        }
        if (rc == SQLITE_DONE) {
            return false;
        }
        throw StoreUnavailable(std::string("SQLite: ") + sqlite3_errmsg(db_));
    }
    void run() {
        while (step()) {
        }
    }
    [[nodiscard]] std::string text(int column) const {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        return data == nullptr ? std::string()
                               : std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
    }
    [[nodiscard]] std::int64_t integer(int column) const { return sqlite3_column_int64(stmt_, column); }

private:
    void check(int rc) const {
        if (rc != SQLITE_OK) {
            throw StoreUnavailable(std::string("SQLite: ") + sqlite3_errmsg(db_));
        }
    }
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

void exec(sqlite3* db, std::string_view sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message != nullptr ? message : sqlite3_errmsg(db);
        sqlite3_free(message);
        throw StoreUnavailable("SQLite: " + text);
    }
}

/// BEGIN IMMEDIATE (takes the write lock at once, so no deadlock between readers turning writers) ... COMMIT;
/// rolled back when left by an exception.
class Transaction {
public:
    explicit Transaction(sqlite3* db) : db_(db) { exec(db_, "BEGIN IMMEDIATE"); }
    ~Transaction() {
        if (!committed_) {
            sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        }
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        exec(db_, "COMMIT");
        committed_ = true;
    }

private:
    sqlite3* db_;
    bool committed_ = false;
};

StoredJob read_job(const Statement& row, bool with_result) {
    StoredJob job;
    job.id = row.text(0);
    job.filename = row.text(1);
    job.state = parse_job_state(row.text(2)).value_or(JobState::failed);
    job.created_ms = row.integer(3);
    job.updated_ms = row.integer(4);
    job.finished_ms = row.integer(5);
    job.reviewed_ms = row.integer(6);
    job.vendor = row.text(7);
    job.flagged = split_names(row.text(8));
    job.revision = row.integer(9);
    job.requeues = static_cast<int>(row.integer(10));
    job.error = row.text(11);
    if (with_result) {
        job.result_json = row.text(12);
    }
    return job;
}

VendorRow read_vendor(const Statement& row) {
    return VendorRow{.name_key = row.text(0),
                     .canonical_name = row.text(1),
                     .tax_ids = row.text(2),
                     .email_domains = row.text(3),
                     .places = row.text(4),
                     .corrections = row.integer(5),
                     .updated_ms = row.integer(6)};
}

} // namespace

SqliteJobStore::SqliteJobStore(std::filesystem::path data_dir)
    : data_dir_(std::move(data_dir)), db_path_(data_dir_ / "jobs.sqlite") {
    std::error_code error;
    std::filesystem::create_directories(data_dir_ / "uploads", error);
    if (error) {
        throw StoreUnavailable("cannot create data directory " + data_dir_.string() + ": " + error.message());
    }
    if (sqlite3_open_v2(db_path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreUnavailable("cannot open " + db_path_.string() + ": " + message);
    }
    try {
        sqlite3_busy_timeout(db_, 5000); // another process (a second server on the same directory) writing
        exec(db_, "PRAGMA journal_mode = WAL");
        exec(db_, "PRAGMA synchronous = NORMAL"); // with WAL: durable at each checkpoint, never corrupt
        exec(db_, "PRAGMA foreign_keys = ON");
        migrate();
    } catch (...) {
        sqlite3_close(db_);
        db_ = nullptr;
        throw;
    }
}

SqliteJobStore::~SqliteJobStore() {
    sqlite3_close(db_);
}

void SqliteJobStore::migrate() {
    const std::lock_guard lock(mutex_);
    Transaction transaction(db_);
    exec(db_, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    std::int64_t version = 0;
    {
        Statement query(db_, "SELECT version FROM schema_version");
        if (query.step()) {
            version = query.integer(0);
        } else {
            Statement(db_, "INSERT INTO schema_version (version) VALUES (0)").run();
        }
    }
    constexpr auto known = static_cast<std::int64_t>(std::size(migrations));
    if (version > known) {
        throw StoreUnavailable(db_path_.string() + " has schema version " + std::to_string(version) +
                               ", newer than this build's " + std::to_string(known) + ": upgrade docextract-server");
    }
    for (; version < known; ++version) {
        exec(db_, migrations[version]);
    }
    Statement(db_, "UPDATE schema_version SET version = ?").bind(1, version).run();
    transaction.commit();
}

std::filesystem::path SqliteJobStore::upload_path(std::string_view id) const {
    return data_dir_ / "uploads" / std::string(id); // ids are hex (job_id.hpp): no path tricks possible
}

void SqliteJobStore::create(const std::string& id, const Upload& upload, std::int64_t now_ms) {
    // The row first, inside a transaction that commits only once the file is in place: a duplicate id fails
    // before any file is touched, and a row never points at a missing or half-written upload.
    const std::filesystem::path path = upload_path(id);
    const std::filesystem::path partial = path.string() + ".partial";
    const std::lock_guard lock(mutex_);
    Transaction transaction(db_);
    Statement(db_, "INSERT INTO jobs (id, filename, status, created_ms, updated_ms) VALUES (?, ?, ?, ?, ?)")
        .bind(1, id)
        .bind(2, upload.filename)
        .bind(3, to_string(JobState::queued))
        .bind(4, now_ms)
        .bind(5, now_ms)
        .run();
    std::error_code error;
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(upload.bytes.data(), static_cast<std::streamsize>(upload.bytes.size()));
        out.flush();
        if (!out) {
            std::filesystem::remove(partial, error);
            throw StoreUnavailable("cannot write the upload to " + partial.string());
        }
    }
    std::filesystem::rename(partial, path, error);
    if (error) {
        std::filesystem::remove(partial, error);
        throw StoreUnavailable("cannot store the upload in " + path.string());
    }
    try {
        transaction.commit();
    } catch (...) {
        std::filesystem::remove(path, error);
        throw;
    }
}

void SqliteJobStore::remove(const std::string& id) {
    {
        const std::lock_guard lock(mutex_);
        Statement(db_, "DELETE FROM jobs WHERE id = ?").bind(1, id).run();
    }
    std::error_code ignored;
    std::filesystem::remove(upload_path(id), ignored);
}

std::optional<StoredJob> SqliteJobStore::find_locked(std::string_view id, bool with_result) {
    Statement query(db_, "SELECT " + std::string(job_columns) + " FROM jobs WHERE id = ?");
    query.bind(1, id);
    if (!query.step()) {
        return std::nullopt;
    }
    return read_job(query, with_result);
}

std::optional<StoredJob> SqliteJobStore::find(std::string_view id) {
    const std::lock_guard lock(mutex_);
    return find_locked(id, true);
}

std::optional<std::string> SqliteJobStore::upload(std::string_view id) {
    {
        const std::lock_guard lock(mutex_);
        if (!find_locked(id, false)) {
            return std::nullopt;
        }
    }
    std::ifstream in(upload_path(id), std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void SqliteJobStore::mark_processing(const std::string& id, std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    Statement(db_, "UPDATE jobs SET status = 'processing', updated_ms = ? WHERE id = ? AND status = 'queued'")
        .bind(1, now_ms)
        .bind(2, id)
        .run();
}

bool SqliteJobStore::finish(const std::string& id, const StoredJob& outcome, std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    Statement update(db_, "UPDATE jobs SET status = ?, result = ?, error = ?, vendor = ?, flagged = ?, "
                          "finished_ms = ?, updated_ms = ?, revision = revision + 1 "
                          "WHERE id = ? AND status IN ('queued', 'processing')");
    update.bind(1, to_string(outcome.state))
        .bind(2, outcome.result_json)
        .bind(3, outcome.error)
        .bind(4, outcome.vendor)
        .bind(5, join_names(outcome.flagged))
        .bind(6, now_ms)
        .bind(7, now_ms)
        .bind(8, id)
        .run();
    return sqlite3_changes(db_) > 0;
}

void SqliteJobStore::note_requeue(const std::string& id, std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    Statement(db_, "UPDATE jobs SET requeues = requeues + 1, status = 'queued', updated_ms = ? WHERE id = ?")
        .bind(1, now_ms)
        .bind(2, id)
        .run();
}

JobStore::EditOutcome SqliteJobStore::edit_result(const std::string& id, std::optional<std::int64_t> expected_revision,
                                                  const std::function<ResultEdit(const StoredJob&)>& edit,
                                                  std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    Transaction transaction(db_);
    std::optional<StoredJob> job = find_locked(id, true);
    if (!job) {
        return {EditStatus::not_found, {}};
    }
    if (job->state != JobState::done && job->state != JobState::reviewed) {
        return {EditStatus::not_finished, std::move(*job)};
    }
    if (expected_revision && *expected_revision != job->revision) {
        return {EditStatus::revision_mismatch, std::move(*job)};
    }
    const ResultEdit change = edit(*job); // may throw: the transaction rolls back
    const bool reviewed = change.flagged.empty();
    Statement(db_, "UPDATE jobs SET result = ?, vendor = ?, flagged = ?, status = ?, reviewed_ms = ?, updated_ms = ?, "
                   "revision = revision + 1 WHERE id = ?")
        .bind(1, change.result_json)
        .bind(2, change.vendor)
        .bind(3, join_names(change.flagged))
        .bind(4, to_string(reviewed ? JobState::reviewed : JobState::done))
        .bind(5, reviewed ? (job->reviewed_ms != 0 ? job->reviewed_ms : now_ms) : 0)
        .bind(6, now_ms)
        .bind(7, id)
        .run();
    for (const Correction& correction : change.corrections) {
        Statement(db_, "INSERT INTO corrections (job_id, field, action, extracted_value, value, vendor, created_ms) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, id)
            .bind(2, correction.field)
            .bind(3, correction.action)
            .bind(4, correction.extracted_value)
            .bind(5, correction.value)
            .bind(6, correction.vendor)
            .bind(7, now_ms)
            .run();
    }
    std::optional<StoredJob> updated = find_locked(id, true);
    transaction.commit();
    return {EditStatus::updated, std::move(*updated)};
}

std::vector<Correction> SqliteJobStore::corrections(std::string_view id) {
    const std::lock_guard lock(mutex_);
    Statement query(db_, "SELECT field, action, extracted_value, value, vendor FROM corrections WHERE job_id = ? "
                         "ORDER BY id");
    query.bind(1, id);
    std::vector<Correction> out;
    while (query.step()) {
        out.push_back(Correction{.field = query.text(0),
                                 .action = query.text(1),
                                 .extracted_value = query.text(2),
                                 .value = query.text(3),
                                 .vendor = query.text(4)});
    }
    return out;
}

void SqliteJobStore::remember_vendor(const docextract::RememberedVendor& learned, std::int64_t now_ms) {
    const std::string key = docextract::vendor_name_key(learned.canonical_name);
    if (key.empty()) {
        return;
    }
    const std::lock_guard lock(mutex_);
    Transaction transaction(db_);
    std::optional<VendorRow> existing;
    {
        Statement query(db_, "SELECT " + std::string(vendor_columns) + " FROM vendors WHERE name_key = ?");
        query.bind(1, key);
        if (query.step()) {
            existing = read_vendor(query);
        }
    }
    const VendorRow row = merged_row(existing, learned, now_ms);
    Statement(db_, "INSERT OR REPLACE INTO vendors (" + std::string(vendor_columns) + ") VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, row.name_key)
        .bind(2, row.canonical_name)
        .bind(3, row.tax_ids)
        .bind(4, row.email_domains)
        .bind(5, row.places)
        .bind(6, row.corrections)
        .bind(7, row.updated_ms)
        .run();
    transaction.commit();
}

docextract::VendorMemory SqliteJobStore::vendor_memory(std::size_t limit) {
    const std::lock_guard lock(mutex_);
    Statement query(db_, "SELECT " + std::string(vendor_columns) +
                             " FROM vendors ORDER BY updated_ms DESC, name_key LIMIT ?");
    query.bind(1, static_cast<std::int64_t>(limit));
    docextract::VendorMemory memory;
    while (query.step()) {
        memory.vendors.push_back(vendor_of(read_vendor(query)));
    }
    return memory;
}

std::int64_t SqliteJobStore::vendor_generation() {
    const std::lock_guard lock(mutex_);
    Statement query(db_, "SELECT generation FROM vendor_generation");
    return query.step() ? query.integer(0) : 0;
}

std::vector<StoredJob> SqliteJobStore::list(const JobFilter& filter, bool with_result) {
    std::string sql = "SELECT " + std::string(job_columns) + " FROM jobs WHERE updated_ms >= ?";
    if (!filter.states.empty()) {
        sql += " AND status IN (";
        for (std::size_t i = 0; i < filter.states.size(); ++i) {
            sql += i == 0 ? "?" : ", ?";
        }
        sql += ")";
    }
    if (filter.only_flagged) {
        sql += " AND flagged <> ''";
    }
    if (filter.after) {
        sql += " AND (created_ms > ? OR (created_ms = ? AND id > ?))";
    }
    sql += " ORDER BY created_ms, id LIMIT ?";
    const std::lock_guard lock(mutex_);
    Statement query(db_, sql);
    int index = 1;
    query.bind(index++, filter.updated_since_ms);
    for (JobState state : filter.states) {
        query.bind(index++, to_string(state));
    }
    if (filter.after) {
        query.bind(index, filter.after->first);
        query.bind(index + 1, filter.after->first);
        query.bind(index + 2, filter.after->second);
        index += 3;
    }
    query.bind(index, static_cast<std::int64_t>(filter.limit));
    std::vector<StoredJob> jobs;
    while (query.step()) {
        jobs.push_back(read_job(query, with_result));
    }
    return jobs;
}

std::vector<std::string> SqliteJobStore::unfinished(std::size_t limit) {
    const std::lock_guard lock(mutex_);
    Statement query(db_,
                    "SELECT id FROM jobs WHERE status IN ('queued', 'processing') ORDER BY created_ms, id LIMIT ?");
    query.bind(1, static_cast<std::int64_t>(limit));
    std::vector<std::string> ids;
    while (query.step()) {
        ids.push_back(query.text(0));
    }
    return ids;
}

std::size_t SqliteJobStore::prune(std::int64_t before_ms) {
    std::vector<std::string> ids;
    {
        const std::lock_guard lock(mutex_);
        Transaction transaction(db_);
        Statement query(db_, "SELECT id FROM jobs WHERE created_ms < ?");
        query.bind(1, before_ms);
        while (query.step()) {
            ids.push_back(query.text(0));
        }
        Statement(db_, "DELETE FROM jobs WHERE created_ms < ?").bind(1, before_ms).run(); // corrections cascade
        transaction.commit();
    }
    for (const std::string& id : ids) {
        std::error_code ignored;
        std::filesystem::remove(upload_path(id), ignored);
    }
    return ids.size();
}

std::string SqliteJobStore::describe() const {
    return "sqlite " + db_path_.string();
}

} // namespace docextract::service
