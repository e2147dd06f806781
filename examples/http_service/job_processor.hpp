// SPDX-License-Identifier: MIT
#pragma once

// Running one job: bytes in, the CLI's JSON (docextract::to_json) or an error message out.

#include <docextract/pipeline.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace docextract::service {

/// The result of processing one upload.
struct JobOutcome {
    bool ok = false;
    std::string result_json; ///< docextract::to_json(result) when ok.
    std::string error;       ///< Why the document could not be processed when !ok.
    bool cancelled = false;  ///< Stopped by the pipeline's cancel flag (a shutdown): no outcome of the document.
};

/// Processes one upload. A processor is used by one thread at a time.
using JobProcessor = std::function<JobOutcome(std::string_view bytes, const std::string& filename)>;

/// Makes a new processor; called once per worker thread (each gets its own Pipeline and OCR engine).
using ProcessorFactory = std::function<JobProcessor()>;

/// Runs the pipeline on the bytes; never throws (failures become !ok outcomes).
JobOutcome process_document(docextract::Pipeline& pipeline, std::string_view bytes, const std::string& filename);

/// The vendor memory for the next job (read from the job store); null or empty: none.
using MemorySource = std::function<std::shared_ptr<const docextract::VendorMemory>()>;

/// A factory whose processors each own a docextract::Pipeline built with these options. With a memory source,
/// each job uses the memory it gives at the job's start (a source that throws: that job runs without one).
/// Building the pipeline (Tesseract initialisation) happens in the factory call, so setup errors throw there.
ProcessorFactory pipeline_processor_factory(docextract::PipelineOptions options, MemorySource memory = {});

} // namespace docextract::service
