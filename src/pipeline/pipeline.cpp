// SPDX-License-Identifier: MIT
#include <docextract/pipeline.hpp>

#include "einvoice/embedded_fields.hpp"
#include "fields/page_language.hpp"
#include "pipeline/image_regions.hpp"
#include "pipeline/line_reading.hpp"
#include "pipeline/summary.hpp"
#include "pipeline/text_layer.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <exception>
#include <limits>
#include <map>
#include <new>
#include <string>
#include <utility>

namespace docextract {
namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point since) {
    return std::chrono::duration<double, std::milli>(Clock::now() - since).count();
}

/// Adds the time until destruction to a counter.
class StageTimer {
public:
    explicit StageTimer(double& total) : total_(total), start_(Clock::now()) {}
    StageTimer(const StageTimer&) = delete;
    StageTimer& operator=(const StageTimer&) = delete;
    ~StageTimer() { total_ += elapsed_ms(start_); }

private:
    double& total_;
    Clock::time_point start_;
};

std::size_t word_count(const PageText& page) {
    std::size_t words = 0;
    for (const TextLine& line : page.lines) {
        words += line.words.size();
    }
    return words;
}

/// Text-layer pages searched for pictures with text (letterheads sit on the first pages).
constexpr int max_picture_pages = 2;
/// White margin around a picture handed to OCR, in pixels.
constexpr int picture_margin = 16;
/// Words read from pictures with a lower OCR confidence are dropped (logo graphics read as letters).
constexpr float min_picture_word_confidence = 0.3F;

/// Fields whose absence makes pictures worth reading: the core fields, email too (a letterhead pasted as a picture
/// holds the vendor's name and email; only documents that declare a large picture pay for the render, docs/pdf.md).
constexpr std::array<std::string_view, 5> picture_trigger_fields = {"vendor", "invoice_number", "date", "total",
                                                                    "email"};

/// True when one of the named fields is missing or below the review threshold.
template <std::size_t N>
bool field_wanting(const std::vector<Field>& fields, const std::array<std::string_view, N>& names, float threshold) {
    return std::any_of(names.begin(), names.end(), [&](std::string_view name) {
        const auto found = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
        return found == fields.end() || !found->value || found->confidence < threshold;
    });
}

/// Moves the words of an OCR'd picture into page coordinates and keeps the confident ones.
void add_picture_lines(PageText& picture, PageText recognised, int dx, int dy) {
    for (TextLine& line : recognised.lines) {
        std::erase_if(line.words, [](const TextWord& w) { return w.confidence < min_picture_word_confidence; });
        if (line.words.empty()) {
            continue;
        }
        int left = std::numeric_limits<int>::max();
        int top = std::numeric_limits<int>::max();
        int right = std::numeric_limits<int>::min();
        int bottom = std::numeric_limits<int>::min();
        for (TextWord& word : line.words) {
            word.box.x += dx;
            word.box.y += dy;
            left = std::min(left, word.box.x);
            top = std::min(top, word.box.y);
            right = std::max(right, word.box.right());
            bottom = std::max(bottom, word.box.bottom());
        }
        line.box = Box{left, top, right - left, bottom - top};
        line.pass = ReadingPass::picture;
        picture.lines.push_back(std::move(line));
    }
}

/// True when a page of the document was OCR'd (not taken from a text layer).
bool has_ocr_pages(const ExtractionResult& result) {
    return std::any_of(result.pages.begin(), result.pages.end(),
                       [](const PageReport& r) { return r.source == TextSource::ocr; });
}

/// How text that the first OCR pass left out is read: as sparse text (mode 11), which finds words wherever they stand
/// once the words already read are painted white.
constexpr OcrOverrides missed_text_ocr{-1, 11};
/// Words read from that ink with a lower OCR confidence are dropped (specks and rules read as letters).
constexpr float min_missed_word_confidence = 0.5F;

/// How the second reading's OCR differs from the first: no resolution stated, so that Tesseract estimates it from
/// the text size, and the page read as one block of text (mode 6), which keeps the amounts of a receipt's right
/// column that the automatic layout (mode 3) can drop.
constexpr OcrOverrides second_reading_ocr{0, 6};

