// SPDX-License-Identifier: MIT
#include "job_processor.hpp"

#include "log.hpp"

#include <docextract/json.hpp>

#include <exception>
#include <memory>
#include <span>

namespace docextract::service {

JobOutcome process_document(docextract::Pipeline& pipeline, std::string_view bytes, const std::string& filename) {
    JobOutcome outcome;
    try {
        const auto data = std::as_bytes(std::span<const char>(bytes.data(), bytes.size()));
        const docextract::ExtractionResult result = pipeline.run(data, filename);
        if (!result.ok()) {
            outcome.error = *result.error;
            outcome.cancelled = result.error_code == docextract::ErrorCode::cancelled;
            return outcome;
        }
        outcome.result_json = docextract::to_json(result);
        outcome.ok = true;
    } catch (const std::exception& e) {
        // Pipeline::run reports document failures in the result; anything thrown is unexpected but must not
        // take a worker down.
        outcome.error = std::string("internal error: ") + e.what();
    }
    return outcome;
}

ProcessorFactory pipeline_processor_factory(docextract::PipelineOptions options, MemorySource memory) {
    options.document_traits = true; // what a correction of the result teaches the vendor memory
    return [options = std::move(options), memory = std::move(memory)]() -> JobProcessor {
        auto pipeline = std::make_shared<docextract::Pipeline>(options);
        return [pipeline, memory](std::string_view bytes, const std::string& filename) {
            if (memory) {
                std::shared_ptr<const docextract::VendorMemory> known;
                try {
                    known = memory();
                } catch (const std::exception& e) {
                    log_line(std::string("vendor memory unavailable, job runs without it: ") + e.what());
                }
                pipeline->set_vendor_memory(known && !known->vendors.empty() ? known : nullptr);
            }
            return process_document(*pipeline, bytes, filename);
        };
    };
}

} // namespace docextract::service
