// SPDX-License-Identifier: MIT
#pragma once

// One timestamped line per event on stderr, safe from any thread.

#include <string_view>

namespace docextract::service {

/// Writes "2024-05-01T12:00:00.123Z <program>: <text>" to stderr.
void log_line(std::string_view text);

/// Sets the program name shown in each line (call once at startup).
void set_log_program(std::string_view name);

} // namespace docextract::service
