// SPDX-License-Identifier: MIT
#include "document/pdf_pictures.hpp"

#include <string_view>

namespace docextract::detail {
namespace {

bool is_pdf_space(char c) noexcept {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

} // namespace

bool pdf_declares_images(std::span<const std::byte> pdf) noexcept {
    const std::string_view text(reinterpret_cast<const char*>(pdf.data()), pdf.size());
    constexpr std::string_view key = "/Subtype";
    constexpr std::string_view value = "/Image";
    for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
        std::size_t next = at + key.size();
        while (next < text.size() && is_pdf_space(text[next])) {
            ++next;
        }
        if (text.substr(next, value.size()) == value) {
            // "/ImageB" and the like are other names; "/Image" must end there.
            const std::size_t end = next + value.size();
            if (end == text.size() || is_pdf_space(text[end]) || text[end] == '/' || text[end] == '>') {
                return true;
            }
        }
    }
    return false;
}

} // namespace docextract::detail
