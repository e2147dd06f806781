// SPDX-License-Identifier: MIT
#include "openmp_limit.hpp"

#include <cstdlib>
#include <unistd.h>

namespace docextract::service {

void limit_openmp_threads(char** argv) {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr || ::setenv("OMP_THREAD_LIMIT", "1", 1) != 0) {
        return;
    }
    ::execv("/proc/self/exe", argv);
    // Only returns on failure: go on with OpenMP as loaded (slower with several engines, still correct).
}

} // namespace docextract::service
