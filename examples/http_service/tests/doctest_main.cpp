// SPDX-License-Identifier: MIT
// main() of the service's doctest programs: a run whose filters select no test case fails
// (tests/support/doctest_selection.hpp says why).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "doctest_selection.hpp"

#include <cstdio>

int main(int argc, char** argv) {
    doctest::Context context(argc, argv);
    const int result = context.run();
    if (context.shouldExit() || result != 0) {
        return result; // a query such as --list-test-cases, or failures
    }
    if (test_support::selected_test_cases() == 0) {
        std::fprintf(stderr, "no test case matches the filters given\n");
        return 1;
    }
    return 0;
}
