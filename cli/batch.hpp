// SPDX-License-Identifier: MIT
#pragma once

#include "inputs.hpp"

#include <docextract/pipeline.hpp>

#include <cstddef>
#include <functional>
#include <vector>

namespace docextract::cli {

/// Receives each result, in input order.
using ResultSink = std::function<void(std::size_t index, ExtractionResult&& result)>;

/// Processes `files` with up to `workers` threads, each with its own Pipeline (`first` serves one of them; the
/// others are built from `options` in their threads). `sink` is called on the calling thread for every result in
/// input order, as soon as that result and all earlier ones are ready, so output streams while later documents
/// are still being read. A document's failure is its result's error; the batch always goes on.
void run_batch(const std::vector<InputFile>& files, const PipelineOptions& options, unsigned workers, Pipeline first,
               const ResultSink& sink);

} // namespace docextract::cli
