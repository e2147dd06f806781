// SPDX-License-Identifier: MIT
#include "postgres_job_store.hpp"

#include "vendor_records.hpp"

#include <libpq-fe.h>

#include <iterator>
#include <utility>

namespace docextract::service {
namespace {

// Each entry takes the schema from version i to i + 1. Never edit one that has shipped: add another.
constexpr std::string_view migrations[] = {
    R"sql(
CREATE TABLE jobs (
    id          TEXT PRIMARY KEY,
    filename    TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_ms  BIGINT NOT NULL,
    updated_ms  BIGINT NOT NULL,
    finished_ms BIGINT NOT NULL DEFAULT 0,
    reviewed_ms BIGINT NOT NULL DEFAULT 0,
    result      TEXT NOT NULL DEFAULT '',
    error       TEXT NOT NULL DEFAULT '',
    vendor      TEXT NOT NULL DEFAULT '',
    flagged     TEXT NOT NULL DEFAULT '',
    revision    BIGINT NOT NULL DEFAULT 0,
    requeues    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_by_created ON jobs (created_ms, id);
CREATE INDEX jobs_by_status ON jobs (status, created_ms, id);
CREATE TABLE uploads (
    job_id TEXT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    bytes  BYTEA NOT NULL
);
CREATE TABLE corrections (
    id              BIGSERIAL PRIMARY KEY,
    job_id          TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    field           TEXT NOT NULL,
    action          TEXT NOT NULL,
    extracted_value TEXT NOT NULL,
    value           TEXT NOT NULL,
    vendor          TEXT NOT NULL,
    created_ms      BIGINT NOT NULL
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
    corrections    BIGINT NOT NULL DEFAULT 0,
    updated_ms     BIGINT NOT NULL
);
CREATE INDEX vendors_by_updated ON vendors (updated_ms);
)sql",
    R"sql(
CREATE TABLE vendor_generation (generation BIGINT NOT NULL);
INSERT INTO vendor_generation (generation) VALUES (0);
CREATE FUNCTION docextract_bump_vendor_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE vendor_generation SET generation = generation + 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER vendors_written AFTER INSERT OR UPDATE OR DELETE ON vendors
    FOR EACH ROW EXECUTE FUNCTION docextract_bump_vendor_generation();
)sql",
};

constexpr std::string_view vendor_columns = "name_key, canonical_name, tax_ids, email_domains, places, corrections, "
                                            "updated_ms";

constexpr std::string_view job_columns = "id, filename, status, created_ms, updated_ms, finished_ms, reviewed_ms, "
                                         "vendor, flagged, revision, requeues, error, result";

/// A query result, cleared when it goes out of scope.
class Result {
public:
    explicit Result(PGresult* result) : result_(result) {}
    ~Result() { PQclear(result_); }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    Result(Result&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}
    Result& operator=(Result&&) = delete;

    [[nodiscard]] int rows() const { return PQntuples(result_); }
    [[nodiscard]] std::string text(int row, int column) const {
        return std::string(PQgetvalue(result_, row, column),
                           static_cast<std::size_t>(PQgetlength(result_, row, column)));
    }
    [[nodiscard]] std::int64_t integer(int row, int column) const {
        return std::stoll(std::string(PQgetvalue(result_, row, column)));
    }
    [[nodiscard]] long long affected() const {
        const char* count = PQcmdTuples(result_);
        return count[0] == '\0' ? 0 : std::stoll(count);
    }

private:
    PGresult* result_;
};

/// One parameter: text, or binary bytes (the upload).
struct Param {
    std::string value;
    bool binary = false;
};

Param text(std::string_view value) {
    return Param{std::string(value), false};
}
Param number(std::int64_t value) {
    return Param{std::to_string(value), false};
}

void check(pg_conn* conn, const PGresult* result) {
    const ExecStatusType status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        throw StoreUnavailable(std::string("PostgreSQL: ") + PQerrorMessage(conn));
    }
}

