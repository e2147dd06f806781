// SPDX-License-Identifier: MIT
#pragma once

// The default job store: SQLite in <data-dir>/jobs.sqlite (WAL, so readers never wait for the writer), uploads as
// files in <data-dir>/uploads/<job id>. One connection, used under a mutex: SQLite serialises writers anyway.

#include "job_store.hpp"

#include <mutex>

struct sqlite3;

namespace docextract::service {

class SqliteJobStore final : public JobStore {
public:
    /// Creates the directory, the database and the schema as needed; migrates an older schema.
    explicit SqliteJobStore(std::filesystem::path data_dir);
    ~SqliteJobStore() override;

    void create(const std::string& id, const Upload& upload, std::int64_t now_ms) override;
    void remove(const std::string& id) override;
    std::optional<StoredJob> find(std::string_view id) override;
    std::optional<std::string> upload(std::string_view id) override;
    void mark_processing(const std::string& id, std::int64_t now_ms) override;
    bool finish(const std::string& id, const StoredJob& outcome, std::int64_t now_ms) override;
    void note_requeue(const std::string& id, std::int64_t now_ms) override;
    EditOutcome edit_result(const std::string& id, std::optional<std::int64_t> expected_revision,
                            const std::function<ResultEdit(const StoredJob&)>& edit, std::int64_t now_ms) override;
    std::vector<Correction> corrections(std::string_view id) override;
    void remember_vendor(const docextract::RememberedVendor& learned, std::int64_t now_ms) override;
    docextract::VendorMemory vendor_memory(std::size_t limit) override;
    std::int64_t vendor_generation() override;
    std::vector<StoredJob> list(const JobFilter& filter, bool with_result) override;
    std::vector<std::string> unfinished(std::size_t limit) override;
    std::size_t prune(std::int64_t before_ms) override;
    std::string describe() const override;

private:
    void migrate();
    std::optional<StoredJob> find_locked(std::string_view id, bool with_result);
    [[nodiscard]] std::filesystem::path upload_path(std::string_view id) const;

    std::filesystem::path data_dir_;
    std::filesystem::path db_path_;
    std::mutex mutex_;
    sqlite3* db_ = nullptr;
};

} // namespace docextract::service
