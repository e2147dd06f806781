// SPDX-License-Identifier: MIT
#pragma once

// Value recall of the benchmark's documents: the share of labelled values that occur in the words docextract
// recognised, per reading pass, with docextract-eval's rules (docs/evaluation.md), so that the throughput figures
// come with what the OCR they were bought with reads.

#include <filesystem>
#include <string>
#include <vector>

namespace docextract::bench {

/// Reads the labelled documents among `files` once more in this process (untimed; `jobs` pipelines, every reading
/// pass made), with the reading flags among `docextract_args` (those docextract-eval knows; the others are named
/// and left out), its words kept under `work`, and prints the value recall table. Prints nothing when no file has
/// a label.
void print_value_recall(const std::vector<std::filesystem::path>& files,
                        const std::vector<std::string>& docextract_args, unsigned jobs,
                        const std::filesystem::path& work);

} // namespace docextract::bench
