// SPDX-License-Identifier: MIT
#pragma once

// Rules an upload must pass before it is queued: declared size, actual size, non-empty, a supported format.
// Pure functions (no HTTP types) so they are tested on their own; upload_reader applies them while reading.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace docextract::service {

/// Why an upload was refused: the HTTP status and a message for {"error": ...}.
struct Rejection {
    int status = 400;
    std::string message;
};

/// Bytes a multipart body may carry besides the file (boundaries, part headers, small extra fields).
inline constexpr std::size_t multipart_overhead_allowance = std::size_t{64} * 1024;

/// "20 MB" style text for messages.
std::string describe_size(std::size_t bytes);

/// Checks the Content-Length header before any body byte is read. An empty header (chunked upload) passes:
/// the size is then enforced while reading.
std::optional<Rejection> check_declared_length(std::string_view content_length, std::size_t max_file_bytes);

/// 413: the file went over the limit while it was being read.
Rejection too_large(std::size_t max_file_bytes);

/// 400: no part named "file".
Rejection missing_file();

/// Checks the complete file: empty → 400; not PDF/PNG/JPEG/TIFF by its bytes → 415; visibly truncated (a PNG
/// without its IEND chunk, a JPEG without an end-of-image marker after its last scan, a PDF without %%EOF near
/// its end) → 422, so /extract answers at once what the pipeline would only find later.
std::optional<Rejection> check_file_content(std::string_view bytes);

/// A file name safe to store and echo back: the last path component, control characters removed, at most
/// 255 bytes, "upload" when nothing is left.
std::string sanitize_filename(std::string_view name);

} // namespace docextract::service
