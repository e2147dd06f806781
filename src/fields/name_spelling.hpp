// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace docextract::detail {

/// True when two names are one printed name read with a letter or two apart: different text, at most two ASCII
/// letters or digits apart (one for names under 12).
[[nodiscard]] bool same_name_misread(std::string_view a, std::string_view b);

/// Marks of a misreading in a name: symbols no name is written with ("Boulangerie ‘du"), digits inside words of
/// letters ("HAI-0"), and words of a single digit or a single lower-case letter ("OCEAN 1", "Kok e").
[[nodiscard]] int misreading_marks(std::string_view name);

} // namespace docextract::detail
