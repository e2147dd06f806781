// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/export.hpp>
#include <docextract/image.hpp>
#include <docextract/text.hpp>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>

namespace docextract {

/// How the Tesseract engine finds the lines of a page.
enum class LineFinder {
    automatic, ///< The learned detector when its model is found (see line_detector_model()), else Tesseract's layout.
    detector,  ///< The learned detector; make_tesseract_engine() throws Error(ocr_unavailable) without its model.
    layout,    ///< Tesseract's own page layout analysis.
};

/// Settings of the OCR engine.
struct OcrOptions {
    std::string language = "eng";    ///< Tesseract language(s), e.g. "eng" or "eng+deu" (default "eng").
    std::string tessdata_path;       ///< Folder with *.traineddata; empty uses Tesseract's default.
    int dpi = 300;                   ///< Source resolution passed to Tesseract (default 300).
    int page_segmentation = 3;       ///< Tesseract page segmentation mode (default 3, fully automatic).
    int timeout_ms = 0;              ///< Per-page recognition deadline in milliseconds; 0 means none (default 0).
    bool digit_alternatives = false; ///< Keep the recogniser's runner-up digits as TextWord::alternatives (off).
    LineFinder line_finder = LineFinder::automatic; ///< How lines are found (default: the detector if installed).
    std::string line_detector; ///< The detector's model (ONNX); empty: $DOCEXTRACT_LINE_DETECTOR or the installed one.
};

/// Settings of one recognition that replace the engine's OcrOptions for that call.
struct OcrOverrides {
    int dpi = -1;               ///< Source resolution; 0 lets the engine estimate it from the text size; -1 keeps it.
    int page_segmentation = -1; ///< Tesseract page segmentation mode (6: one uniform block of text); -1 keeps it.
};

/// Bounds on the recognitions of one run beside OcrOptions::timeout_ms: the earlier deadline holds.
struct OcrLimits {
    std::chrono::steady_clock::time_point deadline =
        std::chrono::steady_clock::time_point::max(); ///< No recognition runs past it (default: none).
    const std::atomic<bool>* cancel = nullptr;        ///< Raised by another thread, recognition stops at the next word.
};

/// Recognises words on a page image. Implementations are not thread-safe: use one engine per thread.
class DOCEXTRACT_API OcrEngine {
public:
    virtual ~OcrEngine() = default;
    /// Recognises one page; throws Error(ocr_failed) when recognition fails or times out, Error(job_timeout) past
    /// the deadline of set_limits() and Error(cancelled) when its flag was raised.
    virtual PageText recognize(const ImageView& page) = 0;
    /// Recognises one page with some settings of the engine replaced for this call (see OcrOverrides). Engines
    /// without such settings read it as recognize() does (the default).
    virtual PageText recognize_with(const ImageView& page, const OcrOverrides& overrides) {
        (void)overrides;
        return recognize(page);
    }
    /// Bounds every later recognition until called again (the pipeline sets its run's deadline and cancel flag).
    /// Engines that cannot stop early ignore it (the default): the pipeline still checks between pages and stages.
    virtual void set_limits(const OcrLimits& limits) { (void)limits; }
};

/// The detector model a Tesseract engine made from `options` finds the lines with; empty: Tesseract's layout.
DOCEXTRACT_API std::string line_detector_model(const OcrOptions& options);

/// Creates a Tesseract engine, initialised once and reused (with a line detector, reading the lines it finds one by
/// one); throws Error(ocr_unavailable) if the language data or a detector model it must use is missing.
DOCEXTRACT_API std::unique_ptr<OcrEngine> make_tesseract_engine(const OcrOptions& options = {});

} // namespace docextract
