// SPDX-License-Identifier: MIT
#pragma once

// One timestamped line per event on stderr, safe from any thread.

#include <string>
#include <string_view>

namespace docextract::service {

/// Writes "2024-05-01T12:00:00.123Z <program>: <text>" to stderr, with `text` passed through escape_for_log: one
/// call is always exactly one line, whatever a client put into the path, a header or a file name.
void log_line(std::string_view text);

/// The text with everything that could end or rewrite a log line made visible: CR, LF and tab as \r, \n, \t,
/// other ASCII control characters and DEL as \xHH, the C1 controls and U+2028/U+2029 (line and paragraph
/// separators) as \uHHHH, and the backslash itself as \\ so that an escape cannot be forged either.
std::string escape_for_log(std::string_view text);

/// Sets the program name shown in each line (call once at startup).
void set_log_program(std::string_view name);

} // namespace docextract::service
