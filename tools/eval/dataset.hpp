// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace docextract::eval {

/// One labelled document: the file and its ground truth.
struct Sample {
    std::filesystem::path document;                             ///< The PDF or image.
    std::string stem;                                           ///< File name without extension.
    std::map<std::string, std::string> truth;                   ///< Field name -> expected value (<stem>.json).
    std::map<std::string, std::vector<std::string>> alternates; ///< Further accepted values (manifest date_alt).
};

/// Every document in dir (PDF, PNG, JPEG, TIFF) that has a sibling <stem>.json, sorted by name. Non-string
/// values in the JSON are ignored; manifest.jsonl (when present) adds "date_alt" as an accepted date.
/// Throws std::runtime_error when dir cannot be read or a label file is not valid JSON.
[[nodiscard]] std::vector<Sample> find_samples(const std::filesystem::path& dir);

} // namespace docextract::eval
