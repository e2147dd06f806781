// SPDX-License-Identifier: MIT
#pragma once

// Field accuracy of the benchmark's outputs (docextract and the baseline), scored with docextract-eval's rules, so
// that the throughput figures come with the accuracy they were bought at.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace docextract::bench {

/// Counts of one field over the documents of one output.
struct FieldScore {
    int labelled = 0; ///< Documents whose ground truth has the field.
    int emitted = 0;  ///< ...of which the output has a value.
    int correct = 0;  ///< ...of which the value matches (docextract-eval's matching rules).
    [[nodiscard]] double f1() const noexcept;
};

/// Ground truth of the benchmarked documents: the <stem>.json files next to them (docs/evaluation.md).
class Truth {
public:
    /// Reads the labels of every folder among `inputs` (and of the folders of the files named); none is fine.
    explicit Truth(const std::vector<std::string>& inputs);
    /// True when at least one of `files` has a label file.
    [[nodiscard]] bool covers_any(const std::vector<std::filesystem::path>& files) const;
    /// Scores a JSON Lines output (one object per document with "filename" and "fields": {name: {"value"}}) against
    /// the labels of `files` only; a document missing from the output counts as all fields missing.
    [[nodiscard]] std::map<std::string, FieldScore> score(const std::filesystem::path& jsonl,
                                                          const std::vector<std::filesystem::path>& files) const;

private:
    struct Labels {
        std::map<std::string, std::string> truth;
        std::map<std::string, std::vector<std::string>> alternates;
    };
    std::map<std::string, Labels> by_stem_; ///< Key: the document's absolute path without extension.
};

} // namespace docextract::bench
