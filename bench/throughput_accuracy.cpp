// SPDX-License-Identifier: MIT
#include "throughput_accuracy.hpp"

#include "dataset.hpp"
#include "matching.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>

namespace docextract::bench {
namespace {

namespace fs = std::filesystem;

std::string key_of(const fs::path& document) {
    return (fs::absolute(document).parent_path() / document.stem()).string();
}

} // namespace

double FieldScore::f1() const noexcept {
    if (correct == 0) {
        return 0.0;
    }
    const double precision = static_cast<double>(correct) / emitted;
    const double recall = static_cast<double>(correct) / labelled;
    return 2.0 * precision * recall / (precision + recall);
}

Truth::Truth(const std::vector<std::string>& inputs) {
    std::set<fs::path> folders;
    for (const std::string& input : inputs) {
        const fs::path path = fs::absolute(input);
        folders.insert(fs::is_directory(path) ? path : path.parent_path());
    }
    for (const fs::path& folder : folders) {
        for (const eval::Sample& sample : eval::find_samples(folder)) {
            by_stem_[key_of(sample.document)] = Labels{sample.truth, sample.alternates};
        }
    }
}

bool Truth::covers_any(const std::vector<fs::path>& files) const {
    for (const fs::path& file : files) {
        if (by_stem_.count(key_of(file)) != 0) {
            return true;
        }
    }
    return false;
}

std::map<std::string, FieldScore> Truth::score(const fs::path& jsonl, const std::vector<fs::path>& files) const {
    // The outputs name documents by path (docextract) or by file name (the baseline): match on the stem.
    std::map<std::string, nlohmann::json> outputs;
    std::ifstream in(jsonl);
    std::string line;
    while (std::getline(in, line)) {
        const nlohmann::json document = nlohmann::json::parse(line, nullptr, false);
        if (document.is_object() && document.contains("filename") && document["filename"].is_string()) {
            outputs[fs::path(document["filename"].get<std::string>()).stem().string()] = document;
        }
    }
    std::map<std::string, FieldScore> scores;
    for (const fs::path& file : files) {
        const auto labels = by_stem_.find(key_of(file));
        if (labels == by_stem_.end()) {
            continue;
        }
        const auto output = outputs.find(file.stem().string());
        for (const auto& [field, expected] : labels->second.truth) {
            FieldScore& score = scores[field];
            ++score.labelled;
            if (output == outputs.end() || !output->second.contains("fields")) {
                continue;
            }
            const nlohmann::json& fields = output->second["fields"];
            const auto value = fields.find(field);
            if (value == fields.end() || !value->is_object() || !value->contains("value") ||
                !(*value)["value"].is_string()) {
                continue;
            }
            ++score.emitted;
            const auto alternates = labels->second.alternates.find(field);
            static const std::vector<std::string> none;
            if (eval::matches_any(field, expected,
                                  alternates == labels->second.alternates.end() ? none : alternates->second,
                                  (*value)["value"].get<std::string>())) {
                ++score.correct;
            }
        }
    }
    return scores;
}

} // namespace docextract::bench
