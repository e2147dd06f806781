// SPDX-License-Identifier: MIT
#pragma once

// docextract-server's job store options: --data-dir, --database, --retention-days.

#include "job_store.hpp"

#include <CLI/CLI.hpp>

#include <chrono>

namespace docextract::service {

struct StoreOptions {
    StoreSettings settings;
    double retention_days = 30;

    [[nodiscard]] std::chrono::hours retention() const {
        return std::chrono::hours(static_cast<long long>(retention_days * 24.0));
    }
};

inline void add_store_options(CLI::App& app, StoreOptions& options) {
    app.add_option("--data-dir", options.settings.data_dir,
                   "Directory of the SQLite job store (jobs.sqlite) and the stored uploads")
        ->envname("DOCEXTRACT_DATA_DIR")
        ->capture_default_str();
    app.add_option("--database", options.settings.database,
                   "postgresql://USER:PASSWORD@HOST:PORT/DB: keep the job store in PostgreSQL instead of SQLite")
        ->envname("DOCEXTRACT_DATABASE_URL");
    app.add_option("--retention-days", options.retention_days,
                   "Days a job, its result, upload and corrections are kept")
        ->envname("DOCEXTRACT_RETENTION_DAYS")
        ->check(CLI::Range(1.0, 36500.0))
        ->capture_default_str();
}

} // namespace docextract::service
