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
    std::string vendor_group;       ///< The manifest's vendor_group (receipts of one shop), empty when it has none.
    std::string template_name;      ///< The manifest's template (synthetic layouts), empty when it has none.
    bool missing_is_absent = false; ///< A key missing from the truth means the document does not show the value.
};

/// What cross-validation keeps together in one fold.
enum class GroupBy {
    vendor,   ///< vendor_group from the manifest, else the normalised vendor label, else the file.
    template_ ///< The synthetic template (layout), else as vendor.
};

/// The fold group of a sample.
[[nodiscard]] std::string group_of(const Sample& sample, GroupBy by);

/// Every document in dir (PDF, PNG, JPEG, TIFF) that has a sibling <stem>.json, sorted by name. Non-string
/// values in the JSON are ignored; manifest.jsonl (when present) adds "date_alt" as an accepted date, the
/// vendor_group and the template. A manifest with templates marks the synthetic convention (missing_is_absent).
/// Throws std::runtime_error when dir cannot be read or a label file is not valid JSON.
[[nodiscard]] std::vector<Sample> find_samples(const std::filesystem::path& dir);

} // namespace docextract::eval
