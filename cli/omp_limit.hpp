// SPDX-License-Identifier: MIT
#pragma once

namespace docextract::cli {

/// Makes every Tesseract engine of this process single-threaded (OMP_THREAD_LIMIT=1): their OpenMP threads would
/// otherwise compete for the cores with the other workers and other processes, and spin while they wait.
/// libgomp reads OMP_THREAD_LIMIT once, when it is loaded before main(), so setting it now cannot reach this
/// process: when the variable is not set yet, this sets it and re-executes docextract with the same arguments
/// (Linux: /proc/self/exe and /proc/self/cmdline). It returns when the variable was already set (by the user or
/// by the re-execution) or when re-executing is impossible, in which case docextract goes on as it is.
/// Call it before any output, file or thread is created.
void limit_openmp_threads();

} // namespace docextract::cli
