// SPDX-License-Identifier: MIT
#pragma once

// The HTTP API: maps requests to the queue, the preview renderer and the embedded web files.
//   GET  /                 web page            GET  /health           status, queue depth, workers, Redis
//   POST /extract          202 {job_id}        GET  /result/{id}      job state and result or error
//   POST /preview          image/png           GET  /docs, /openapi.json
//   with a job store: PATCH /result/{id}, GET /jobs, GET /result/{id}/pages/{n}.png (review_routes.hpp) and
//   GET /export (export_routes.hpp)
// Every error is JSON {"error": "..."}; another method on one of these paths is 405 with Allow.

#include "api_keys.hpp"
#include "job_queue.hpp"
#include "job_store.hpp"
#include "preview_renderer.hpp"
#include "rate_limiter.hpp"
#include "trusted_proxies.hpp"

#include <httplib.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace docextract::service {

struct RouteContext {
    JobQueue& queue;
    PreviewRenderer& preview;
    RateLimiter& extract_limiter;
    RateLimiter& preview_limiter;
    std::size_t max_upload_bytes = std::size_t{20} * 1024 * 1024;
    std::string redis_url;                   ///< Display form for /health; empty in in-process mode.
    const ApiKeys* api_keys = nullptr;       ///< When it requires keys: /extract, /preview, /result need one (401).
    const TrustedProxies* proxies = nullptr; ///< Whose X-Forwarded-For names the client (rate limits per client).
    std::string cors_origin;                 ///< The one origin allowed cross-origin requests; empty: none.
    JobStore* store = nullptr;               ///< The record of jobs; null: no review, list or export routes.
    bool vendor_memory = true;               ///< Corrections teach the vendor memory (off: --no-vendor-memory).
};

/// The client address of a request: the peer, or the X-Forwarded-For hop a trusted proxy vouches for.
std::string client_address(const RouteContext& context, const httplib::Request& req);

/// The methods a known path answers ("GET, HEAD" or "POST", as in an Allow header), or nullopt for a path the
/// server does not have. Any other method on a known path gets 405 with this list, before the body is read.
std::optional<std::string_view> allowed_methods(std::string_view path) noexcept;

/// Installs all routes and the error, exception and Expect: 100-continue handlers. `context` must outlive the
/// server.
void register_routes(httplib::Server& server, const RouteContext& context);

} // namespace docextract::service
