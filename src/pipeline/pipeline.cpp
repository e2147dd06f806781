// SPDX-License-Identifier: MIT
#include <docextract/pipeline.hpp>

#include "einvoice/embedded_fields.hpp"
#include "pipeline/summary.hpp"
#include "pipeline/text_layer.hpp"

#include <chrono>
#include <exception>
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

void check_options(const PipelineOptions& options) {
    if (!(options.review_threshold >= 0.0F && options.review_threshold <= 1.0F)) {
        throw Error(ErrorCode::invalid_argument,
                    "review_threshold must be within 0..1, got " + std::to_string(options.review_threshold));
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
    std::unique_ptr<OcrEngine> engine;
    std::unique_ptr<FieldExtractor> extractor;

    Impl(PipelineOptions opts, std::unique_ptr<OcrEngine> ocr, std::unique_ptr<FieldExtractor> fields)
        : options((check_options(opts), std::move(opts))), preprocessor(options.preprocess),
          engine(ocr ? std::move(ocr) : make_tesseract_engine(options.ocr)),
          extractor(fields ? std::move(fields) : make_rule_extractor(options.extraction)) {}

    /// Runs `work` (which fills the result) and turns any exception into an error value; sets the total time.
    template <typename Work> ExtractionResult guarded(std::string filename, Work&& work) {
        const Clock::time_point start = Clock::now();
        ExtractionResult result;
        result.filename = std::move(filename);
        try {
            work(result);
        } catch (const Error& error) {
            record_failure(result, error.code(), error.what());
        } catch (const std::bad_alloc&) {
            record_failure(result, ErrorCode::limit_exceeded, result.filename + ": out of memory");
        } catch (const std::exception& error) {
            // Anything else escaping a third-party decoder or engine: the input could not be processed.
            record_failure(result, ErrorCode::corrupt_input, result.filename + ": " + error.what());
        }
        result.timings.total_ms = elapsed_ms(start);
        return result;
    }

    /// The words of one page: the text layer when it is usable, OCR of the cleaned render otherwise.
    PageText read_page(const Document& document, int index, ExtractionResult& result) {
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
        Image rendered;
        {
            const StageTimer timer(result.timings.load_ms);
            rendered = document.render_page(index);
        }
        PreprocessResult cleaned;
        {
            const StageTimer timer(result.timings.preprocess_ms);
            cleaned = preprocessor.run(rendered.view());
        }
        rendered = Image(); // free the render before OCR allocates its own copy
        PageText page;
        {
            const StageTimer timer(result.timings.ocr_ms);
            page = engine->recognize(cleaned.image.view());
        }
        // Boxes are in the pixels of the cleaned image (scaled and deskewed); its size is what the report gives.
        page.page = index;
        page.source = TextSource::ocr;
        page.width = cleaned.image.width();
        page.height = cleaned.image.height();
        report.source = TextSource::ocr;
        report.preprocess = cleaned.report;
        report.width = page.width;
        report.height = page.height;
        report.words = word_count(page);
        return page;
    }

    void process(const Document& document, ExtractionResult& result) {
        std::vector<PageText> pages;
        const int page_count = document.page_count();
        pages.reserve(static_cast<std::size_t>(page_count > 0 ? page_count : 0));
        for (int index = 0; index < page_count; ++index) {
            pages.push_back(read_page(document, index, result));
        }

        std::vector<Field> fields;
        {
            const StageTimer timer(result.timings.extract_ms);
            fields = extractor->extract(pages);
            if (options.use_embedded_xml) {
                // Structured Factur-X/ZUGFeRD/XRechnung data beats anything read from the page: its fields replace
                // the text fields of the same name (source embedded_xml). Documents without it are unchanged.
                (void)detail::apply_embedded_invoice(document, fields);
            }
            apply_review_threshold(fields, options.review_threshold);
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
            document.emplace(Document::open(path, impl_->options.load));
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
            document.emplace(Document::from_bytes(bytes, std::move(name), impl_->options.load));
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

const PipelineOptions& Pipeline::options() const noexcept {
    return impl_->options;
}

ExtractionResult extract(const std::filesystem::path& path, const PipelineOptions& options) {
    // Setup errors (no language data, invalid options) throw like the Pipeline constructor; document errors do not.
    Pipeline pipeline(options);
    return pipeline.run(path);
}

} // namespace docextract
