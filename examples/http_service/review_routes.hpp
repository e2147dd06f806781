// SPDX-License-Identifier: MIT
#pragma once

// The review loop's routes, on the job store:
//   PATCH /result/{id}                  set or confirm field values (result_patch.hpp); ETag / If-Match; a result
//                                       whose vendor a person settled teaches the vendor memory (vendor_records.hpp)
//   GET   /jobs?status=&limit=&cursor=  jobs oldest first, with filename, vendor and flagged fields
//   GET   /result/{id}/pages/{n}.png    a page of the stored upload (?stage=cleaned|original)

#include "job_store.hpp"
#include "preview_renderer.hpp"

#include <httplib.h>

#include <optional>
#include <string_view>

namespace docextract::service {

struct ReviewContext {
    JobStore& store;
    PreviewRenderer& preview;
    bool vendor_memory = true; ///< A correction teaches the vendor memory (off: --no-vendor-memory).
};

/// The methods the review paths answer ("GET, HEAD, PATCH" for /result/{id}), or nullopt for another path.
std::optional<std::string_view> review_allowed_methods(std::string_view path) noexcept;

/// Installs the routes; the store and renderer `context` refers to must outlive the server.
void register_review_routes(httplib::Server& server, ReviewContext context);

} // namespace docextract::service
