// SPDX-License-Identifier: MIT
#include "openmp_limit.hpp"

#include <climits>
#include <cstdlib>
#include <unistd.h>

namespace docextract::service {

void limit_openmp_threads(char** argv) {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr || ::setenv("OMP_THREAD_LIMIT", "1", 1) != 0) {
        return;
    }
    // Execute the program's real path, not /proc/self/exe, so ps and top keep showing its name.
    char path[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0) {
        return;
    }
    path[length] = '\0';
    ::execv(path, argv);
    // Only returns on failure: go on with OpenMP as loaded (slower with several engines, still correct).
}

} // namespace docextract::service
