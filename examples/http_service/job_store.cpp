// SPDX-License-Identifier: MIT
#include "job_store.hpp"

#include "postgres_job_store.hpp"
#include "sqlite_job_store.hpp"

#include <chrono>

namespace docextract::service {

std::unique_ptr<JobStore> open_job_store(const StoreSettings& settings) {
    if (!settings.database.empty()) {
        if (!settings.database.starts_with("postgresql://") && !settings.database.starts_with("postgres://")) {
            throw StoreUnavailable("--database must be a postgresql:// URL (without it, SQLite under --data-dir)");
        }
        return std::make_unique<PostgresJobStore>(settings.database);
    }
    return std::make_unique<SqliteJobStore>(settings.data_dir);
}

std::string join_names(const std::vector<std::string>& names) {
    std::string joined;
    for (const std::string& name : names) {
        if (!joined.empty()) {
            joined += ',';
        }
        joined += name;
    }
    return joined;
}

std::vector<std::string> split_names(std::string_view joined) {
    std::vector<std::string> names;
    while (!joined.empty()) {
        const auto comma = joined.find(',');
        names.emplace_back(joined.substr(0, comma));
        joined = comma == std::string_view::npos ? std::string_view{} : joined.substr(comma + 1);
    }
    return names;
}

std::int64_t now_unix_ms() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
}

} // namespace docextract::service
