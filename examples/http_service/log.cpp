// SPDX-License-Identifier: MIT
#include "log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>
#include <string>

namespace docextract::service {
namespace {

std::mutex& log_mutex() {
    static std::mutex mutex;
    return mutex;
}

std::string& program() {
    static std::string name = "docextract";
    return name;
}

void append_hex(std::string& out, std::string_view prefix, unsigned value, int digits) {
    static constexpr std::string_view hex = "0123456789abcdef";
    out += prefix;
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
        out.push_back(hex[(value >> static_cast<unsigned>(shift)) & 0xFU]);
    }
}

} // namespace

std::string escape_for_log(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const auto next = [&](std::size_t k) {
            return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0U;
        };
        if (byte == '\\') {
            out += "\\\\";
        } else if (byte == '\r') {
            out += "\\r";
        } else if (byte == '\n') {
            out += "\\n";
        } else if (byte == '\t') {
            out += "\\t";
        } else if (byte < 0x20U || byte == 0x7FU) {
            append_hex(out, "\\x", byte, 2);
        } else if (byte == 0xC2U && next(1) >= 0x80U && next(1) <= 0x9FU) { // U+0080..U+009F in UTF-8
            append_hex(out, "\\u", next(1), 4);
            i += 1;
        } else if (byte == 0xE2U && next(1) == 0x80U && (next(2) == 0xA8U || next(2) == 0xA9U)) { // U+2028, U+2029
            append_hex(out, "\\u", 0x2000U + (next(2) - 0x80U), 4);
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

void set_log_program(std::string_view name) {
    const std::lock_guard lock(log_mutex());
    program() = name;
}

void log_line(std::string_view text) {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &utc);
    const std::string line = escape_for_log(text);
    const std::lock_guard lock(log_mutex());
    std::fprintf(stderr, "%s.%03dZ %s: %.*s\n", stamp, static_cast<int>(millis), program().c_str(),
                 static_cast<int>(line.size()), line.data());
    std::fflush(stderr);
}

} // namespace docextract::service
