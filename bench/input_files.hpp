// SPDX-License-Identifier: MIT
#pragma once

// The documents a benchmark runs on, from the files and folders named on its command line.

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace bench {

/// Files named directly, plus the files in named folders whose lower-cased extension is one of `extensions`
/// (e.g. ".pdf"), each folder's files sorted by name; sub-folders are searched when `recursive` is set.
[[nodiscard]] std::vector<std::filesystem::path>
collect_inputs(const std::vector<std::string>& inputs, const std::set<std::string>& extensions, bool recursive);

} // namespace bench