/// Height a page found in a photo is scaled up to in the second reading (A4 at about 170 dpi).
constexpr int second_reading_page_height = 2000;

/// The cleaning of the second reading: the configured one, with light print stretched to black when the page is
/// flattened, and a page cut out of a photo scaled up so that its text is large enough for the recogniser.
PreprocessOptions second_reading_cleaning(PreprocessOptions cleaning) {
    cleaning.stretch_ink = true;
    if (cleaning.upscale) {
        cleaning.min_page_height = std::max(cleaning.min_page_height, second_reading_page_height);
    }
    return cleaning;
}

void check_options(const PipelineOptions& options) {
    if (!(options.review_threshold <= 1.0F)) { // below 0: the field model's threshold
        throw Error(ErrorCode::invalid_argument,
                    "review_threshold must be at most 1 (below 0: the field model's), got " +
                        std::to_string(options.review_threshold));
    }
    if (options.job_timeout_ms < 0) {
        throw Error(ErrorCode::invalid_argument,
                    "job_timeout_ms must not be negative, got " + std::to_string(options.job_timeout_ms));
    }
}

/// Turns an exception escaping a document into the result's error, keeping the name and timings.
void record_failure(ExtractionResult& result, ErrorCode code, std::string message) {
    result.fields.clear();
    result.needs_review.clear();
    result.summary.clear();
    result.raw_text_preview.clear();
    result.pages.clear();
    result.error = std::move(message);
    result.error_code = code;
}

} // namespace

struct Pipeline::Impl {
    PipelineOptions options;
    Preprocessor preprocessor;
    Preprocessor second_preprocessor; ///< The cleaning of the second reading: options.preprocess with stretch_ink.
    bool custom_engine;               ///< The engine was given, not made from options.ocr.
    std::unique_ptr<OcrEngine> engine;
    std::unique_ptr<OcrEngine> line_engine; ///< Reads the lines read again when options.line_ocr is set.
    /// Engines of the models pages are read with in their language (options.ocr_by_language), made when first
    /// needed; null for a model that could not be loaded (its pages keep the default reading).
    std::map<std::string, std::unique_ptr<OcrEngine>, std::less<>> language_engines;
    OcrLimits limits;              ///< Of the run in progress, for the engines made during it.
    std::string document_language; ///< The model the run's earlier pages chose by language; empty: none.
    float threshold;               ///< The review threshold in force: the options' or the field model's.
    std::string line_finder;       ///< How the pipeline's engines find lines, for PageReport; empty: own engine.
    std::unique_ptr<FieldExtractor> extractor;
    Clock::time_point deadline = Clock::time_point::max(); ///< Of the run in progress (options.job_timeout_ms).
    int page_in_progress = -1;                             ///< The page the run in progress is at; -1: none yet.
    int pages_in_run = 0;                                  ///< Pages of the document of the run in progress.

    Impl(PipelineOptions opts, std::unique_ptr<OcrEngine> ocr, std::unique_ptr<FieldExtractor> fields)
        : options((check_options(opts), std::move(opts))), preprocessor(options.preprocess),
          second_preprocessor(second_reading_cleaning(options.preprocess)), custom_engine(ocr != nullptr),
          engine(ocr ? std::move(ocr) : make_tesseract_engine(options.ocr)),
          line_engine(options.line_ocr ? make_tesseract_engine(*options.line_ocr) : nullptr),
          threshold(options.review_threshold >= 0.0F ? options.review_threshold
                    : options.extraction.model       ? options.extraction.model->review_threshold
                                                     : shipped_field_model()->review_threshold),
          line_finder(custom_engine                              ? std::string()
                      : line_detector_model(options.ocr).empty() ? std::string("layout")
                                                                 : std::string("detector")),
          extractor(fields ? std::move(fields)
                           : make_rule_extractor(extractor_options(options.extraction, threshold))) {}

    static ExtractorOptions extractor_options(ExtractorOptions extraction, float review_threshold) {
        extraction.review_threshold = review_threshold; // applied once, by the extractor
        return extraction;
    }

