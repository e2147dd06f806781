// SPDX-License-Identifier: MIT
#pragma once
// The command-line flags that change the words read from a page (and so the word cache's key), shared by
// docextract-eval and docextract-train so that both name the same readings the same way.
#include <docextract/pipeline.hpp>

#include <CLI/CLI.hpp>

namespace docextract::eval {

/// Adds --lang, --no-language-models, --digit-alternatives, --min-text-height and --no-despeckle, which set
/// `pipeline` as the CLI's flags of the same names do.
void add_reading_flags(CLI::App& app, PipelineOptions& pipeline);

} // namespace docextract::eval
