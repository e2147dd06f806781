// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/export.hpp>

#include <stdexcept>
#include <string>
#include <string_view>

namespace docextract {

/// What went wrong, in a form a program can branch on.
enum class ErrorCode {
    io_error,           ///< The file could not be opened or read.
    empty_input,        ///< The input has zero bytes.
    unsupported_format, ///< The bytes are not PNG, JPEG, TIFF or PDF.
    corrupt_input,      ///< The format was recognised but the data could not be decoded.
    encrypted_document, ///< The PDF is encrypted and no (or a wrong) password was given.
    limit_exceeded,     ///< A page count, pixel count or byte size limit was exceeded.
    ocr_unavailable,    ///< Tesseract or its language data could not be initialised.
    ocr_failed,         ///< Recognition failed or hit its deadline.
    invalid_argument,   ///< An option or rule is invalid.
    job_timeout,        ///< The whole document took longer than its deadline (PipelineOptions::job_timeout_ms).
    cancelled,          ///< Another thread stopped the run (PipelineOptions::cancel).
};

/// Stable lower-case name of an error code, e.g. "corrupt_input".
DOCEXTRACT_API std::string_view to_string(ErrorCode code) noexcept;

/// The exception docextract throws for setup errors and, from loaders, for bad documents.
class DOCEXTRACT_API Error : public std::runtime_error {
public:
    /// Creates an error with a code and a human-readable message.
    Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    /// The machine-readable code.
    [[nodiscard]] ErrorCode code() const noexcept { return code_; }

private:
    ErrorCode code_;
};

} // namespace docextract