    /// How documents are opened: raster pages come gray from the decoder when the grayscale step would convert them,
    /// and large JPEGs come reduced by the decoder when the rescale step would shrink them anyway. The decoder only
    /// halves, so it may go down to half the pixel cap (a 600-dpi A4 scan: 34.8 to 8.7 million pixels, cap 9).
    [[nodiscard]] LoadOptions load_options() const {
        LoadOptions load = options.load;
        load.gray = load.gray || options.preprocess.grayscale;
        if (load.decode_min_pixels == 0) {
            load.decode_min_pixels = options.preprocess.max_pixels / 2;
        }
        return load;
    }

    /// Runs `work` (which fills the result) and turns any exception into an error value; sets the total time.
    template <typename Work> ExtractionResult guarded(std::string filename, Work&& work) {
        const Clock::time_point start = Clock::now();
        ExtractionResult result;
        result.filename = std::move(filename);
        try {
            begin_run(start);
            work(result);
        } catch (const Error& error) {
            record_failure(result, error.code(), failure_message(error, result));
        } catch (const std::bad_alloc&) {
            record_failure(result, ErrorCode::limit_exceeded, result.filename + ": out of memory");
        } catch (const std::exception& error) {
            // Anything else escaping a third-party decoder or engine: the input could not be processed.
            record_failure(result, ErrorCode::corrupt_input, result.filename + ": " + error.what());
        }
        result.timings.total_ms = elapsed_ms(start);
        return result;
    }

    /// Sets the deadline of a run starting at `start` and hands it, with the cancel flag, to the OCR engines.
    void begin_run(Clock::time_point start) {
        deadline = options.job_timeout_ms > 0 ? start + std::chrono::milliseconds(options.job_timeout_ms)
                                              : Clock::time_point::max();
        page_in_progress = -1;
        pages_in_run = 0;
        document_language.clear();
        limits = OcrLimits{.deadline = deadline, .cancel = options.cancel.get()};
        engine->set_limits(limits);
        if (line_engine) {
            line_engine->set_limits(limits);
        }
        for (auto& [language, other] : language_engines) {
            if (other) {
                other->set_limits(limits);
            }
        }
    }

    /// The engine that reads with `language`: the pipeline's own for its language (or none named), another made
    /// from options.ocr with that language otherwise; nullptr when that model cannot be loaded.
    OcrEngine* engine_for(std::string_view language) {
        if (language.empty() || language == options.ocr.language) {
            return engine.get();
        }
        auto found = language_engines.find(language);
        if (found == language_engines.end()) {
            OcrOptions other = options.ocr;
            other.language = std::string(language);
            std::unique_ptr<OcrEngine> made;
            try {
                made = make_tesseract_engine(other);
                made->set_limits(limits);
            } catch (const Error& error) {
                if (error.code() != ErrorCode::ocr_unavailable) {
                    throw;
                }
            }
            found = language_engines.emplace(std::string(language), std::move(made)).first;
        }
        return found->second.get();
    }

    /// The OCR model a page first read with the default engine should be read with instead, from the language of
    /// its labels (options.ocr_by_language); empty: keep the reading.
    [[nodiscard]] std::string language_model(const PageText& first) const {
        if (!options.ocr_by_language || custom_engine) {
            return {};
        }
        const std::optional<detail::PageLanguage> language = detail::page_language(first);
        if (!language || language->ocr_language.empty() || language->ocr_language == options.ocr.language) {
            return {};
        }
        return language->ocr_language;
    }

    /// Throws Error(cancelled) when the cancel flag is raised and Error(job_timeout) once the run's deadline passed;
    /// called between pages and stages.
    void checkpoint() const {
        if (options.cancel && options.cancel->load(std::memory_order_relaxed)) {
            throw Error(ErrorCode::cancelled, "cancelled");
        }
        if (Clock::now() >= deadline) {
            throw Error(ErrorCode::job_timeout, "the job's deadline passed");
        }
    }

    /// The result's error message for an Error: for a run stopped early, what stopped it and where.
    [[nodiscard]] std::string failure_message(const Error& error, const ExtractionResult& result) const {
        const std::string where = page_in_progress < 0 ? std::string("before the first page")
                                                       : "at page " + std::to_string(page_in_progress + 1) + " of " +
                                                             std::to_string(pages_in_run);
        if (error.code() == ErrorCode::job_timeout) {
            return "job_timeout: " + result.filename + " was not finished within the job's deadline of " +
                   std::to_string(options.job_timeout_ms) + " ms (stopped " + where + ")";
        }
        if (error.code() == ErrorCode::cancelled) {
            return "cancelled: " + result.filename + " was stopped before it finished (" + where + ")";
        }
        return error.what();
    }

