// SPDX-License-Identifier: MIT
// Test runner. The "ocr" suite needs Tesseract's English data: where it is not installed, that suite is left out
// with a note instead of failing (scripts/install-deps.sh installs it; CI always has it).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

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
    if (!english_data_installed()) {
        std::fputs("note: Tesseract's eng.traineddata was not found; the \"ocr\" test suite is left out "
                   "(install tesseract-ocr-eng or set TESSDATA_PREFIX)\n",
                   stderr);
        context.addFilter("test-suite-exclude", "ocr");
    }
    return context.run();
}
