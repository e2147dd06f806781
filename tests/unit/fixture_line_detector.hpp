// SPDX-License-Identifier: MIT
#pragma once
// Where the tests find the learned line detector's model: $DOCEXTRACT_LINE_DETECTOR when set, else where
// scripts/fetch-line-detector.sh installs it. Without it, the "line_detector" suite is left out with a note.
#include <cstdlib>
#include <filesystem>
#include <string>

namespace test_support {

inline std::string line_detector_model() {
    if (const char* path = std::getenv("DOCEXTRACT_LINE_DETECTOR"); path != nullptr && *path != '\0') {
        return path;
    }
    return "/usr/local/share/docextract/line-detector/ppocr-v4-det.onnx";
}

inline bool line_detector_installed() {
    std::error_code error;
    return std::filesystem::is_regular_file(line_detector_model(), error);
}

} // namespace test_support