    /// The words of one page: the text layer when it is usable, OCR of the cleaned render otherwise. For an OCR'd
    /// page, `lines` receives the lines read again one by one (PipelineOptions::reread_lines).
    PageText read_page(const Document& document, int index, ExtractionResult& result, PageText& lines) {
        PageReport& report = result.pages.emplace_back();
        report.index = index;
        if (!options.force_ocr) {
            std::optional<PageText> layer;
            {
                const StageTimer timer(result.timings.load_ms);
                layer = document.page_text(index);
            }
            if (layer && detail::usable_text_layer(*layer)) {
                layer->page = index;
                layer->source = TextSource::text_layer;
                report.source = TextSource::text_layer;
                report.width = layer->width;
                report.height = layer->height;
                report.words = word_count(*layer);
                return std::move(*layer);
            }
        }
        PreprocessReport cleaning;
        std::size_t missed_words = 0;
        std::string language = document_language;
        PageText page = recognise(document, index, Reading::first, result, cleaning, missed_words, language, &lines);
        report.ocr_language = language.empty() ? options.ocr.language : language;
        report.line_finder = line_finder;
        report.source = TextSource::ocr;
        report.missed_words = missed_words;
        report.reread_lines = lines.lines.size();
        report.preprocess = std::move(cleaning);
        report.width = page.width;
        report.height = page.height;
        report.words = word_count(page);
        return page;
    }

    /// Which reading of a page: the first (the cleaning and OCR as configured) or the second (print stretched to
    /// black, the resolution estimated, one block of text: second_reading_ocr).
    enum class Reading { first, second };

    /// Renders, cleans and OCRs one page with the model `language` (empty: the default engine's); `cleaning` receives
    /// the preprocessing report. In the first reading, text the page layout analysis left out is read as well
    /// (read_missed_text); `missed_words` receives how many it gave; and when `lines` is given, it receives the
    /// page's core lines read again one by one (detail::reread_lines). In the first reading with the default model,
    /// a page whose labels (on the whole page, else with the text it left out) are in a language whose vocabulary
    /// names another model is read again, all of it, with that model (language_model()), and `language` and the
    /// run's document_language receive it.
    PageText recognise(const Document& document, int index, Reading reading, ExtractionResult& result,
                       PreprocessReport& cleaning, std::size_t& missed_words, std::string& language,
                       PageText* lines = nullptr) {
        page_in_progress = index;
        checkpoint();
        Image rendered;
        {
            const StageTimer timer(result.timings.load_ms);
            rendered = document.render_page(index);
        }
        checkpoint();
        PreprocessResult cleaned;
        {
            const StageTimer timer(result.timings.preprocess_ms);
            cleaned = (reading == Reading::first ? preprocessor : second_preprocessor).run(rendered.view());
        }
        rendered = Image(); // free the render before OCR allocates its own copy
        checkpoint();
        OcrEngine* ocr = engine_for(language);
        if (ocr == nullptr) { // that model could not be loaded: the default one reads
            language.clear();
            ocr = engine.get();
        }
        PageText page = read_whole(*ocr, cleaned.image.view(), reading, result.timings);
        missed_words = 0;
        bool missed_read = reading != Reading::first || !options.read_missed_text;
        if (reading == Reading::first && ocr == engine.get()) {
            // The page's labels tell its language; when the whole page shows none, the text its layout left out
            // may (a receipt photo whose page pass read little).
            std::string model = language_model(page);
            if (model.empty() && !missed_read) {
                missed_words = read_missed_text(cleaned.image.view(), page, *ocr, result.timings);
                missed_read = true;
                model = language_model(page);
            }
            OcrEngine* other = model.empty() ? nullptr : engine_for(model); // loads it, outside the OCR timers
            if (other != nullptr) {
                checkpoint();
                try {
                    page = read_whole(*other, cleaned.image.view(), reading, result.timings);
                    missed_words = 0;
                    missed_read = !options.read_missed_text;
                    ocr = other;
                    language = model;
                    document_language = model;
                } catch (const Error& error) {
                    // A reading that fails or runs out of its page's time keeps the one made with the default model.
                    if (error.code() != ErrorCode::ocr_failed) {
                        throw;
                    }
                }
            }
        }
        if (!missed_read) {
            missed_words = read_missed_text(cleaned.image.view(), page, *ocr, result.timings);
        }
        if (reading == Reading::first && lines != nullptr && options.reread_lines) {
            checkpoint();
            const StageTimer timer(result.timings.ocr_ms);
            const StageTimer pass_timer(result.timings.ocr_line_ms);
            *lines = detail::reread_lines(cleaned.image.view(), page, line_engine ? *line_engine : *ocr);
            lines->page = index;
        }
        // Boxes are in the pixels of the cleaned image (scaled and deskewed); its size is what the report gives.
        page.page = index;
        page.source = TextSource::ocr;
        page.width = cleaned.image.width();
        page.height = cleaned.image.height();
        cleaning = std::move(cleaned.report);
        return page;
    }

