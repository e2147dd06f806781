// SPDX-License-Identifier: MIT
#pragma once

#include "dataset.hpp"
#include "page_cache.hpp"
#include "readings.hpp"
#include "scoring.hpp"

#include <docextract/pipeline.hpp>

#include <iosfwd>
#include <vector>

namespace docextract::eval {

/// How to run the pipeline over the samples.
struct RunOptions {
    int jobs = 1;                     ///< Worker threads, each with its own Pipeline.
    float threshold = -1.0F;          ///< Review threshold of the pipelines; < 0: the field model's.
    std::ostream* progress = nullptr; ///< Where to print one line per finished document (none when null).
    PipelineOptions pipeline;         ///< Settings of every pipeline (review_threshold is set from threshold).
    const PageCache* cache = nullptr; ///< Recognised pages to reuse and fill (none when null).
};

/// Runs the pipeline on every sample and scores the results, in sample order. Throws docextract::Error when a
/// pipeline cannot be created (for example, no Tesseract language data).
[[nodiscard]] std::vector<DocumentOutcome> run_samples(const std::vector<Sample>& samples, const RunOptions& options);

/// The fields of a document from its cached readings: the extractor's choice from the pool of the readings the
/// pipeline would use (pipeline_readings()), as the pipeline makes it. The result's OCR timings are the passes used.
[[nodiscard]] ExtractionResult extract_cached(const Sample& sample, const CacheEntry& cached,
                                              const FieldExtractor& rules, float threshold, ReadingChoice choice = {});

/// Whether a PDF carries an embedded e-invoice (its fields then come from the XML, and the cache is not used).
[[nodiscard]] bool has_embedded_invoice(const std::filesystem::path& path, const PipelineOptions& options);

/// Makes Tesseract single-threaded in this process (OMP_THREAD_LIMIT=1), re-executing the program when the
/// variable was not set yet: with several workers, OpenMP threads would only compete for the cores.
void limit_openmp_threads();

} // namespace docextract::eval
