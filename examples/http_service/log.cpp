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

} // namespace

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
    const std::lock_guard lock(log_mutex());
    std::fprintf(stderr, "%s.%03dZ %s: %.*s\n", stamp, static_cast<int>(millis), program().c_str(),
                 static_cast<int>(text.size()), text.data());
    std::fflush(stderr);
}

} // namespace docextract::service