/// Runs one statement; throws StoreUnavailable on any error. `binary_result` asks for raw column bytes.
Result query(pg_conn* conn, std::string_view sql, const std::vector<Param>& params = {}, bool binary_result = false) {
    std::vector<const char*> values;
    std::vector<int> lengths;
    std::vector<int> formats;
    for (const Param& param : params) {
        values.push_back(param.value.data());
        lengths.push_back(static_cast<int>(param.value.size()));
        formats.push_back(param.binary ? 1 : 0);
    }
    PGresult* raw = PQexecParams(conn, std::string(sql).c_str(), static_cast<int>(params.size()), nullptr,
                                 values.data(), lengths.data(), formats.data(), binary_result ? 1 : 0);
    Result result(raw);
    check(conn, raw);
    return result;
}

/// BEGIN ... COMMIT; rolled back when left by an exception.
class Transaction {
public:
    explicit Transaction(pg_conn* conn) : conn_(conn) { query(conn_, "BEGIN"); }
    ~Transaction() {
        if (!committed_) {
            PQclear(PQexec(conn_, "ROLLBACK"));
        }
    }
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() {
        query(conn_, "COMMIT");
        committed_ = true;
    }

private:
    pg_conn* conn_;
    bool committed_ = false;
};

StoredJob read_job(const Result& rows, int row, bool with_result) {
    StoredJob job;
    job.id = rows.text(row, 0);
    job.filename = rows.text(row, 1);
    job.state = parse_job_state(rows.text(row, 2)).value_or(JobState::failed);
    job.created_ms = rows.integer(row, 3);
    job.updated_ms = rows.integer(row, 4);
    job.finished_ms = rows.integer(row, 5);
    job.reviewed_ms = rows.integer(row, 6);
    job.vendor = rows.text(row, 7);
    job.flagged = split_names(rows.text(row, 8));
    job.revision = rows.integer(row, 9);
    job.requeues = static_cast<int>(rows.integer(row, 10));
    job.error = rows.text(row, 11);
    if (with_result) {
        job.result_json = rows.text(row, 12);
    }
    return job;
}

/// postgresql://user:secret@host:5432/db -> postgresql://user@host:5432/db (no password in logs or /health).
std::string without_password(const std::string& url) {
    const auto scheme = url.find("://");
    const auto at = url.find('@');
    if (scheme == std::string::npos || at == std::string::npos) {
        return url;
    }
    const auto colon = url.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) {
        return url;
    }
    return url.substr(0, colon) + url.substr(at);
}

std::optional<StoredJob> find_job(pg_conn* conn, std::string_view id, bool with_result, bool for_update) {
    std::string sql = "SELECT " + std::string(job_columns) + " FROM jobs WHERE id = $1";
    if (for_update) {
        sql += " FOR UPDATE";
    }
    const Result rows = query(conn, sql, {text(id)});
    if (rows.rows() == 0) {
        return std::nullopt;
    }
    return read_job(rows, 0, with_result);
}

VendorRow read_vendor(const Result& rows, int row) {
    return VendorRow{.name_key = rows.text(row, 0),
                     .canonical_name = rows.text(row, 1),
                     .tax_ids = rows.text(row, 2),
                     .email_domains = rows.text(row, 3),
                     .places = rows.text(row, 4),
                     .corrections = rows.integer(row, 5),
                     .updated_ms = rows.integer(row, 6)};
}

} // namespace

PostgresJobStore::PostgresJobStore(std::string url) : url_(std::move(url)), display_(without_password(url_)) {
    const std::lock_guard lock(mutex_);
    connection();
    migrate();
}

PostgresJobStore::~PostgresJobStore() {
    PQfinish(conn_);
}

