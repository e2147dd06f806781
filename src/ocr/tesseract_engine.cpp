// SPDX-License-Identifier: MIT
#include "ocr/detected_lines_engine.hpp"
#include "ocr/page_reader.hpp"

#include <docextract/error.hpp>
#include <docextract/ocr.hpp>

#include <leptonica/allheaders.h>
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/publictypes.h>
#include <tesseract/resultiterator.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace docextract {
namespace {

/// Tesseract keeps some parameters (debug_file among them) in process-wide globals: initialise one engine at a time.
std::mutex& init_mutex() {
    static std::mutex mutex;
    return mutex;
}

/// The languages of a "eng+deu" specification.
std::vector<std::string> split_languages(std::string_view spec) {
    std::vector<std::string> languages;
    while (!spec.empty()) {
        const std::size_t plus = spec.find('+');
        const std::string_view part = spec.substr(0, plus);
        if (!part.empty()) {
            languages.emplace_back(part);
        }
        if (plus == std::string_view::npos) {
            break;
        }
        spec.remove_prefix(plus + 1);
    }
    return languages;
}

/// The folder Tesseract searched, for messages: the option, else what Tesseract resolved (TESSDATA_PREFIX or its
/// built-in default).
std::string searched_path(tesseract::TessBaseAPI& api, const OcrOptions& options) {
    if (!options.tessdata_path.empty()) {
        return options.tessdata_path;
    }
    if (const char* resolved = api.GetDatapath(); resolved != nullptr && *resolved != '\0') {
        return resolved;
    }
    if (const char* prefix = std::getenv("TESSDATA_PREFIX"); prefix != nullptr && *prefix != '\0') {
        return fmt::format("{} (from TESSDATA_PREFIX)", prefix);
    }
    return "Tesseract's built-in tessdata folder";
}

tesseract::PageSegMode page_seg_mode(int mode) {
    if (mode < 0 || mode >= tesseract::PSM_COUNT) {
        throw Error(ErrorCode::invalid_argument,
                    fmt::format("page segmentation mode {} is outside 0..{}", mode, tesseract::PSM_COUNT - 1));
    }
    return static_cast<tesseract::PageSegMode>(mode);
}

/// The Tesseract engine: one TessBaseAPI, initialised once, reused for every page.
class TesseractEngine final : public OcrEngine {
public:
    explicit TesseractEngine(const OcrOptions& options) : options_(options) {
        if (options_.dpi <= 0) {
            throw Error(ErrorCode::invalid_argument, fmt::format("dpi must be positive, got {}", options_.dpi));
        }
        if (options_.timeout_ms < 0) {
            throw Error(ErrorCode::invalid_argument,
                        fmt::format("timeout_ms must not be negative, got {}", options_.timeout_ms));
        }
        const tesseract::PageSegMode psm = page_seg_mode(options_.page_segmentation);
        const std::vector<std::string> wanted = split_languages(options_.language);
        if (wanted.empty()) {
            throw Error(ErrorCode::invalid_argument, "no OCR language given");
        }
        if (!options_.tessdata_path.empty()) {
            for (const std::string& language : wanted) {
                const std::filesystem::path file =
                    std::filesystem::path(options_.tessdata_path) / (language + ".traineddata");
                std::error_code ignored;
                if (!std::filesystem::is_regular_file(file, ignored)) {
                    throw Error(
                        ErrorCode::ocr_unavailable,
                        fmt::format("OCR language '{}' is not installed: {} does not exist", language, file.string()));
                }
            }
        }

        const std::lock_guard lock(init_mutex());
        // Tesseract reports its own problems on stderr unless sent elsewhere; we report through Error instead.
        api_.SetVariable("debug_file", "/dev/null");
        // So does Leptonica, which Tesseract uses inside ("Error in pixScanForForeground: invalid box" on some
        // pages, harmless). Its level is process-wide; LEPT_MSG_SEVERITY still lets a developer turn them back on.
        if (std::getenv("LEPT_MSG_SEVERITY") == nullptr) {
            setMsgSeverity(L_SEVERITY_NONE);
        }
        const char* datapath = options_.tessdata_path.empty() ? nullptr : options_.tessdata_path.c_str();
        if (api_.Init(datapath, options_.language.c_str(), tesseract::OEM_DEFAULT) != 0) {
            throw Error(ErrorCode::ocr_unavailable,
                        fmt::format("could not initialise Tesseract for language '{}' (searched {})", options_.language,
                                    searched_path(api_, options_)));
        }
        // Init succeeds with a subset when one of several languages is missing; treat that as unavailable too.
        std::vector<std::string> loaded;
        api_.GetLoadedLanguagesAsVector(&loaded);
        for (const std::string& language : wanted) {
            if (std::find(loaded.begin(), loaded.end(), language) == loaded.end()) {
                throw Error(ErrorCode::ocr_unavailable, fmt::format("OCR language '{}' is not installed (searched {})",
                                                                    language, searched_path(api_, options_)));
            }
        }
        api_.SetPageSegMode(psm);
        // The LSTM recogniser keeps its runner-up symbols for the choice iterator (read_page_text's alternatives).
        api_.SetVariable("lstm_choice_mode", options_.digit_alternatives ? "2" : "0");
    }

