// SPDX-License-Identifier: MIT
#include "upload_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <string>

namespace docextract::service {

UploadOutcome read_upload(const httplib::Request& request, const httplib::ContentReader& reader,
                          std::size_t max_file_bytes) {
    UploadOutcome outcome;
    if (!request.is_multipart_form_data()) {
        outcome.rejection = Rejection{400, "expected a multipart/form-data body with the document in field 'file'"};
        return outcome;
    }
    if (auto rejection = check_declared_length(request.get_header_value("Content-Length"), max_file_bytes)) {
        outcome.rejection = std::move(rejection);
        return outcome;
    }

    Upload upload;
    // The file is nearly the whole body: reserve its declared size once instead of growing the buffer (copies
    // and fresh pages on every doubling). Capped, so a client announcing a large body and sending little
    // does not make the server set memory aside for it.
    constexpr std::size_t max_reserve = std::size_t{8} * 1024 * 1024;
    if (request.has_header("Content-Length")) {
        const auto declared = static_cast<std::size_t>(request.get_header_value<std::uint64_t>("Content-Length"));
        upload.bytes.reserve(std::min({declared, max_file_bytes, max_reserve}));
    }
    bool have_file = false;
    bool in_file = false;
    bool over_limit = false;
    std::size_t other_bytes = 0;
    const bool read_ok = reader(
        [&](const httplib::MultipartFormData& part) {
            in_file = part.name == "file" && !have_file; // a second "file" part is ignored
            if (in_file) {
                have_file = true;
                upload.filename = sanitize_filename(part.filename);
            }
            return true;
        },
        [&](const char* data, std::size_t length) {
            if (in_file) {
                if (upload.bytes.size() + length > max_file_bytes) {
                    over_limit = true;
                    return false; // stop reading: nothing more of this body is received
                }
                upload.bytes.append(data, length);
            } else {
                other_bytes += length;
                if (other_bytes > multipart_overhead_allowance) {
                    over_limit = true;
                    return false;
                }
            }
            return true;
        });
    outcome.body_fully_read = read_ok;
    if (over_limit) {
        outcome.rejection = too_large(max_file_bytes);
        return outcome;
    }
    if (!read_ok) {
        outcome.rejection = Rejection{400, "the multipart/form-data body could not be read"};
        return outcome;
    }
    if (!have_file) {
        outcome.rejection = missing_file();
        return outcome;
    }
    if (auto rejection = check_file_content(upload.bytes)) {
        outcome.rejection = std::move(rejection);
        return outcome;
    }
    outcome.upload = std::move(upload);
    return outcome;
}

} // namespace docextract::service
