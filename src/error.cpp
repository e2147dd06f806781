// SPDX-License-Identifier: MIT
#include <docextract/error.hpp>

namespace docextract {

std::string_view to_string(ErrorCode code) noexcept {
    switch (code) {
    case ErrorCode::io_error:
        return "io_error";
    case ErrorCode::empty_input:
        return "empty_input";
    case ErrorCode::unsupported_format:
        return "unsupported_format";
    case ErrorCode::corrupt_input:
        return "corrupt_input";
    case ErrorCode::encrypted_document:
        return "encrypted_document";
    case ErrorCode::limit_exceeded:
        return "limit_exceeded";
    case ErrorCode::ocr_unavailable:
        return "ocr_unavailable";
    case ErrorCode::ocr_failed:
        return "ocr_failed";
    case ErrorCode::invalid_argument:
        return "invalid_argument";
    case ErrorCode::job_timeout:
        return "job_timeout";
    case ErrorCode::cancelled:
        return "cancelled";
    }
    return "unknown";
}

} // namespace docextract
