// SPDX-License-Identifier: MIT
#include "upload_validation.hpp"

#include <docextract/document.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <span>

namespace docextract::service {

std::string describe_size(std::size_t bytes) {
    constexpr std::size_t mib = std::size_t{1024} * 1024;
    if (bytes >= mib && bytes % mib == 0) {
        return std::to_string(bytes / mib) + " MB";
    }
    if (bytes >= 1024U && bytes % 1024U == 0) {
        return std::to_string(bytes / 1024U) + " KB";
    }
    return std::to_string(bytes) + " bytes";
}

std::optional<Rejection> check_declared_length(std::string_view content_length, std::size_t max_file_bytes) {
    if (content_length.empty()) {
        return std::nullopt;
    }
    std::uint64_t declared = 0;
    const char* end = content_length.data() + content_length.size();
    const auto [ptr, ec] = std::from_chars(content_length.data(), end, declared);
    if (ec == std::errc::result_out_of_range) {
        return too_large(max_file_bytes);
    }
    if (ec != std::errc() || ptr != end) {
        return Rejection{400, "invalid Content-Length header"};
    }
    if (declared > static_cast<std::uint64_t>(max_file_bytes) + multipart_overhead_allowance) {
        return too_large(max_file_bytes);
    }
    return std::nullopt;
}

Rejection too_large(std::size_t max_file_bytes) {
    return Rejection{413, "file too large: the limit is " + describe_size(max_file_bytes)};
}

Rejection missing_file() {
    return Rejection{400, "no file: send the document as multipart/form-data field 'file'"};
}

namespace {

/// The tail of `bytes` that a format's end marker must lie in (writers may append a little after it).
std::string_view tail(std::string_view bytes, std::size_t length) {
    return bytes.substr(bytes.size() - std::min(bytes.size(), length));
}

/// Why the file is visibly cut short, or nullptr.
const char* truncation(docextract::DocumentType type, std::string_view bytes) {
    switch (type) {
    case docextract::DocumentType::png:
        // IEND is empty: its CRC is always AE 42 60 82.
        return tail(bytes, 1024).find(std::string_view("IEND\xAE\x42\x60\x82", 8)) == std::string_view::npos
                   ? "PNG data is truncated (no IEND chunk)"
                   : nullptr;
    case docextract::DocumentType::jpeg: {
        // FF DA cannot occur inside entropy-coded data (FF is stuffed), so the last one starts the last scan; an
        // end marker before it may belong to an embedded thumbnail.
        const auto scan = bytes.rfind("\xFF\xDA");
        return scan == std::string_view::npos || bytes.find("\xFF\xD9", scan) == std::string_view::npos
                   ? "JPEG data is truncated (no end-of-image marker after the image data)"
                   : nullptr;
    }
    case docextract::DocumentType::pdf:
        return tail(bytes, 8192).find("%%EOF") == std::string_view::npos ? "PDF is truncated (no %%EOF at its end)"
                                                                         : nullptr;
    default:
        return nullptr;
    }
}

} // namespace

std::optional<Rejection> check_file_content(std::string_view bytes) {
    if (bytes.empty()) {
        return Rejection{400, "the file is empty"};
    }
    const auto data = std::as_bytes(std::span<const char>(bytes.data(), bytes.size()));
    const docextract::DocumentType type = docextract::detect_type(data);
    if (type == docextract::DocumentType::unknown) {
        return Rejection{415, "unsupported file type: send a PDF, PNG, JPEG or TIFF document"};
    }
    if (const char* what = truncation(type, bytes)) {
        return Rejection{422, std::string("corrupt_input: the ") + what};
    }
    return std::nullopt;
}

std::string sanitize_filename(std::string_view name) {
    if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) {
        name.remove_prefix(slash + 1);
    }
    std::string clean;
    for (char c : name) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7F) {
            clean.push_back(c);
        }
    }
    if (clean.size() > 255) {
        clean.resize(255);
        // Do not leave half of a UTF-8 sequence at the end.
        while (!clean.empty() && (static_cast<unsigned char>(clean.back()) & 0xC0U) == 0x80U) {
            clean.pop_back();
        }
        if (!clean.empty() && static_cast<unsigned char>(clean.back()) >= 0xC0U) {
            clean.pop_back();
        }
    }
    if (clean.empty() || clean == "." || clean == "..") {
        return "upload";
    }
    return clean;
}

} // namespace docextract::service
