// SPDX-License-Identifier: MIT
#pragma once

// Tesseract (Debian's build) runs parts of recognition on OpenMP threads. With several engines side by side
// (worker threads, worker processes, the API on the same cores) those teams compete for the cores and spin
// while waiting: one thread per engine is faster overall. libgomp reads OMP_THREAD_LIMIT only when it is loaded,
// before main(), so the programs set it and re-execute themselves once.

namespace docextract::service {

/// When OMP_THREAD_LIMIT is not set: sets it to 1 and re-executes this program with the same arguments (the
/// process id stays the same). Returns when it was already set (by the user, or this is the re-execution) or
/// when re-executing failed. Call first thing in main(), before any thread exists.
void limit_openmp_threads(char** argv);

} // namespace docextract::service
