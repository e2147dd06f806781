// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string_view>

namespace docextract::detail {

/// Levenshtein distance of two short byte strings; any value above `limit` is returned as limit + 1 (it stops
/// early there).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

} // namespace docextract::detail
