// SPDX-License-Identifier: MIT
#pragma once

// GET /export?format=csv|jsonl&status=...&since=...: every matching job, one line each, oldest first, streamed
// in pages from the job store (never all in memory). CSV columns: docextract/csv.hpp. A JSONL line:
//   {"filename", "job_id", "status", "fields": {name: {"value", "confidence", "needs_review", "source"}},
//    "error" (failed jobs only)}

#include "job_store.hpp"

#include <httplib.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace docextract::service {

/// `since` as milliseconds since the Unix epoch: "2026-12-02", "2026-12-02T19:30:00Z" (UTC; fractions of a second
/// allowed) or a number of milliseconds. nullopt for anything else.
std::optional<std::int64_t> parse_since(std::string_view text);

/// Installs GET /export; `store` must outlive the server.
void register_export_routes(httplib::Server& server, JobStore& store);

} // namespace docextract::service
