// SPDX-License-Identifier: MIT
#include "throughput_recall.hpp"

#include "dataset.hpp"
#include "page_cache.hpp"
#include "reading_flags.hpp"
#include "runner.hpp"
#include "value_recall.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <iostream>
#include <set>

namespace docextract::bench {

namespace fs = std::filesystem;

namespace {

/// The labelled samples of the folders of `files`, only those among `files`, in the order of `files`.
std::vector<eval::Sample> labelled_samples(const std::vector<fs::path>& files) {
    std::set<fs::path> folders;
    for (const fs::path& file : files) {
        folders.insert(file.parent_path());
    }
    std::vector<eval::Sample> all;
    for (const fs::path& folder : folders) {
        std::vector<eval::Sample> found = eval::find_samples(folder);
        all.insert(all.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
    }
    std::vector<eval::Sample> samples;
    for (const fs::path& file : files) {
        const auto sample = std::find_if(all.begin(), all.end(),
                                         [&](const eval::Sample& s) { return fs::absolute(s.document) == file; });
        if (sample != all.end()) {
            samples.push_back(*sample);
        }
    }
    return samples;
}

} // namespace

void print_value_recall(const std::vector<fs::path>& files, const std::vector<std::string>& docextract_args,
                        unsigned jobs, const fs::path& work) {
    const std::vector<eval::Sample> samples = labelled_samples(files);
    if (samples.empty()) {
        return;
    }
    eval::RunOptions run;
    run.jobs = static_cast<int>(std::max(jobs, 1U));
    CLI::App flags;
    flags.allow_extras();
    eval::add_reading_flags(flags, run.pipeline);
    std::vector<std::string> reversed(docextract_args.rbegin(), docextract_args.rend()); // CLI11 parses from the back
    flags.parse(reversed);
    const std::vector<std::string> ignored = flags.remaining();

    fmt::print(stderr, "reading the {} labelled documents once more for value recall (not timed)...\n", samples.size());
    const eval::PageCache cache(work / "words", eval::cache_setup(run.pipeline));
    run.cache = &cache;
    (void)eval::run_samples(samples, run);

    fmt::print("\nValue recall of these documents (docextract-eval's rules; read once more in this process, every pass "
               "made, not timed)\n");
    if (!ignored.empty()) {
        fmt::print("  --docextract-arg left out here (no reading flag of docextract-eval): {}\n",
                   fmt::join(ignored, " "));
    }
    eval::write_value_recall(std::cout, eval::value_recall(samples, cache));
}

} // namespace docextract::bench