    /// The whole cleaned page read by `ocr`, as the first or the second reading.
    PageText read_whole(OcrEngine& ocr, const ImageView& cleaned, Reading reading, StageTimings& timings) {
        PageText page;
        {
            const StageTimer timer(timings.ocr_ms);
            const StageTimer pass_timer(reading == Reading::first ? timings.ocr_page_ms : timings.ocr_second_ms);
            page = reading == Reading::first ? ocr.recognize(cleaned) : ocr.recognize_with(cleaned, second_reading_ocr);
        }
        if (reading == Reading::second) {
            for (TextLine& line : page.lines) {
                line.pass = ReadingPass::second_reading;
            }
        }
        checkpoint();
        return page;
    }

    /// Tesseract's page layout analysis sometimes leaves whole blocks of a page unread: a letterhead on a photo's
    /// textured background, a VAT table under a row of asterisks. When blocks of ink outside the words read remain
    /// (the six largest, specks and rules left out), everything but them is painted white and the rest of the page is
    /// read as sparse text; its confident words join `page`. Returns
    /// how many joined. An OCR failure here (a deadline) keeps the words already read. The OCR call's time is added
    /// to the timings' ocr_ms and ocr_missed_text_ms.
    std::size_t read_missed_text(const ImageView& cleaned, PageText& page, OcrEngine& ocr, StageTimings& timings) {
        const std::vector<Box> regions = detail::uncovered_ink_regions(cleaned, page);
        if (regions.empty()) {
            return 0;
        }
        const Image rest = detail::without_words(cleaned, page, regions);
        PageText missed;
        try {
            const StageTimer timer(timings.ocr_ms);
            const StageTimer pass_timer(timings.ocr_missed_text_ms);
            missed = ocr.recognize_with(rest.view(), missed_text_ocr);
        } catch (const Error& error) {
            if (error.code() != ErrorCode::ocr_failed) {
                throw;
            }
            return 0;
        }
        std::size_t joined = 0;
        for (TextLine& line : missed.lines) {
            std::erase_if(line.words, [](const TextWord& w) { return w.confidence < min_missed_word_confidence; });
            if (!line.words.empty()) {
                joined += line.words.size();
                line.pass = ReadingPass::missed_text;
                page.lines.push_back(std::move(line));
            }
        }
        return joined;
    }

    /// `pages` with every OCR'd document page read a second time, with the default model (rendered and cleaned anew
    /// rather than kept: a long scan must not hold every cleaned page in memory). Text-layer pages and the pictures
    /// read on them stay as they are.
    std::vector<PageText> read_again(const Document& document, const std::vector<PageText>& pages,
                                     ExtractionResult& result) {
        std::vector<PageText> again = pages;
        for (PageText& page : again) {
            const auto report = std::find_if(result.pages.begin(), result.pages.end(),
                                             [&](const PageReport& r) { return r.index == page.page; });
            if (page.source != TextSource::ocr || report == result.pages.end() || report->source != TextSource::ocr) {
                continue;
            }
            PreprocessReport cleaning;
            std::size_t missed_words = 0;
            // The default model reads again, also where the page was read in its language's model: two models'
            // readings miss different words, and the default one is the faster (docs/performance.md).
            std::string language;
            page = recognise(document, page.page, Reading::second, result, cleaning, missed_words, language);
            report->second_reading = true;
        }
        return again;
    }

