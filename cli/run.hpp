// SPDX-License-Identifier: MIT
#pragma once

#include "options.hpp"

namespace docextract::cli {

/// Exit codes of docextract.
enum ExitCode : int {
    exit_ok = 0,     ///< Every document succeeded.
    exit_failed = 1, ///< At least one document failed (its output carries the error).
    exit_usage = 2,  ///< Bad command line or options that cannot work (e.g. missing OCR language).
};

/// Number of worker threads the options ask for (one per hardware thread when -j is not given).
[[nodiscard]] unsigned worker_count(const CliOptions& options) noexcept;

/// Processes every input as the options say, writing results to stdout; returns an ExitCode.
[[nodiscard]] int run(const CliOptions& options);

} // namespace docextract::cli
