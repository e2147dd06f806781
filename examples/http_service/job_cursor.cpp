// SPDX-License-Identifier: MIT
#include "job_cursor.hpp"

#include "job_id.hpp"

#include <charconv>

namespace docextract::service {

std::string encode_job_cursor(std::int64_t created_ms, std::string_view id) {
    constexpr std::string_view digits = "0123456789abcdef";
    const std::string plain = std::to_string(created_ms) + ":" + std::string(id);
    std::string hex;
    for (char c : plain) {
        const auto byte = static_cast<unsigned char>(c);
        hex += digits[byte >> 4U];
        hex += digits[byte & 0xFU];
    }
    return hex;
}

std::optional<std::pair<std::int64_t, std::string>> decode_job_cursor(std::string_view cursor) {
    if (cursor.empty() || cursor.size() % 2 != 0 || cursor.size() > 200) {
        return std::nullopt;
    }
    std::string plain;
    for (std::size_t i = 0; i < cursor.size(); i += 2) {
        unsigned value = 0;
        const auto [end, error] = std::from_chars(cursor.data() + i, cursor.data() + i + 2, value, 16);
        if (error != std::errc() || end != cursor.data() + i + 2) {
            return std::nullopt;
        }
        plain += static_cast<char>(value);
    }
    const auto colon = plain.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    std::int64_t created = 0;
    const auto [end, error] = std::from_chars(plain.data(), plain.data() + colon, created);
    std::string id = plain.substr(colon + 1);
    if (error != std::errc() || end != plain.data() + colon || created < 0 || !is_valid_job_id(id)) {
        return std::nullopt;
    }
    return std::pair{created, std::move(id)};
}

} // namespace docextract::service
