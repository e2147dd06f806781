// SPDX-License-Identifier: MIT
#pragma once

// 503 answers: a fixed message and Retry-After for the client; the backend's own error text (a database message,
// a Redis address, a file path) goes to the server log only.

#include "job_queue.hpp"

#include <httplib.h>

#include <string_view>

namespace docextract::service {

/// The Retry-After of every 503 from a route, in seconds.
inline constexpr int unavailable_retry_after_seconds = 5;

/// The fixed text a client gets for a refusal of this reason, e.g. "the job queue is full; retry later".
std::string_view client_message(QueueUnavailable::Reason reason) noexcept;

/// Logs "METHOD PATH: 503, <detail>", the cause of a 503 that the client is not told.
void log_unavailable(const httplib::Request& req, std::string_view detail);

/// 503 "the job store is unavailable; retry later" with Retry-After; logs the request line and `detail`.
void reply_store_unavailable(const httplib::Request& req, httplib::Response& res, std::string_view detail);

/// 503 with the fixed message of the refusal's reason and Retry-After; logs the request line and what().
void reply_queue_unavailable(const httplib::Request& req, httplib::Response& res, const QueueUnavailable& refusal);

} // namespace docextract::service