    /// The pictures of text-layer pages, OCR'd: one extra page text (source ocr) after each page that has any.
    /// Returns false when no picture gave words.
    bool read_page_pictures(const Document& document, std::vector<PageText>& pages, ExtractionResult& result) {
        std::vector<PageText> merged;
        bool found = false;
        int searched = 0;
        for (std::size_t k = 0; k < pages.size(); ++k) {
            merged.push_back(std::move(pages[k]));
            const PageText& layer = merged.back();
            if (layer.source != TextSource::text_layer || searched == max_picture_pages) {
                continue;
            }
            ++searched;
            Image rendered;
            std::vector<Box> regions;
            {
                const StageTimer timer(result.timings.load_ms);
                rendered = document.render_page(layer.page);
                regions = detail::uncovered_ink_regions(rendered.view(), layer);
            }
            PageText picture;
            picture.page = layer.page;
            picture.source = TextSource::ocr;
            picture.width = layer.width;
            picture.height = layer.height;
            page_in_progress = layer.page;
            for (const Box& region : regions) {
                checkpoint();
                const Image crop = detail::gray_crop(rendered.view(), region, picture_margin);
                const StageTimer timer(result.timings.ocr_ms);
                const StageTimer pass_timer(result.timings.ocr_page_ms);
                add_picture_lines(picture, engine->recognize(crop.view()), region.x - picture_margin,
                                  region.y - picture_margin);
            }
            const std::size_t words = word_count(picture);
            if (words == 0) {
                continue;
            }
            PageReport& report = result.pages[k];
            report.image_words = words;
            report.words += words;
            merged.push_back(std::move(picture));
            found = true;
        }
        pages = std::move(merged);
        return found;
    }

    std::vector<Field> extract_fields(const Document& document, std::span<const std::vector<PageText>> readings,
                                      ExtractionResult& result) const {
        const StageTimer timer(result.timings.extract_ms);
        std::vector<Field> fields = extractor->extract_readings(readings);
        if (options.explain) {
            result.explanation = extractor->candidates(readings);
        }
        if (options.use_embedded_xml) {
            // Structured Factur-X/ZUGFeRD/XRechnung data beats anything read from the page: its fields replace
            // the text fields of the same name (source embedded_xml). Documents without it are unchanged.
            (void)detail::apply_embedded_invoice(document, fields);
        }
        apply_review_threshold(fields, threshold); // again only for the fields the embedded XML replaced
        return fields;
    }

