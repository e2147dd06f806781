// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/document.hpp>
#include <docextract/error.hpp>
#include <docextract/export.hpp>
#include <docextract/field_model.hpp>
#include <docextract/fields.hpp>
#include <docextract/ocr.hpp>
#include <docextract/preprocess.hpp>
#include <docextract/vendor_memory.hpp>

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace docextract {

/// Everything that configures a pipeline run.
struct PipelineOptions {
    LoadOptions load;               ///< Opening and rendering limits.
    PreprocessOptions preprocess;   ///< The cleaning steps.
    OcrOptions ocr;                 ///< OCR engine settings.
    ExtractorOptions extraction;    ///< Field extraction settings.
    float review_threshold = -1.0F; ///< Fields with lower confidence are flagged; < 0: the field model's own.
    bool force_ocr = false;         ///< OCR every page even when a PDF has a usable text layer (default off).
    bool use_embedded_xml = true;   ///< Read embedded Factur-X/ZUGFeRD XML when present (default on).
    bool ocr_page_images =
        true; ///< OCR pictures on text-layer pages when a core field is missing or unsure (default on).
    bool second_reading = true;   ///< When OCR leaves vendor, date or total missing or under the threshold, read the
                                  ///< OCR'd pages again, print stretched to black and the resolution estimated
                                  ///< from the text size; both readings' candidates go to one pool (default on).
    bool read_missed_text = true; ///< When OCR's page layout analysis leaves ink outside the words it read, read
                                  ///< that ink again as sparse text and keep its confident words (default on).
    bool ocr_by_language = true;  ///< When a page's labels are in a language whose vocabulary names another OCR model
                                  ///< (data/vocab, [locale] ocr_language: German, French, Dutch, Spanish read with
                                  ///< Tesseract's Latin-script model), read the page and the document's later pages
                                  ///< with that model; needs the default Tesseract engine (default on).
    std::optional<OcrOptions> line_ocr; ///< A separate engine for the lines read again (another model, e.g. a larger
                                        ///< one: only a few lines are read); none: the page's engine (default).
    bool reread_lines = true; ///< Read the lines that hold the core fields or their labels again one by one, scaled,
                              ///< as single lines; their vendor names confirm a spelling another reading gave, and
                              ///< propose none of their own (default on, docs/performance.md).
    bool always_read_twice = false;  ///< Make the second reading and read the pictures of text-layer pages whatever
                                     ///< the fields (evaluation keeps every reading to replay the pipeline's
                                     ///< choices; default off).
    std::size_t preview_chars = 200; ///< Length of raw_text_preview in bytes (default 200).
    bool explain = false;            ///< Keep every field's candidates and their scores in the result (default off).
    std::shared_ptr<const VendorMemory> vendor_memory; ///< Evidence from earlier corrections (none by default).
    bool document_traits = false; ///< Keep what the document tells of its vendor, for a memory to learn from.
    int job_timeout_ms = 0; ///< Deadline of one run (loading, every page and reading) in ms, checked between pages and
                            ///< stages and inside OCR; a run over it fails with job_timeout; 0: none (default).
    std::shared_ptr<const std::atomic<bool>> cancel; ///< Raised by another thread: the run stops at its next page,
                                                     ///< stage or OCR'd word and fails with cancelled (default none).
};

/// Wall-clock time spent in each stage of one document, in milliseconds.
struct StageTimings {
    double load_ms = 0;            ///< Opening, decoding and rendering.
    double preprocess_ms = 0;      ///< The cleaning steps, all pages.
    double ocr_ms = 0;             ///< OCR recognition, all pages and passes; the four below are parts of it.
    double ocr_page_ms = 0;        ///< Of ocr_ms, reading whole pages (the first reading, pictures).
    double ocr_missed_text_ms = 0; ///< Of ocr_ms, reading ink the page layout left out.
    double ocr_line_ms = 0;        ///< Of ocr_ms, re-reading single lines.
    double ocr_second_ms = 0;      ///< Of ocr_ms, the second reading of whole pages.
    double extract_ms = 0;         ///< Field extraction.
    double total_ms = 0;           ///< The whole document.
};

/// What happened to one page.
struct PageReport {
    int index = 0;                              ///< Zero-based page index.
    TextSource source = TextSource::ocr;        ///< Where its words came from.
    std::optional<PreprocessReport> preprocess; ///< Cleaning report, when the page was OCR'd.
    int width = 0;                              ///< Width of the page image in pixels.
    int height = 0;                             ///< Height of the page image in pixels.
    std::size_t words = 0;                      ///< Number of words found.
    std::size_t image_words = 0;                ///< Of those, words OCR'd from pictures on a text-layer page.
    std::size_t missed_words = 0;               ///< Of those, words read from ink OCR's page layout had left out.
    std::size_t reread_lines = 0;               ///< Lines read again one by one (see PipelineOptions).
    bool second_reading = false;                ///< OCR read the page a second time (see PipelineOptions).
    std::string ocr_language;                   ///< The OCR model it was read with; empty for a text layer.
    std::string line_finder; ///< "detector" or "layout" (OcrOptions::line_finder); empty: text layer or own engine.
};

/// The outcome for one document: fields, review list and diagnostics, or an error.
struct ExtractionResult {
    std::string filename;                     ///< Base name of the input.
    std::vector<Field> fields;                ///< Fields in output order (core fields first).
    std::vector<std::string> needs_review;    ///< Names of the fields flagged for review.
    std::string summary;                      ///< "N of M fields extracted confidently."
    std::string raw_text_preview;             ///< The first characters of the document text.
    std::optional<std::string> error;         ///< Set when the document could not be processed.
    std::optional<ErrorCode> error_code;      ///< Machine-readable form of error.
    std::vector<PageReport> pages;            ///< Per-page diagnostics.
    StageTimings timings;                     ///< Time per stage.
    std::string field_model;                  ///< Version of the field model that chose the values.
    std::vector<FieldCandidates> explanation; ///< Per field, its candidates and scores (PipelineOptions::explain).
    std::optional<DocumentTraits> traits;     ///< What the document tells of its vendor (document_traits).

    /// The field with this name, or nullptr.
    [[nodiscard]] DOCEXTRACT_API const Field* field(std::string_view name) const noexcept;
    /// Number of fields that were found and not flagged.
    [[nodiscard]] DOCEXTRACT_API int confident_count() const noexcept;
    /// True when no error occurred.
    [[nodiscard]] bool ok() const noexcept { return !error.has_value(); }
};

/// Loads, cleans, recognises and extracts. Holds one OCR engine: use one Pipeline per thread.
class DOCEXTRACT_API Pipeline {
public:
    /// Creates a pipeline with a Tesseract engine and the rule extractor; throws Error on setup errors.
    explicit Pipeline(PipelineOptions options = {});
    /// Creates a pipeline with a custom engine and extractor (either may be null to use the default).
    Pipeline(PipelineOptions options, std::unique_ptr<OcrEngine> engine, std::unique_ptr<FieldExtractor> extractor);
    Pipeline(Pipeline&&) noexcept;
    Pipeline& operator=(Pipeline&&) noexcept;
    ~Pipeline();

    /// Processes a file; failures are reported in the result, never thrown.
    [[nodiscard]] ExtractionResult run(const std::filesystem::path& path);
    /// Processes a document held in memory; failures are reported in the result, never thrown.
    [[nodiscard]] ExtractionResult run(std::span<const std::byte> bytes, std::string name);
    /// Processes an opened document; failures are reported in the result, never thrown.
    [[nodiscard]] ExtractionResult run(const Document& document);
    /// The cleaned image of one page, as OCR sees it; throws Error on failure.
    [[nodiscard]] Image preview(const Document& document, int page = 0) const;
    /// Uses this vendor memory for the documents run from now on (null: none).
    void set_vendor_memory(std::shared_ptr<const VendorMemory> memory);
    /// The options in use.
    [[nodiscard]] const PipelineOptions& options() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

/// True when vendor, date or total is missing or below `threshold`: the pipeline then reads its OCR'd pages a second
/// time (PipelineOptions::second_reading).
DOCEXTRACT_API bool wants_second_reading(std::span<const Field> fields, float threshold);

/// True when vendor, invoice number, date, total or email is missing or below `threshold`: the pipeline then OCRs the
/// pictures of a document's text-layer pages (PipelineOptions::ocr_page_images).
DOCEXTRACT_API bool wants_page_pictures(std::span<const Field> fields, float threshold);

/// One-shot convenience: builds a Pipeline and runs it on a file.
DOCEXTRACT_API ExtractionResult extract(const std::filesystem::path& path, const PipelineOptions& options = {});

} // namespace docextract
