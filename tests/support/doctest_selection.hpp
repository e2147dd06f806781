// SPDX-License-Identifier: MIT
#pragma once

// For the test programs' main(): ctest runs each doctest case on its own, selected by name, and a name that
// matches nothing (e.g. one CMake split at a ';') would run zero cases and pass. Linking
// doctest_selection.cpp registers a listener that counts the cases the filters selected.

namespace test_support {

/// How many test cases passed the filters in the last doctest run (0 before a run).
[[nodiscard]] unsigned selected_test_cases() noexcept;

} // namespace test_support
