// SPDX-License-Identifier: MIT
#include <docextract/document.hpp>

#include <algorithm>
#include <array>

namespace docextract {

namespace {

bool starts_with(std::span<const std::byte> bytes, std::span<const unsigned char> magic) noexcept {
    if (bytes.size() < magic.size()) {
        return false;
    }
    return std::equal(magic.begin(), magic.end(), bytes.begin(),
                      [](unsigned char m, std::byte b) { return m == std::to_integer<unsigned char>(b); });
}

/// PDF readers accept a little junk before the header; like them, look at the first 1024 bytes.
bool has_pdf_header(std::span<const std::byte> bytes) noexcept {
    static constexpr std::array<unsigned char, 5> header = {'%', 'P', 'D', 'F', '-'};
    const auto window = bytes.first(std::min<std::size_t>(bytes.size(), 1024));
    const auto* found =
        std::search(window.data(), window.data() + window.size(), header.begin(), header.end(),
                    [](std::byte b, unsigned char m) { return std::to_integer<unsigned char>(b) == m; });
    return found != window.data() + window.size();
}

} // namespace

std::string_view to_string(DocumentType type) noexcept {
    switch (type) {
    case DocumentType::unknown:
        return "unknown";
    case DocumentType::png:
        return "png";
    case DocumentType::jpeg:
        return "jpeg";
    case DocumentType::tiff:
        return "tiff";
    case DocumentType::pdf:
        return "pdf";
    }
    return "unknown";
}

DocumentType detect_type(std::span<const std::byte> bytes) noexcept {
    static constexpr std::array<unsigned char, 8> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    static constexpr std::array<unsigned char, 3> jpeg = {0xFF, 0xD8, 0xFF};
    static constexpr std::array<unsigned char, 4> tiff_le = {'I', 'I', 0x2A, 0x00};
    static constexpr std::array<unsigned char, 4> tiff_be = {'M', 'M', 0x00, 0x2A};
    if (starts_with(bytes, png)) {
        return DocumentType::png;
    }
    if (starts_with(bytes, jpeg)) {
        return DocumentType::jpeg;
    }
    if (starts_with(bytes, tiff_le) || starts_with(bytes, tiff_be)) {
        return DocumentType::tiff;
    }
    if (has_pdf_header(bytes)) {
        return DocumentType::pdf;
    }
    return DocumentType::unknown;
}

} // namespace docextract
