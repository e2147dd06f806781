// SPDX-License-Identifier: MIT
#pragma once

// The job store in PostgreSQL (--database postgresql://...), for several API servers sharing one record. Same
// tables as SQLite, plus `uploads` (bytea). One connection under a mutex, re-established when it breaks; the
// schema is migrated under an advisory lock, so servers starting together do not race.

#include "job_store.hpp"

#include <mutex>

struct pg_conn;

namespace docextract::service {

class PostgresJobStore final : public JobStore {
public:
    /// Connects (throws StoreUnavailable when it cannot) and migrates the schema.
    explicit PostgresJobStore(std::string url);
    ~PostgresJobStore() override;

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
    /// The connection, reconnected first when it broke. Call with mutex_ held.
    pg_conn* connection();
    void migrate();
    /// Runs `work` on the connection; when the connection turns out broken, once more on a new one. Call with
    /// mutex_ held.
    template <typename Work> auto retrying(Work&& work);

    std::string url_;
    std::string display_;
    std::mutex mutex_;
    pg_conn* conn_ = nullptr;
};

} // namespace docextract::service
