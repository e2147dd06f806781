// SPDX-License-Identifier: MIT
#include "document/pdf_pictures.hpp"

#include <charconv>
#include <optional>
#include <string_view>

namespace docextract::detail {
namespace {

bool is_pdf_space(char c) noexcept {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

bool is_name_end(std::string_view text, std::size_t end) noexcept {
    return end == text.size() || is_pdf_space(text[end]) || text[end] == '/' || text[end] == '>' || text[end] == '<' ||
           text[end] == '[';
}

/// The integer after `key` inside `dictionary` ("/Width 796"), when there is one written directly.
std::optional<long> integer_entry(std::string_view dictionary, std::string_view key) noexcept {
    for (std::size_t at = dictionary.find(key); at != std::string_view::npos; at = dictionary.find(key, at + 1)) {
        std::size_t next = at + key.size();
        if (!is_name_end(dictionary, next)) {
            continue;
        }
        while (next < dictionary.size() && is_pdf_space(dictionary[next])) {
            ++next;
        }
        long value = 0;
        const char* first = dictionary.data() + next;
        const char* last = dictionary.data() + dictionary.size();
        const auto [end, error] = std::from_chars(first, last, value);
        // "/Width 12 0 R" is an indirect reference: its value lives elsewhere, so it is unknown here.
        if (error != std::errc() || end == first) {
            return std::nullopt;
        }
        std::string_view rest(end, static_cast<std::size_t>(last - end));
        const std::size_t skip = rest.find_first_not_of(" \r\n\t\f");
        if (skip != std::string_view::npos && rest.substr(skip, 1).find_first_of("0123456789") == 0) {
            return std::nullopt;
        }
        return value;
    }
    return std::nullopt;
}

} // namespace

bool pdf_declares_images(std::span<const std::byte> pdf, long min_pixels) noexcept {
    const std::string_view text(reinterpret_cast<const char*>(pdf.data()), pdf.size());
    constexpr std::string_view key = "/Subtype";
    constexpr std::string_view value = "/Image";
    // An image's dictionary starts after the "obj" before its subtype and ends at its "stream" keyword.
    constexpr std::size_t reach = 4096;
    for (std::size_t at = text.find(key); at != std::string_view::npos; at = text.find(key, at + 1)) {
        std::size_t next = at + key.size();
        while (next < text.size() && is_pdf_space(text[next])) {
            ++next;
        }
        if (text.substr(next, value.size()) != value || !is_name_end(text, next + value.size())) {
            continue; // another subtype, or a longer name such as /ImageMask
        }
        if (min_pixels <= 0) {
            return true;
        }
        const std::size_t from = at > reach ? at - reach : 0;
        const std::size_t begin = text.rfind("obj", at);
        const std::size_t start = begin == std::string_view::npos || begin < from ? from : begin;
        const std::size_t stop = text.find("stream", at);
        const std::size_t end = stop == std::string_view::npos || stop - at > reach ? at + reach : stop;
        const std::string_view dictionary = text.substr(start, end - start);
        const std::optional<long> width = integer_entry(dictionary, "/Width");
        const std::optional<long> height = integer_entry(dictionary, "/Height");
        // Unknown sizes count as large: better one render too many than a letterhead missed.
        if (!width || !height || (*width > 0 && *height > 0 && *width * *height >= min_pixels)) {
            return true;
        }
    }
    return false;
}

} // namespace docextract::detail
