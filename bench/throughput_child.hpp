// SPDX-License-Identifier: MIT
#pragma once

// Runs one measured configuration of the throughput benchmark as a child process.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace docextract::bench {

/// What a child process cost, from its own wait4() accounting (it and the descendants it waited for).
struct ChildRun {
    int exit_code = -1;      ///< Exit status, or 128 + signal number when it was killed.
    double wall_seconds = 0; ///< Wall-clock time from start to exit.
    double cpu_seconds = 0;  ///< User + system CPU time of the child and its waited-for descendants.
    double max_rss_mb = 0;   ///< Largest resident set of the child or of any waited-for descendant, in MiB.
};

/// Runs `argv` (argv[0] looked up in PATH when it has no slash) with extra environment variables set, its standard
/// output written to `stdout_file` and its standard error to `stderr_file`; waits for it and returns its cost.
/// Throws std::runtime_error when the process cannot be started.
ChildRun run_child(const std::vector<std::string>& argv, const std::map<std::string, std::string>& environment,
                   const std::filesystem::path& stdout_file, const std::filesystem::path& stderr_file);

} // namespace docextract::bench