pg_conn* PostgresJobStore::connection() {
    if (conn_ != nullptr) {
        // Reads what the server sent while the connection was idle: a server that shut down or restarted closed
        // it, and this marks it bad, so it is re-established below instead of failing the next statement.
        PQconsumeInput(conn_);
    }
    if (conn_ != nullptr && PQstatus(conn_) == CONNECTION_OK) {
        return conn_;
    }
    if (conn_ != nullptr) {
        PQreset(conn_);
        if (PQstatus(conn_) == CONNECTION_OK) {
            return conn_;
        }
        PQfinish(conn_);
        conn_ = nullptr;
    }
    conn_ = PQconnectdb(url_.c_str());
    if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
        std::string message = conn_ != nullptr ? PQerrorMessage(conn_) : "out of memory";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
            message.pop_back();
        }
        PQfinish(conn_);
        conn_ = nullptr;
        throw StoreUnavailable("cannot connect to " + display_ + ": " + message);
    }
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr); // notices are not errors; keep stderr quiet
    PQclear(PQexec(conn_, "SET client_min_messages = warning"));
    return conn_;
}

template <typename Work> auto PostgresJobStore::retrying(Work&& work) {
    try {
        return work(connection());
    } catch (const StoreUnavailable&) {
        if (conn_ == nullptr || PQstatus(conn_) == CONNECTION_OK) {
            throw; // the statement failed, not the connection
        }
    }
    // The connection broke (a restarted server): nothing was committed on it; once more on a new one.
    return work(connection());
}

void PostgresJobStore::migrate() {
    pg_conn* conn = connection();
    Transaction transaction(conn);
    query(conn, "SELECT pg_advisory_xact_lock(7242016)"); // one migrating server at a time
    query(conn, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    std::int64_t version = 0;
    const Result current = query(conn, "SELECT version FROM schema_version");
    if (current.rows() > 0) {
        version = current.integer(0, 0);
    } else {
        query(conn, "INSERT INTO schema_version (version) VALUES (0)");
    }
    constexpr auto known = static_cast<std::int64_t>(std::size(migrations));
    if (version > known) {
        throw StoreUnavailable(display_ + " has schema version " + std::to_string(version) +
                               ", newer than this build's " + std::to_string(known) + ": upgrade docextract-server");
    }
    for (; version < known; ++version) {
        PGresult* raw = PQexec(conn, std::string(migrations[version]).c_str());
        const Result result(raw);
        check(conn, raw);
    }
    query(conn, "UPDATE schema_version SET version = $1", {number(version)});
    transaction.commit();
}

void PostgresJobStore::create(const std::string& id, const Upload& upload, std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        Transaction transaction(conn);
        query(conn, "INSERT INTO jobs (id, filename, status, created_ms, updated_ms) VALUES ($1, $2, $3, $4, $4)",
              {text(id), text(upload.filename), text(to_string(JobState::queued)), number(now_ms)});
        query(conn, "INSERT INTO uploads (job_id, bytes) VALUES ($1, $2)", {text(id), Param{upload.bytes, true}});
        transaction.commit();
    });
}

void PostgresJobStore::remove(const std::string& id) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) { query(conn, "DELETE FROM jobs WHERE id = $1", {text(id)}); });
}

std::optional<StoredJob> PostgresJobStore::find(std::string_view id) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) -> std::optional<StoredJob> { return find_job(conn, id, true, false); });
}

std::optional<std::string> PostgresJobStore::upload(std::string_view id) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) -> std::optional<std::string> {
        const Result rows = query(conn, "SELECT bytes FROM uploads WHERE job_id = $1", {text(id)}, true);
        if (rows.rows() == 0) {
            return std::nullopt;
        }
        return rows.text(0, 0);
    });
}

void PostgresJobStore::mark_processing(const std::string& id, std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        query(conn, "UPDATE jobs SET status = 'processing', updated_ms = $1 WHERE id = $2 AND status = 'queued'",
              {number(now_ms), text(id)});
    });
}

