// SPDX-License-Identifier: MIT
#pragma once
// An OcrEngine that finds the lines of a page with the learned detector (line_detector.hpp) and has another engine
// read each line on its own (Tesseract's single-line mode), instead of Tesseract's own page layout.
#include <docextract/ocr.hpp>

#include <memory>
#include <string>

namespace docextract::detail {

/// `reader` reads the lines `model_path`'s detector finds; `timeout_ms` (OcrOptions::timeout_ms, 0: none) bounds
/// the whole page, not each line. A call with a page-segmentation override (the missed-text pass, lines read again)
/// goes to `reader` as it is. Throws Error(ocr_unavailable) when the model cannot be loaded.
[[nodiscard]] std::unique_ptr<OcrEngine> make_detected_lines_engine(std::unique_ptr<OcrEngine> reader,
                                                                    const std::string& model_path, int timeout_ms);

} // namespace docextract::detail
