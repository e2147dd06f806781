// SPDX-License-Identifier: MIT
// Which line detector model an engine uses: OcrOptions::line_detector, else $DOCEXTRACT_LINE_DETECTOR, else the
// installed one; with LineFinder::automatic only when that file is there.
#include <docextract/ocr.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

namespace docextract {

std::string line_detector_model(const OcrOptions& options) {
    if (options.line_finder == LineFinder::layout) {
        return {};
    }
    std::string model = options.line_detector;
    if (model.empty()) {
        const char* from_environment = std::getenv("DOCEXTRACT_LINE_DETECTOR");
        model = from_environment != nullptr && *from_environment != '\0' ? from_environment
                                                                         : DOCEXTRACT_LINE_DETECTOR_MODEL;
    }
    if (options.line_finder == LineFinder::detector || !options.line_detector.empty()) {
        return model; // named or demanded: make_tesseract_engine() reports it when it is missing
    }
    std::error_code error;
    return std::filesystem::is_regular_file(model, error) ? model : std::string();
}

} // namespace docextract