bool PostgresJobStore::finish(const std::string& id, const StoredJob& outcome, std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        const Result result =
            query(conn,
                  "UPDATE jobs SET status = $1, result = $2, error = $3, vendor = $4, flagged = $5, "
                  "finished_ms = $6, updated_ms = $6, revision = revision + 1 "
                  "WHERE id = $7 AND status IN ('queued', 'processing')",
                  {text(to_string(outcome.state)), text(outcome.result_json), text(outcome.error), text(outcome.vendor),
                   text(join_names(outcome.flagged)), number(now_ms), text(id)});
        return result.affected() > 0;
    });
}

void PostgresJobStore::note_requeue(const std::string& id, std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        query(conn, "UPDATE jobs SET requeues = requeues + 1, status = 'queued', updated_ms = $1 WHERE id = $2",
              {number(now_ms), text(id)});
    });
}

JobStore::EditOutcome PostgresJobStore::edit_result(const std::string& id,
                                                    std::optional<std::int64_t> expected_revision,
                                                    const std::function<ResultEdit(const StoredJob&)>& edit,
                                                    std::int64_t now_ms) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) -> EditOutcome {
        Transaction transaction(conn);
        std::optional<StoredJob> job = find_job(conn, id, true, true); // row locked until commit: edits serialise
        if (!job) {
            return {EditStatus::not_found, {}};
        }
        if (job->state != JobState::done && job->state != JobState::reviewed) {
            return {EditStatus::not_finished, std::move(*job)};
        }
        if (expected_revision && *expected_revision != job->revision) {
            return {EditStatus::revision_mismatch, std::move(*job)};
        }
        const ResultEdit change = edit(*job);
        const bool reviewed = change.flagged.empty();
        const std::int64_t reviewed_ms = reviewed ? (job->reviewed_ms != 0 ? job->reviewed_ms : now_ms) : 0;
        query(conn,
              "UPDATE jobs SET result = $1, vendor = $2, flagged = $3, status = $4, reviewed_ms = $5, updated_ms = $6, "
              "revision = revision + 1 WHERE id = $7",
              {text(change.result_json), text(change.vendor), text(join_names(change.flagged)),
               text(to_string(reviewed ? JobState::reviewed : JobState::done)), number(reviewed_ms), number(now_ms),
               text(id)});
        for (const Correction& correction : change.corrections) {
            query(conn,
                  "INSERT INTO corrections (job_id, field, action, extracted_value, value, vendor, created_ms) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                  {text(id), text(correction.field), text(correction.action), text(correction.extracted_value),
                   text(correction.value), text(correction.vendor), number(now_ms)});
        }
        std::optional<StoredJob> updated = find_job(conn, id, true, false);
        transaction.commit();
        return {EditStatus::updated, std::move(*updated)};
    });
}

std::vector<Correction> PostgresJobStore::corrections(std::string_view id) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        const Result rows = query(conn,
                                  "SELECT field, action, extracted_value, value, vendor FROM corrections "
                                  "WHERE job_id = $1 ORDER BY id",
                                  {text(id)});
        std::vector<Correction> out;
        for (int i = 0; i < rows.rows(); ++i) {
            out.push_back(Correction{.field = rows.text(i, 0),
                                     .action = rows.text(i, 1),
                                     .extracted_value = rows.text(i, 2),
                                     .value = rows.text(i, 3),
                                     .vendor = rows.text(i, 4)});
        }
        return out;
    });
}

void PostgresJobStore::remember_vendor(const docextract::RememberedVendor& learned, std::int64_t now_ms) {
    const std::string key = docextract::vendor_name_key(learned.canonical_name);
    if (key.empty()) {
        return;
    }
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        Transaction transaction(conn);
        // A new vendor's row first, so that the one below can be locked: two servers learning at once serialise.
        query(conn,
              "INSERT INTO vendors (name_key, canonical_name, updated_ms) VALUES ($1, $2, $3) "
              "ON CONFLICT (name_key) DO NOTHING",
              {text(key), text(learned.canonical_name), number(now_ms)});
        const Result rows =
            query(conn, "SELECT " + std::string(vendor_columns) + " FROM vendors WHERE name_key = $1 FOR UPDATE",
                  {text(key)});
        std::optional<VendorRow> existing;
        if (rows.rows() > 0 && rows.integer(0, 5) > 0) {
            existing = read_vendor(rows, 0);
        }
        const VendorRow row = merged_row(existing, learned, now_ms);
        query(conn,
              "UPDATE vendors SET canonical_name = $2, tax_ids = $3, email_domains = $4, places = $5, "
              "corrections = $6, updated_ms = $7 WHERE name_key = $1",
              {text(row.name_key), text(row.canonical_name), text(row.tax_ids), text(row.email_domains),
               text(row.places), number(row.corrections), number(row.updated_ms)});
        transaction.commit();
    });
}

