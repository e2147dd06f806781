// SPDX-License-Identifier: MIT
#include "dataset.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <fstream>
#include <stdexcept>

namespace docextract::eval {

namespace {

bool is_document(const std::filesystem::path& p) {
    static constexpr std::array<std::string_view, 6> extensions{".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff"};
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

nlohmann::json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    if (!in) {
        throw std::runtime_error("cannot read " + p.string());
    }
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(p.string() + ": " + e.what());
    }
}

/// date_alt per stem from manifest.jsonl (one JSON object per line with "stem" or "file").
std::map<std::string, std::string> manifest_alternate_dates(const std::filesystem::path& dir) {
    std::map<std::string, std::string> out;
    std::ifstream in(dir / "manifest.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("date_alt") || !j["date_alt"].is_string()) {
            continue;
        }
        std::string stem;
        if (j.contains("stem") && j["stem"].is_string()) {
            stem = j["stem"].get<std::string>();
        } else if (j.contains("file") && j["file"].is_string()) {
            stem = std::filesystem::path(j["file"].get<std::string>()).stem().string();
        }
        if (!stem.empty()) {
            out[stem] = j["date_alt"].get<std::string>();
        }
    }
    return out;
}

} // namespace

std::vector<Sample> find_samples(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    if (ec) {
        throw std::runtime_error("cannot read directory " + dir.string() + ": " + ec.message());
    }
    const auto alternates = manifest_alternate_dates(dir);
    std::vector<Sample> samples;
    for (const auto& entry : it) {
        if (!entry.is_regular_file() || !is_document(entry.path())) {
            continue;
        }
        const auto labels = entry.path().parent_path() / (entry.path().stem().string() + ".json");
        if (!std::filesystem::exists(labels)) {
            continue;
        }
        Sample s;
        s.document = entry.path();
        s.stem = entry.path().stem().string();
        const auto j = read_json(labels);
        if (!j.is_object()) {
            throw std::runtime_error(labels.string() + ": not a JSON object");
        }
        for (const auto& [key, value] : j.items()) {
            if (value.is_string()) {
                s.truth[key] = value.get<std::string>();
            }
        }
        if (const auto alt = alternates.find(s.stem); alt != alternates.end() && s.truth.count("date") > 0) {
            s.alternates["date"].push_back(alt->second);
        }
        samples.push_back(std::move(s));
    }
    std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.document < b.document; });
    return samples;
}

} // namespace docextract::eval
