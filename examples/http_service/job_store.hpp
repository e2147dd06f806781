// SPDX-License-Identifier: MIT
#pragma once

// The record of every job: its state, result JSON, uploaded file and every correction a person made. Redis (or
// the in-process queue) only carries work to the workers and hands results back; this is what /result, /jobs,
// /export and PATCH /result read and write. Two implementations, one schema (docs/http-service.md, "Storage"):
//   SqliteJobStore    (default) a file under --data-dir, WAL mode; uploads as files in <data-dir>/uploads/
//   PostgresJobStore  --database postgresql://...; uploads in the `uploads` table (bytea)
// Every write is one transaction; the schema is versioned and migrated when the store opens.

#include "job_queue.hpp"

#include <docextract/vendor_memory.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace docextract::service {

/// The schema version this build writes; older databases are migrated up to it when opened.
inline constexpr int job_store_schema_version = 3;

/// One stored job.
struct StoredJob {
    std::string id;
    std::string filename;
    JobState state = JobState::queued;
    std::int64_t created_ms = 0;      ///< Upload time, milliseconds since the Unix epoch.
    std::int64_t updated_ms = 0;      ///< Last change (finished, corrected).
    std::int64_t finished_ms = 0;     ///< 0 while queued or processing.
    std::int64_t reviewed_ms = 0;     ///< 0 until every flagged field is settled.
    std::string result_json;          ///< docextract::to_json of the result (with corrections applied); done/reviewed.
    std::string error;                ///< When failed.
    std::string vendor;               ///< The result's vendor value, empty when none.
    std::vector<std::string> flagged; ///< Flagged fields no person has settled yet.
    std::int64_t revision = 0;        ///< Raised by every change of the result; the ETag.
    int requeues = 0;                 ///< Times the job was handed to the queue again after being lost there.
};

/// One change a person made to one field.
struct Correction {
    std::string field;
    std::string action;          ///< "set" or "confirm".
    std::string extracted_value; ///< The machine's value as JSON text ("null" when it found none).
    std::string value;           ///< The value after the change, as JSON text.
    std::string vendor;          ///< The job's vendor after the change.
};

/// What an edit of a result writes back.
struct ResultEdit {
    std::string result_json;
    std::string vendor;
    std::vector<std::string> flagged;
    std::vector<Correction> corrections;
};

/// Which jobs a listing returns, oldest first (by upload time, then id).
struct JobFilter {
    std::vector<JobState> states;      ///< Empty: any state.
    bool only_flagged = false;         ///< Only jobs with flagged fields left (status=needs_review).
    std::int64_t updated_since_ms = 0; ///< Only jobs changed at or after this time.
    std::optional<std::pair<std::int64_t, std::string>> after; ///< Resume after this (created_ms, id).
    std::size_t limit = 50;
};

/// The database cannot be used (unreachable, disk full, corrupt); maps to HTTP 503.
class StoreUnavailable : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// All member functions are thread-safe and throw StoreUnavailable when the database fails.
class JobStore {
public:
    JobStore() = default;
    JobStore(const JobStore&) = delete;
    JobStore& operator=(const JobStore&) = delete;
    virtual ~JobStore() = default;

    /// Records a new queued job and its upload, both or neither.
    virtual void create(const std::string& id, const Upload& upload, std::int64_t now_ms) = 0;
    /// Forgets a job that was never queued (the queue refused it), upload and all.
    virtual void remove(const std::string& id) = 0;
    virtual std::optional<StoredJob> find(std::string_view id) = 0;
    /// The uploaded bytes; nullopt when the job or its file is gone.
    virtual std::optional<std::string> upload(std::string_view id) = 0;
    /// Marks a queued/processing job processing; no effect on any other state.
    virtual void mark_processing(const std::string& id, std::int64_t now_ms) = 0;
    /// Ends a queued/processing job as done (with its result) or failed (with the error). A job that has already
    /// ended is left as it is: a second worker finishing the same job changes nothing. True when it was written.
    virtual bool finish(const std::string& id, const StoredJob& outcome, std::int64_t now_ms) = 0;
    /// Counts one more hand-over of a lost job to the queue.
    virtual void note_requeue(const std::string& id, std::int64_t now_ms) = 0;

    enum class EditStatus { updated, not_found, not_finished, revision_mismatch };
    struct EditOutcome {
        EditStatus status = EditStatus::not_found;
        StoredJob job; ///< After the edit (updated), or as found (otherwise).
    };
    /// Reads the job, calls `edit` on it and writes what it returns, in one transaction; nothing is written when
    /// `edit` throws (the exception propagates). With `expected_revision` the edit happens only at that revision.
    /// The job becomes `reviewed` when no flagged field is left.
    virtual EditOutcome edit_result(const std::string& id, std::optional<std::int64_t> expected_revision,
                                    const std::function<ResultEdit(const StoredJob&)>& edit, std::int64_t now_ms) = 0;
    /// Every correction made to a job, oldest first.
    virtual std::vector<Correction> corrections(std::string_view id) = 0;

    /// Folds what a correction taught of a vendor into its record (one per name key of the canonical name),
    /// creating the record for a new vendor. Vendor records outlive the jobs they were learnt from.
    virtual void remember_vendor(const docextract::RememberedVendor& learned, std::int64_t now_ms) = 0;
    /// The remembered vendors, most recently corrected first, at most `limit`.
    virtual docextract::VendorMemory vendor_memory(std::size_t limit) = 0;
    /// A counter the database raises with every write of a vendor record (a trigger on `vendors`, whoever writes):
    /// a copy of vendor_memory() read after this value was is current for as long as it stays the same.
    virtual std::int64_t vendor_generation() = 0;

    /// Jobs matching the filter, oldest first; with `with_result` false, result_json is left empty.
    virtual std::vector<StoredJob> list(const JobFilter& filter, bool with_result) = 0;
    /// Ids of queued/processing jobs, oldest first.
    virtual std::vector<std::string> unfinished(std::size_t limit) = 0;
    /// Deletes jobs uploaded before `before_ms`, their uploads and corrections; returns how many.
    virtual std::size_t prune(std::int64_t before_ms) = 0;
    /// "sqlite <path>" or "postgresql <host/db>", for /health and the start-up line.
    virtual std::string describe() const = 0;
};

/// Where the store lives.
struct StoreSettings {
    std::filesystem::path data_dir = "docextract-data"; ///< SQLite file and uploads (default ./docextract-data).
    std::string database;                               ///< postgresql://... ; empty: SQLite in data_dir.
};

/// Opens (creating and migrating as needed) the store the settings name. Throws StoreUnavailable.
std::unique_ptr<JobStore> open_job_store(const StoreSettings& settings);

/// The flagged-field list stored in one text column: names joined by ','.
std::string join_names(const std::vector<std::string>& names);
std::vector<std::string> split_names(std::string_view joined);

/// Milliseconds since the Unix epoch, now.
std::int64_t now_unix_ms();

} // namespace docextract::service
