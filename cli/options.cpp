// SPDX-License-Identifier: MIT
#include "options.hpp"

#include <docextract/version.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace docextract::cli {

std::string version_text() {
    std::string text = std::string("docextract ") + docextract::version_string;
#if defined(DOCEXTRACT_TESSERACT_VERSION) && defined(DOCEXTRACT_OPENCV_VERSION) && defined(DOCEXTRACT_POPPLER_VERSION)
    // Versions of the libraries docextract was built against (from pkg-config/CMake at configure time).
    text += "\ntesseract " DOCEXTRACT_TESSERACT_VERSION ", opencv " DOCEXTRACT_OPENCV_VERSION
            ", poppler " DOCEXTRACT_POPPLER_VERSION;
#endif
    return text;
}

void setup(CLI::App& app, CliOptions& options) {
    app.description("Extracts vendor, invoice number, date, total and email from invoices and receipts "
                    "(PNG, JPEG, TIFF, PDF), with a confidence and a review flag per field.");
    app.footer("Exit codes: 0 all documents succeeded, 1 some failed, 2 usage or setup error.\n"
               "Several files or a folder give one JSON object per line (JSONL), in input order.");
    app.set_version_flag("--version", version_text(), "Print the version and exit");

    app.add_option("inputs", options.inputs, "Files and folders to process (folders: PNG/JPEG/TIFF/PDF files)")
        ->required()
        ->type_name("FILE|DIR");

    app.add_flag("--json", options.json, "Write JSON (one object; JSONL for several documents)");
    app.add_flag("--jsonl", options.jsonl, "Write one JSON object per line, even for a single document");
    app.add_flag("--pretty", options.pretty, "Indent the JSON object of a single document");
    app.add_flag("--csv", options.csv,
                 "Write CSV: a header, then one row per document (the columns of GET /export?format=csv)")
        ->excludes("--json")
        ->excludes("--jsonl");
    app.add_flag("-r,--recursive", options.recursive, "Also process the files in sub-folders");
    app.add_option("-j,--jobs", options.jobs, "Documents processed in parallel (default: one per core)")
        ->check(CLI::PositiveNumber);
    app.add_option("--preview", options.preview, "Write the cleaned first page of the single input as PNG")
        ->type_name("OUT.png");

    PipelineOptions& pipeline = options.pipeline;
    app.add_option("--threshold", pipeline.review_threshold,
                   "Fields with lower confidence are flagged for review (default: the field model's)")
        ->check(CLI::Range(0.0F, 1.0F));
    app.add_option_function<std::string>(
        "--lang",
        [&pipeline](const std::string& language) {
            pipeline.ocr.language = language;
            pipeline.ocr_by_language = false; // the model asked for reads every page
        },
        "Tesseract language(s) every page is read with, e.g. eng or eng+deu (default: eng, and a page whose labels "
        "are German, French, Dutch or Spanish with Latin)");
    app.add_flag_function(
        "--no-language-models", [&pipeline](std::int64_t) { pipeline.ocr_by_language = false; },
        "Read every page with --lang's model, not the one its language's labels name");
    app.add_flag_function(
        "--digit-alternatives", [&pipeline](std::int64_t) { pipeline.ocr.digit_alternatives = true; },
        "Keep the recogniser's runner-up digits of words with digits; a labelled total's near misses join the "
        "candidates (about 7 % more OCR time)");
    app.add_option_function<std::string>(
           "--line-detector",
           [&pipeline](const std::string& model) {
               pipeline.ocr.line_detector = model;
               pipeline.ocr.line_finder = LineFinder::detector;
           },
           "Find the lines with this PP-OCR detection model (ONNX) and read each on its own (default: the one "
           "scripts/install-deps.sh installs, when it is there; else Tesseract's page layout)")
        ->check(CLI::ExistingFile);
    app.add_flag_function(
        "--no-line-detector", [&pipeline](std::int64_t) { pipeline.ocr.line_finder = LineFinder::layout; },
        "Find the lines with Tesseract's page layout analysis, not the learned line detector");
    app.add_option_function<std::string>(
           "--line-tessdata",
           [&pipeline](const std::string& dir) {
               pipeline.line_ocr = pipeline.ocr;
               pipeline.line_ocr->tessdata_path = dir;
               pipeline.line_ocr->line_finder = LineFinder::layout; // it reads the lines it is given
           },
           "Folder with the *.traineddata that reads the lines read again (default: the page's engine)")
        ->check(CLI::ExistingDirectory);
    app.add_option("--tessdata", pipeline.ocr.tessdata_path, "Folder with *.traineddata (default: Tesseract's)")
        ->check(CLI::ExistingDirectory);
    app.add_option_function<int>(
           "--dpi",
           [&pipeline](const int& dpi) {
               pipeline.load.dpi = dpi;
               pipeline.ocr.dpi = dpi;
           },
           "Resolution PDF pages are rendered at and OCR assumes (default 300)")
        ->check(CLI::Range(30, 1200));
    app.add_flag_function(
        "--no-grayscale", [&pipeline](std::int64_t) { pipeline.preprocess.grayscale = false; },
        "Keep colour instead of converting to gray");
    app.add_flag_function(
        "--no-upscale", [&pipeline](std::int64_t) { pipeline.preprocess.upscale = false; },
        "Do not scale up pages under 1000 px high or with text under 20 px high");
    app.add_option("--min-text-height", pipeline.preprocess.min_text_height,
                   "Scale pages whose text measures smaller up to this many px high (at most 3x), 0 never (default 20)")
        ->check(CLI::Range(0, 1000));
    app.add_flag_function(
        "--no-denoise", [&pipeline](std::int64_t) { pipeline.preprocess.denoise = false; },
        "Skip denoising (and the removal of isolated dots)");
    app.add_flag_function(
        "--no-despeckle", [&pipeline](std::int64_t) { pipeline.preprocess.despeckle = false; },
        "Keep isolated dots (salt-and-pepper noise) instead of replacing them by their neighbourhood's median");
    app.add_flag_function(
        "--no-deskew", [&pipeline](std::int64_t) { pipeline.preprocess.deskew = false; }, "Skip rotation correction");
    app.add_flag_function(
        "--no-threshold", [&pipeline](std::int64_t) { pipeline.preprocess.threshold = false; },
        "Skip step 5, the thresholding against the paper");
    app.add_flag_function(
        "--binarize",
        [&pipeline](std::int64_t) { pipeline.preprocess.threshold_method = ThresholdMethod::adaptive_binary; },
        "Step 5 makes the page black and white (adaptive Gaussian) instead of flattening it");
    app.add_flag_function(
        "--no-page-crop", [&pipeline](std::int64_t) { pipeline.preprocess.find_page = false; },
        "Do not cut a photographed page out of its surroundings");
    app.add_option("--max-pixels", pipeline.preprocess.max_pixels,
                   "Scale larger pages down to this many pixels before cleaning, 0 never (default 9000000)")
        ->check(CLI::NonNegativeNumber);
    app.add_option("--denoise-min-noise", pipeline.preprocess.denoise_min_noise,
                   "Denoise pages whose estimated noise reaches this many gray levels, 0 every page (default 4)")
        ->check(CLI::Range(0.0, 100.0));
    app.add_flag("--force-ocr", pipeline.force_ocr, "OCR PDF pages even when they have a usable text layer");
    app.add_flag_function(
        "--no-embedded-xml", [&pipeline](std::int64_t) { pipeline.use_embedded_xml = false; },
        "Ignore Factur-X/ZUGFeRD/XRechnung/UBL XML embedded in PDFs; read the pages instead");
    app.add_flag_function(
        "--no-page-images", [&pipeline](std::int64_t) { pipeline.ocr_page_images = false; },
        "Do not OCR pictures on text-layer pages, even when a core field is missing");
    app.add_flag_function(
        "--no-second-reading", [&pipeline](std::int64_t) { pipeline.second_reading = false; },
        "Do not OCR a page again when vendor, date or total stays missing or unsure (faster, less accurate)");
    app.add_flag_function(
        "--no-missed-text", [&pipeline](std::int64_t) { pipeline.read_missed_text = false; },
        "Do not read again the ink OCR's page layout left out (faster, misses blocks OCR overlooked)");
    app.add_flag_function(
        "--no-line-reading", [&pipeline](std::int64_t) { pipeline.reread_lines = false; },
        "Do not read the letterhead and the core lines again one by one (faster; the vendor's spelling is then "
        "confirmed by fewer readings)");
    app.add_option("--model", options.model,
                   "Field model file (docextract-train -o) instead of the one built in (docs/field-model.md)")
        ->check(CLI::ExistingFile)
        ->type_name("MODEL.json");
    app.add_flag("--explain", pipeline.explain,
                 "Show each field's best candidates and what each feature added to their scores (in JSON: "
                 "\"explanation\")");
    app.add_option("--password", pipeline.load.password, "Password for encrypted PDFs");
    app.add_option("--max-pages", pipeline.load.max_pages, "Reject documents with more pages (default 50)")
        ->check(CLI::PositiveNumber);
    app.add_option("--timeout-ms", pipeline.ocr.timeout_ms, "OCR deadline per page in ms, 0 for none (default 0)")
        ->check(CLI::NonNegativeNumber);
    app.add_option_function<double>(
           "--timeout",
           [&pipeline](double seconds) {
               // Any positive deadline stays one: 0.0001 s is 1 ms, not "none".
               pipeline.job_timeout_ms = seconds > 0 ? std::max(1, static_cast<int>(std::lround(seconds * 1000.0))) : 0;
           },
           "Deadline per document in seconds (fractions allowed): loading, every page and reading; a document over "
           "it fails with job_timeout. 0 for none (default 0)")
        ->check(CLI::Range(0.0, 86400.0))
        ->type_name("SECONDS");
}

} // namespace docextract::cli