docextract::VendorMemory PostgresJobStore::vendor_memory(std::size_t limit) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        const Result rows = query(
            conn, "SELECT " + std::string(vendor_columns) + " FROM vendors ORDER BY updated_ms DESC, name_key LIMIT $1",
            {number(static_cast<std::int64_t>(limit))});
        docextract::VendorMemory memory;
        for (int i = 0; i < rows.rows(); ++i) {
            memory.vendors.push_back(vendor_of(read_vendor(rows, i)));
        }
        return memory;
    });
}

std::int64_t PostgresJobStore::vendor_generation() {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) -> std::int64_t {
        const Result rows = query(conn, "SELECT generation FROM vendor_generation");
        return rows.rows() > 0 ? rows.integer(0, 0) : 0;
    });
}

std::vector<StoredJob> PostgresJobStore::list(const JobFilter& filter, bool with_result) {
    std::vector<Param> params = {number(filter.updated_since_ms)};
    const auto next = [&params](Param param) {
        params.push_back(std::move(param));
        std::string placeholder = "$";
        placeholder += std::to_string(params.size());
        return placeholder;
    };
    std::string sql = "SELECT " + std::string(job_columns) + " FROM jobs WHERE updated_ms >= $1";
    if (!filter.states.empty()) {
        sql += " AND status IN (";
        for (std::size_t i = 0; i < filter.states.size(); ++i) {
            if (i > 0) {
                sql += ", ";
            }
            sql += next(text(to_string(filter.states[i])));
        }
        sql += ")";
    }
    if (filter.only_flagged) {
        sql += " AND flagged <> ''";
    }
    if (filter.after) {
        const std::string created = next(number(filter.after->first));
        const std::string id = next(text(filter.after->second));
        sql += " AND (created_ms > ";
        sql += created;
        sql += " OR (created_ms = ";
        sql += created;
        sql += " AND id > ";
        sql += id;
        sql += "))";
    }
    sql += " ORDER BY created_ms, id LIMIT ";
    sql += next(number(static_cast<std::int64_t>(filter.limit)));
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        const Result rows = query(conn, sql, params);
        std::vector<StoredJob> jobs;
        for (int i = 0; i < rows.rows(); ++i) {
            jobs.push_back(read_job(rows, i, with_result));
        }
        return jobs;
    });
}

std::vector<std::string> PostgresJobStore::unfinished(std::size_t limit) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        const Result rows = query(conn,
                                  "SELECT id FROM jobs WHERE status IN ('queued', 'processing') "
                                  "ORDER BY created_ms, id LIMIT $1",
                                  {number(static_cast<std::int64_t>(limit))});
        std::vector<std::string> ids;
        for (int i = 0; i < rows.rows(); ++i) {
            ids.push_back(rows.text(i, 0));
        }
        return ids;
    });
}

std::size_t PostgresJobStore::prune(std::int64_t before_ms) {
    const std::lock_guard lock(mutex_);
    return retrying([&](pg_conn* conn) {
        const Result result = query(conn, "DELETE FROM jobs WHERE created_ms < $1", {number(before_ms)});
        return static_cast<std::size_t>(result.affected()); // uploads and corrections cascade
    });
}

std::string PostgresJobStore::describe() const {
    return "postgresql " + display_;
}

} // namespace docextract::service
