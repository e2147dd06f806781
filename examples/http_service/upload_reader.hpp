// SPDX-License-Identifier: MIT
#pragma once

// Streams the multipart "file" field of a request into memory, enforcing the size limit while reading:
// a request that declares too many bytes is refused before its body is read, and one that sends too many
// (chunked, or lying about its length) is cut off as soon as it crosses the limit.

#include "job_queue.hpp"
#include "upload_validation.hpp"

#include <httplib.h>

#include <cstddef>
#include <optional>

namespace docextract::service {

/// Either an accepted upload or the reason it was refused.
struct UploadOutcome {
    std::optional<Upload> upload;
    std::optional<Rejection> rejection;
    bool body_fully_read = false; ///< False when the request body was left (partly) unread.
};

/// Reads and validates the upload of a request handled with a ContentReader.
UploadOutcome read_upload(const httplib::Request& request, const httplib::ContentReader& reader,
                          std::size_t max_file_bytes);

} // namespace docextract::service
