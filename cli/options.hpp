// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/pipeline.hpp>

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace docextract::cli {

/// Everything the command line sets.
struct CliOptions {
    std::vector<std::string> inputs;      ///< Files and folders, in the order given.
    bool json = false;                    ///< --json: JSON instead of the human-readable table.
    bool jsonl = false;                   ///< --jsonl: one JSON object per line, even for one document.
    bool pretty = false;                  ///< --pretty: indent a single JSON object.
    bool csv = false;                     ///< --csv: one CSV row per document (docextract/csv.hpp columns).
    bool recursive = false;               ///< -r: descend into sub-folders.
    unsigned jobs = 0;                    ///< -j: worker threads; 0 means one per hardware thread.
    std::string preview;                  ///< --preview: PNG file for the cleaned first page.
    std::string model;                    ///< --model: a field model file instead of the shipped one.
    docextract::PipelineOptions pipeline; ///< Everything passed on to the Pipeline.
};

/// Declares every option and flag of docextract on `app`, writing into `options`.
void setup(CLI::App& app, CliOptions& options);

/// The text printed by --version.
[[nodiscard]] std::string version_text();

} // namespace docextract::cli
