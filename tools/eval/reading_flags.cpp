// SPDX-License-Identifier: MIT
#include "reading_flags.hpp"

#include <cstdint>
#include <string>

namespace docextract::eval {

void add_reading_flags(CLI::App& app, PipelineOptions& pipeline) {
    app.add_option_function<std::string>(
        "--lang",
        [&pipeline](const std::string& language) {
            pipeline.ocr.language = language;
            pipeline.ocr_by_language = false;
        },
        "Tesseract language(s) every page is read with, e.g. eng, eng+deu or Latin (as the CLI; part of the cache "
        "key)");
    app.add_option("--tessdata", pipeline.ocr.tessdata_path,
                   "Folder with the *.traineddata pages are read with (as the CLI; part of the cache key)")
        ->check(CLI::ExistingDirectory);
    app.add_flag_function(
        "--no-language-models", [&pipeline](std::int64_t) { pipeline.ocr_by_language = false; },
        "Read every page with --lang's model, not the one its language's labels name (as the CLI; part of the cache "
        "key)");
    app.add_flag_function(
        "--digit-alternatives", [&pipeline](std::int64_t) { pipeline.ocr.digit_alternatives = true; },
        "Keep the recogniser's runner-up digits of words with digits; a labelled total's near misses join the "
        "candidates (as the CLI; part of the cache key)");
    app.add_option_function<std::string>(
           "--line-detector",
           [&pipeline](const std::string& model) {
               pipeline.ocr.line_detector = model;
               pipeline.ocr.line_finder = LineFinder::detector;
           },
           "Find the lines with this PP-OCR detection model (ONNX) and read each on its own (as the CLI: default "
           "the installed one, else Tesseract's page layout; part of the cache key)")
        ->check(CLI::ExistingFile);
    app.add_flag_function(
        "--no-line-detector", [&pipeline](std::int64_t) { pipeline.ocr.line_finder = LineFinder::layout; },
        "Find the lines with Tesseract's page layout analysis (as the CLI; part of the cache key)");
    app.add_option("--min-text-height", pipeline.preprocess.min_text_height,
                   "Scale pages whose text measures smaller up to this many px high, 0 never (as the CLI; part of the "
                   "cache key)")
        ->check(CLI::Range(0, 1000));
    app.add_flag_function(
        "--no-despeckle", [&pipeline](std::int64_t) { pipeline.preprocess.despeckle = false; },
        "Keep isolated dots instead of replacing them (as the CLI; part of the cache key)");
}

} // namespace docextract::eval
