// SPDX-License-Identifier: MIT
// Test runner. The "ocr" suite needs Tesseract's English data: where it is not installed, that suite is left out
// with a note instead of failing (scripts/install-deps.sh installs it; CI always has it). ctest runs each case on
// its own, selected by name: a run whose filters select no case at all fails (a name CMake split at a ';' would
// otherwise pass without running anything), except when the case was left out for want of the language data. The
// "line_detector" suite needs the learned detector's model (scripts/install-deps.sh installs it; CI has it) and
// is left out with a note in the same way.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "doctest_selection.hpp"
#include "fixture_line_detector.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

/// True when eng.traineddata is where Tesseract looks: $TESSDATA_PREFIX when set, Debian's folders otherwise.
bool english_data_installed() {
    std::vector<std::filesystem::path> folders;
    if (const char* prefix = std::getenv("TESSDATA_PREFIX")) {
        folders.emplace_back(prefix);
        folders.emplace_back(std::filesystem::path(prefix) / "tessdata");
    } else {
        for (const char* folder : {"/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
                                   "/usr/share/tessdata", "/usr/local/share/tessdata"}) {
            folders.emplace_back(folder);
        }
    }
    std::error_code error;
    for (const auto& folder : folders) {
        if (std::filesystem::exists(folder / "eng.traineddata", error)) {
            return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char** argv) {
    doctest::Context context;
    context.applyCommandLine(argc, argv);
    const bool ocr_data = english_data_installed();
    if (!ocr_data) {
        std::fputs("note: Tesseract's eng.traineddata was not found; the \"ocr\" test suite is left out "
                   "(install tesseract-ocr-eng or set TESSDATA_PREFIX)\n",
                   stderr);
        context.addFilter("test-suite-exclude", "ocr");
    }
    const bool detector = test_support::line_detector_installed();
    if (!detector) {
        std::fprintf(stderr,
                     "note: the line detector model %s was not found; the \"line_detector\" test suite is left out "
                     "(scripts/install-deps.sh installs it, or set DOCEXTRACT_LINE_DETECTOR)\n",
                     test_support::line_detector_model().c_str());
        context.addFilter("test-suite-exclude", "line_detector");
    }
    const int result = context.run();
    if (context.shouldExit() || result != 0 || !ocr_data || !detector) {
        return result; // a query such as --list-test-cases, failures, or cases left out for want of data
    }
    if (test_support::selected_test_cases() == 0) {
        std::fputs("no test case matches the filters given\n", stderr);
        return 1;
    }
    return 0;
}
