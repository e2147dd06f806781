// SPDX-License-Identifier: MIT
#include "throughput_stats.hpp"

#include <docextract/fields.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <string>

namespace docextract::bench {
namespace {

using Json = nlohmann::json;

double number(const Json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

void add(StageSamples& samples, Stage stage, double ms) {
    samples.per_page[static_cast<std::size_t>(stage)].push_back(ms);
}

void read_document(const Json& document, StageSamples& samples) {
    ++samples.documents;
    if (document.contains("error")) {
        ++samples.failed;
        return;
    }
    if (const auto fields = document.find("fields"); fields != document.end() && fields->is_object()) {
        for (const std::string_view name : core_field_names) {
            const auto field = fields->find(std::string(name));
            if (field != fields->end() && field->is_object() && field->contains("value") &&
                !(*field)["value"].is_null()) {
                ++samples.fields_found;
            }
        }
    }
    std::size_t ocr_pages = 0;
    const Json& pages = document.contains("pages") ? document["pages"] : Json::array();
    for (const Json& page : pages) {
        const auto preprocess = page.find("preprocess");
        if (preprocess == page.end() || !preprocess->is_object()) {
            ++samples.text_pages;
            continue;
        }
        ++ocr_pages;
        const Json& steps = (*preprocess)["timings_ms"];
        add(samples, Stage::grayscale, number(steps, "grayscale"));
        add(samples, Stage::upscale, number(steps, "upscale"));
        add(samples, Stage::denoise, number(steps, "denoise"));
        add(samples, Stage::deskew, number(steps, "deskew"));
        add(samples, Stage::threshold, number(steps, "threshold"));
    }
    samples.ocr_pages += ocr_pages;
    if (ocr_pages == 0) {
        return;
    }
    const Json& timings = document["timings_ms"];
    const double load = number(timings, "load");
    const double preprocess = number(timings, "preprocess");
    const double ocr = number(timings, "ocr");
    const double extract = number(timings, "extract");
    const double total = number(timings, "total");
    const double other = std::max(0.0, total - load - preprocess - ocr - extract);
    const auto n = static_cast<double>(ocr_pages);
    for (std::size_t i = 0; i < ocr_pages; ++i) {
        add(samples, Stage::load, load / n);
        add(samples, Stage::ocr, ocr / n);
        add(samples, Stage::extract, extract / n);
        add(samples, Stage::other, other / n);
        add(samples, Stage::total, total / n);
    }
}

} // namespace

std::string_view stage_name(Stage stage) noexcept {
    switch (stage) {
    case Stage::load:
        return "load/render";
    case Stage::grayscale:
        return "1 grayscale";
    case Stage::upscale:
        return "2 rescale";
    case Stage::denoise:
        return "3 denoise";
    case Stage::deskew:
        return "4 deskew";
    case Stage::threshold:
        return "5 threshold";
    case Stage::ocr:
        return "ocr (tesseract)";
    case Stage::extract:
        return "extraction";
    case Stage::other:
        return "other";
    case Stage::total:
        return "total";
    }
    return "?";
}

double StageSamples::sum(Stage stage) const {
    double total = 0;
    for (const double value : per_page[static_cast<std::size_t>(stage)]) {
        total += value;
    }
    return total;
}

StageSamples read_stage_samples(const std::filesystem::path& jsonl) {
    std::ifstream in(jsonl);
    if (!in) {
        throw std::runtime_error("cannot read " + jsonl.string());
    }
    StageSamples samples;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) {
            continue;
        }
        const Json document = Json::parse(line, nullptr, false);
        if (document.is_discarded() || !document.is_object()) {
            throw std::runtime_error("not a JSON object in " + jsonl.string() + ": " + line.substr(0, 80));
        }
        read_document(document, samples);
    }
    return samples;
}

double quantile(std::vector<double> values, double q) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const double position = std::clamp(q, 0.0, 1.0) * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    const double fraction = position - static_cast<double>(below);
    return values[below] + (values[above] - values[below]) * fraction;
}

} // namespace docextract::bench