    TesseractEngine(const TesseractEngine&) = delete;
    TesseractEngine& operator=(const TesseractEngine&) = delete;
    TesseractEngine(TesseractEngine&&) = delete;
    TesseractEngine& operator=(TesseractEngine&&) = delete;

    ~TesseractEngine() override = default;

    PageText recognize(const ImageView& page) override { return recognize_with(page, OcrOverrides{}); }

    PageText recognize_with(const ImageView& page, const OcrOverrides& overrides) override {
        if (overrides.dpi < -1) {
            throw Error(ErrorCode::invalid_argument, fmt::format("dpi must not be negative, got {}", overrides.dpi));
        }
        const int dpi = overrides.dpi == -1 ? options_.dpi : overrides.dpi;
        const tesseract::PageSegMode psm =
            page_seg_mode(overrides.page_segmentation == -1 ? options_.page_segmentation : overrides.page_segmentation);
        if (page.empty()) {
            throw Error(ErrorCode::ocr_failed, "cannot recognise an empty image");
        }
        const int bpp = bytes_per_pixel(page.format);
        if (page.stride < static_cast<std::ptrdiff_t>(page.width) * bpp ||
            page.stride > std::numeric_limits<int>::max()) {
            throw Error(ErrorCode::ocr_failed, fmt::format("invalid image stride {}", page.stride));
        }
        // Results of one page must never leak into the next one, whatever happens below.
        struct ClearOnExit {
            tesseract::TessBaseAPI& api;
            ~ClearOnExit() { api.Clear(); }
        } const clear{api_};

        // Tesseract copies the pixels into its own Pix: no encoding, no temporary file.
        // A stated resolution overrides what Tesseract would estimate from the text size; 0 states none, and
        // Tesseract then estimates it (Threshold() in its baseapi.cpp).
        api_.SetVariable("user_defined_dpi", std::to_string(dpi).c_str());
        api_.SetPageSegMode(psm);
        api_.SetImage(page.data, page.width, page.height, bpp, static_cast<int>(page.stride));
        api_.SetSourceResolution(dpi);

        // The earlier of the page's deadline (OcrOptions::timeout_ms) and the run's (set_limits) bounds Tesseract;
        // its monitor also asks the run's cancel flag after every word.
        const Clock::time_point now = Clock::now();
        const Clock::time_point page_deadline =
            options_.timeout_ms > 0 ? now + std::chrono::milliseconds(options_.timeout_ms) : Clock::time_point::max();
        const bool run_deadline_first = limits_.deadline < page_deadline;
        const Clock::time_point deadline = std::min(page_deadline, limits_.deadline);
        if (run_deadline_first && deadline <= now) {
            throw Error(ErrorCode::job_timeout, "the job's deadline passed before OCR of the page");
        }
        tesseract::ETEXT_DESC monitor;
        if (deadline != Clock::time_point::max()) {
            const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
            monitor.set_deadline_msecs(static_cast<std::int32_t>(
                std::clamp<std::int64_t>(remaining, 1, std::numeric_limits<std::int32_t>::max())));
        }
        if (limits_.cancel != nullptr) {
            monitor.cancel = &cancel_raised;
            monitor.cancel_this = const_cast<std::atomic<bool>*>(limits_.cancel); // only read
        }
        const int status = api_.Recognize(&monitor);
        if (limits_.cancel != nullptr && limits_.cancel->load()) {
            throw Error(ErrorCode::cancelled, "cancelled during OCR of the page");
        }
        if (monitor.deadline_exceeded()) {
            if (run_deadline_first) {
                throw Error(ErrorCode::job_timeout, "the job's deadline passed during OCR of the page");
            }
            throw Error(ErrorCode::ocr_failed, fmt::format("OCR timed out after {} ms", options_.timeout_ms));
        }
        if (status != 0) {
            throw Error(ErrorCode::ocr_failed, "Tesseract could not recognise the page");
        }
        const std::unique_ptr<tesseract::ResultIterator> iterator(api_.GetIterator());
        return detail::read_page_text(iterator.get(), page.width, page.height);
    }

    void set_limits(const OcrLimits& limits) override { limits_ = limits; }

private:
    using Clock = std::chrono::steady_clock;

    /// Tesseract's cancel callback: true once the flag passed as `flag` is raised.
    static bool cancel_raised(void* flag, int /*words*/) {
        return static_cast<const std::atomic<bool>*>(flag)->load(std::memory_order_relaxed);
    }

    OcrOptions options_;
    OcrLimits limits_;
    tesseract::TessBaseAPI api_;
};

} // namespace

std::unique_ptr<OcrEngine> make_tesseract_engine(const OcrOptions& options) {
    const std::string detector = line_detector_model(options);
    auto engine = std::make_unique<TesseractEngine>(options);
    if (detector.empty()) {
        return engine;
    }
    return detail::make_detected_lines_engine(std::move(engine), detector, options.timeout_ms);
}

} // namespace docextract
