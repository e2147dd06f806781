// SPDX-License-Identifier: MIT
#include "dataset.hpp"

#include "matching.hpp"

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

/// What manifest.jsonl says of one document.
struct ManifestEntry {
    std::string date_alt;
    std::string vendor_group;
    std::string template_name;
};

std::string string_or_empty(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

/// Entries per stem from manifest.jsonl (one JSON object per line with "stem" or "file").
std::map<std::string, ManifestEntry> read_manifest(const std::filesystem::path& dir) {
    std::map<std::string, ManifestEntry> out;
    std::ifstream in(dir / "manifest.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) {
            continue;
        }
        std::string stem = string_or_empty(j, "stem");
        if (stem.empty() && j.contains("file") && j["file"].is_string()) {
            stem = std::filesystem::path(j["file"].get<std::string>()).stem().string();
        }
        if (!stem.empty()) {
            out[stem] = {string_or_empty(j, "date_alt"), string_or_empty(j, "vendor_group"),
                         string_or_empty(j, "template")};
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
    const auto manifest = read_manifest(dir);
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
        if (const auto listed = manifest.find(s.stem); listed != manifest.end()) {
            if (!listed->second.date_alt.empty() && s.truth.count("date") > 0) {
                s.alternates["date"].push_back(listed->second.date_alt);
            }
            s.vendor_group = listed->second.vendor_group;
            s.template_name = listed->second.template_name;
            s.missing_is_absent = !s.template_name.empty();
        }
        samples.push_back(std::move(s));
    }
    std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.document < b.document; });
    return samples;
}

std::string group_of(const Sample& sample, GroupBy by) {
    if (by == GroupBy::template_ && !sample.template_name.empty()) {
        return "template:" + sample.template_name;
    }
    if (!sample.vendor_group.empty()) {
        return "group:" + sample.vendor_group;
    }
    if (const auto vendor = sample.truth.find("vendor"); vendor != sample.truth.end()) {
        return "vendor:" + normalise_vendor(vendor->second);
    }
    return "file:" + sample.document.string();
}

} // namespace docextract::eval
