// SPDX-License-Identifier: MIT
#include <docextract/field_model.hpp>
#include <docextract/json.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace docextract {
namespace {

using Json = nlohmann::ordered_json;

/// Rounds to a fixed number of decimals so the output is short and stable.
double round_to(double value, int decimals) {
    if (!std::isfinite(value)) {
        return 0.0;
    }
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

double confidence_value(float confidence) {
    return round_to(std::clamp(static_cast<double>(confidence), 0.0, 1.0), 3);
}

Json box_json(const Box& box) {
    Json json;
    json["x"] = box.x;
    json["y"] = box.y;
    json["width"] = box.width;
    json["height"] = box.height;
    return json;
}

Json field_json(const Field& field, bool details) {
    Json json;
    json["value"] = field.value ? Json(*field.value) : Json(nullptr);
    json["confidence"] = confidence_value(field.confidence);
    json["needs_review"] = field.needs_review;
    if (!details) {
        return json;
    }
    Json reasons = Json::array();
    for (const ReviewReason reason : field.reasons) {
        reasons.push_back(std::string(to_string(reason)));
    }
    json["reasons"] = std::move(reasons);
    json["page"] = field.page >= 0 ? Json(field.page) : Json(nullptr);
    json["box"] = field.box ? box_json(*field.box) : Json(nullptr);
    json["source"] = std::string(to_string(field.source));
    json["raw_text"] = field.raw_text;
    if (field.memory) {
        const MemoryEffect& m = *field.memory;
        json["vendor_memory"] = {{"vendor", m.vendor},
                                 {"evidence", m.evidence},
                                 {"value_without", m.value_without ? Json(*m.value_without) : Json(nullptr)},
                                 {"confidence_without", confidence_value(m.confidence_without)},
                                 {"needs_review_without", m.needs_review_without}};
    }
    return json;
}

Json place_json(const FieldPlace& place) {
    Json out = {{"field", place.field}, {"value", place.value},      {"label", place.label},
                {"page", place.page},   {"x", round_to(place.x, 4)}, {"y", round_to(place.y, 4)}};
    if (!place.order.empty()) {
        out["order"] = place.order;
    }
    return out;
}

Json traits_json(const DocumentTraits& traits) {
    Json places = Json::array();
    for (const FieldPlace& place : traits.places) {
        places.push_back(place_json(place));
    }
    return {{"names", traits.names},
            {"tax_ids", traits.tax_ids},
            {"email_domains", traits.email_domains},
            {"places", std::move(places)}};
}

Json milliseconds(double ms) {
    return round_to(ms, 2);
}

Json preprocess_json(const PreprocessReport& report) {
    Json json;
    json["scale"] = round_to(report.scale, 4);
    json["skew_degrees"] = round_to(report.skew_degrees, 2);
    json["skew_corrected"] = report.skew_corrected;
    json["page_found"] = report.page_found;
    json["text_height"] = round_to(report.text_height, 1);
    json["dots_removed"] = report.dots_removed;
    json["denoised"] = report.denoised;
    json["thresholded"] = report.thresholded;
    Json timings;
    timings["grayscale"] = milliseconds(report.grayscale_ms);
    timings["upscale"] = milliseconds(report.upscale_ms);
    timings["denoise"] = milliseconds(report.denoise_ms);
    timings["deskew"] = milliseconds(report.deskew_ms);
    timings["threshold"] = milliseconds(report.threshold_ms);
    json["timings_ms"] = std::move(timings);
    return json;
}

Json page_json(const PageReport& page) {
    Json json;
    json["index"] = page.index;
    json["source"] = std::string(to_string(page.source));
    json["width"] = page.width;
    json["height"] = page.height;
    json["words"] = page.words;
    json["image_words"] = page.image_words;
    json["missed_words"] = page.missed_words;
    json["reread_lines"] = page.reread_lines;
    json["second_reading"] = page.second_reading;
    json["ocr_language"] = page.ocr_language.empty() ? Json(nullptr) : Json(page.ocr_language);
    json["line_finder"] = page.line_finder.empty() ? Json(nullptr) : Json(page.line_finder);
    json["preprocess"] = page.preprocess ? preprocess_json(*page.preprocess) : Json(nullptr);
    return json;
}

Json timings_json(const StageTimings& timings) {
    Json json;
    json["load"] = milliseconds(timings.load_ms);
    json["preprocess"] = milliseconds(timings.preprocess_ms);
    json["ocr"] = milliseconds(timings.ocr_ms);
    Json passes;
    passes["page"] = milliseconds(timings.ocr_page_ms);
    passes["missed_text"] = milliseconds(timings.ocr_missed_text_ms);
    passes["line"] = milliseconds(timings.ocr_line_ms);
    passes["second_reading"] = milliseconds(timings.ocr_second_ms);
    json["ocr_passes"] = std::move(passes);
    json["extract"] = milliseconds(timings.extract_ms);
    json["total"] = milliseconds(timings.total_ms);
    return json;
}

/// Candidates shown per field in an explanation.
constexpr std::size_t explained_candidates = 5;

/// One field's best candidates: value, where it was read, score and its non-zero features.
Json explanation_json(const FieldCandidates& pool) {
    std::vector<const FieldCandidate*> order;
    for (const auto& c : pool.all) {
        order.push_back(&c);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const FieldCandidate* a, const FieldCandidate* b) { return a->score > b->score; });
    Json out = Json::array();
    const auto names = candidate_feature_names();
    for (std::size_t i = 0; i < order.size() && i < explained_candidates; ++i) {
        const FieldCandidate& c = *order[i];
        Json features = Json::object();
        for (std::size_t f = 0; f < c.features.size() && f < names.size(); ++f) {
            if (c.features[f] != 0.0F) {
                features[std::string(names[f])] = c.features[f];
            }
        }
        out.push_back({{"value", c.value},
                       {"raw_text", c.raw_text},
                       {"page", c.page},
                       {"reading", c.reading},
                       {"score", c.score},
                       {"features", std::move(features)}});
    }
    return out;
}

Json result_json(const ExtractionResult& result, bool details) {
    Json json;
    json["schema_version"] = json_schema_version;
    json["filename"] = result.filename;
    if (result.error) {
        json["error"] = *result.error;
        json["error_code"] = result.error_code ? std::string(to_string(*result.error_code)) : std::string("unknown");
        return json;
    }
    Json fields = Json::object();
    for (const Field& field : result.fields) {
        fields[field.name] = field_json(field, details);
    }
    json["fields"] = std::move(fields);
    json["needs_review"] = result.needs_review;
    json["summary"] = result.summary;
    json["raw_text_preview"] = result.raw_text_preview;
    json["field_model"] = result.field_model;
    if (!result.explanation.empty()) {
        Json explanation = Json::object();
        for (const auto& pool : result.explanation) {
            explanation[pool.field] = explanation_json(pool);
        }
        json["explanation"] = std::move(explanation);
    }
    if (result.traits) {
        json["document_traits"] = traits_json(*result.traits);
    }
    if (details) {
        Json pages = Json::array();
        for (const PageReport& page : result.pages) {
            pages.push_back(page_json(page));
        }
        json["pages"] = std::move(pages);
        json["timings_ms"] = timings_json(result.timings);
    }
    return json;
}

} // namespace

std::string to_json(const ExtractionResult& result, const JsonOptions& options) {
    // Text from OCR or a PDF is expected to be UTF-8; a stray invalid byte becomes U+FFFD instead of an exception.
    return result_json(result, options.include_details)
        .dump(options.indent < 0 ? -1 : options.indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace docextract