    void process(const Document& document, ExtractionResult& result) {
        std::vector<PageText> pages;
        std::vector<PageText> lines; // the core lines of OCR'd pages, read again one by one
        const int page_count = document.page_count();
        pages.reserve(static_cast<std::size_t>(page_count > 0 ? page_count : 0));
        pages_in_run = page_count;
        for (int index = 0; index < page_count; ++index) {
            page_in_progress = index;
            checkpoint();
            PageText reread;
            pages.push_back(read_page(document, index, result, reread));
            if (!reread.lines.empty()) {
                lines.push_back(std::move(reread));
            }
        }

        checkpoint();
        result.field_model = extractor->model_version();
        // The readings whose candidates go to one pool: the pages, and their lines read again.
        std::vector<std::vector<PageText>> readings{pages};
        if (!lines.empty()) {
            readings.push_back(std::move(lines));
        }
        std::vector<Field> fields = extract_fields(document, readings, result);
        // Born-digital pages sometimes show the letterhead (vendor, email) only as a picture: when the text layer
        // leaves a core field open or unsure, OCR the ink the text layer does not explain and extract again.
        if (options.ocr_page_images && document.has_pictures() &&
            (options.always_read_twice || wants_page_pictures(fields, threshold)) &&
            read_page_pictures(document, pages, result)) {
            readings.front() = pages;
            fields = extract_fields(document, readings, result);
        }
        // OCR of a photo, a receipt or a poor scan varies with its input: a second reading (light print stretched
        // to black, the resolution estimated from the text size, the page read as one block) often reads what the
        // first missed (docs/performance.md, "Second reading").
        if (options.second_reading && has_ocr_pages(result) &&
            (options.always_read_twice || wants_second_reading(fields, threshold))) {
            try {
                // Every reading's candidates go to one pool, for the model to choose among.
                readings.push_back(read_again(document, pages, result));
                fields = extract_fields(document, readings, result);
            } catch (const Error& error) {
                // The first reading stands: a second one that times out or fails must not lose it.
                if (error.code() != ErrorCode::ocr_failed) {
                    throw;
                }
                for (PageReport& report : result.pages) {
                    report.second_reading = false;
                }
            }
        }
        // The vendor memory comes last: every choice above (a second reading included) is the one made without
        // it, so a field it changed can say what it would have been (Field::memory).
        if (options.vendor_memory || options.document_traits) {
            DocumentTraits traits = extractor->recall(readings, options.vendor_memory.get(), fields);
            if (options.document_traits) {
                result.traits = std::move(traits);
            }
        }
        result.needs_review = detail::review_list(fields);
        result.summary = detail::summary_line(fields);
        result.raw_text_preview = detail::text_preview(pages, options.preview_chars);
        result.fields = std::move(fields);
    }
};

Pipeline::Pipeline(PipelineOptions options) : Pipeline(std::move(options), nullptr, nullptr) {}

Pipeline::Pipeline(PipelineOptions options, std::unique_ptr<OcrEngine> engine,
                   std::unique_ptr<FieldExtractor> extractor)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(engine), std::move(extractor))) {}

Pipeline::Pipeline(Pipeline&&) noexcept = default;
Pipeline& Pipeline::operator=(Pipeline&&) noexcept = default;
Pipeline::~Pipeline() = default;

ExtractionResult Pipeline::run(const std::filesystem::path& path) {
    return impl_->guarded(path.filename().string(), [&](ExtractionResult& result) {
        std::optional<Document> document;
        {
            const StageTimer timer(result.timings.load_ms);
            document.emplace(Document::open(path, impl_->load_options()));
        }
        impl_->process(*document, result);
    });
}

ExtractionResult Pipeline::run(std::span<const std::byte> bytes, std::string name) {
    std::string filename = name;
    return impl_->guarded(std::move(filename), [&](ExtractionResult& result) {
        std::optional<Document> document;
        {
            const StageTimer timer(result.timings.load_ms);
            document.emplace(Document::from_bytes(bytes, std::move(name), impl_->load_options()));
        }
        impl_->process(*document, result);
    });
}

ExtractionResult Pipeline::run(const Document& document) {
    return impl_->guarded(document.name(), [&](ExtractionResult& result) { impl_->process(document, result); });
}

Image Pipeline::preview(const Document& document, int page) const {
    const Image rendered = document.render_page(page);
    return impl_->preprocessor.run(rendered.view()).image;
}

void Pipeline::set_vendor_memory(std::shared_ptr<const VendorMemory> memory) {
    impl_->options.vendor_memory = std::move(memory);
}

const PipelineOptions& Pipeline::options() const noexcept {
    return impl_->options;
}

ExtractionResult extract(const std::filesystem::path& path, const PipelineOptions& options) {
    // Setup errors (no language data, invalid options) throw like the Pipeline constructor; document errors do not.
    Pipeline pipeline(options);
    return pipeline.run(path);
}

bool wants_page_pictures(std::span<const Field> fields, float threshold) {
    const std::vector<Field> all(fields.begin(), fields.end());
    return field_wanting(all, picture_trigger_fields, threshold);
}

bool wants_second_reading(std::span<const Field> fields, float threshold) {
    // Those of every invoice and receipt (receipts often print no number, and reading them twice for it would find
    // none).
    constexpr std::array<std::string_view, 3> second_reading_fields = {"vendor", "date", "total"};
    const std::vector<Field> all(fields.begin(), fields.end());
    return field_wanting(all, second_reading_fields, threshold);
}

} // namespace docextract
