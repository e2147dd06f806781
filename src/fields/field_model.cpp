// SPDX-License-Identifier: MIT
#include "fields/features.hpp"

#include <docextract/error.hpp>
#include <docextract/field_model.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace docextract {

namespace detail {
std::string_view shipped_model_json() noexcept; // generated from data/model/fields.json
} // namespace detail

namespace {

using nlohmann::json;

[[noreturn]] void bad_model(const std::string& what) {
    throw Error(ErrorCode::invalid_argument, "field model: " + what);
}

std::vector<double> read_weights(const json& object, std::span<const std::string_view> names,
                                 const std::string& where) {
    std::vector<double> weights(names.size(), 0.0);
    if (!object.is_object()) {
        bad_model(where + " is not an object");
    }
    for (const auto& [name, value] : object.items()) {
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) {
            bad_model(where + " names an unknown feature '" + name + "'");
        }
        if (!value.is_number() || !std::isfinite(value.get<double>())) {
            bad_model(where + "." + name + " is not a finite number");
        }
        weights[static_cast<std::size_t>(it - names.begin())] = value.get<double>();
    }
    return weights;
}

json write_weights(const std::vector<double>& weights, std::span<const std::string_view> names) {
    json out = json::object();
    for (std::size_t i = 0; i < names.size() && i < weights.size(); ++i) {
        if (weights[i] != 0.0) {
            out[std::string(names[i])] = std::round(weights[i] * 1e6) / 1e6;
        }
    }
    return out;
}

double number_or(const json& object, const char* key, double fallback) {
    const auto it = object.find(key);
    if (it == object.end()) {
        return fallback;
    }
    if (!it->is_number()) {
        bad_model(std::string(key) + " is not a number");
    }
    return it->get<double>();
}

} // namespace

std::span<const std::string_view> candidate_feature_names() noexcept {
    return detail::all_feature_names();
}

std::span<const std::string_view> none_feature_names() noexcept {
    return detail::all_none_feature_names();
}

FieldModel parse_field_model(std::string_view text) {
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) {
        bad_model(std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_object() || !doc.contains("fields") || !doc["fields"].is_object()) {
        bad_model("needs an object with \"fields\"");
    }
    FieldModel model;
    model.version = doc.value("version", std::string());
    model.fitted_on = doc.value("fitted_on", std::string());
    const double threshold = number_or(doc, "review_threshold", 0.85);
    if (!(threshold >= 0.0 && threshold <= 1.0)) {
        bad_model("review_threshold must be within 0..1");
    }
    model.review_threshold = static_cast<float>(threshold);
    for (const auto& [name, field] : doc["fields"].items()) {
        if (!field.is_object()) {
            bad_model("fields." + name + " is not an object");
        }
        FieldWeights w;
        w.weights = read_weights(field.value("weights", json::object()), candidate_feature_names(),
                                 "fields." + name + ".weights");
        w.none_weights =
            read_weights(field.value("none", json::object()), none_feature_names(), "fields." + name + ".none");
        const json calibration = field.value("calibration", json::object());
        w.calibration.slope = number_or(calibration, "slope", 1.0);
        w.calibration.offset = number_or(calibration, "offset", 0.0);
        w.calibration.noise = number_or(calibration, "noise", 0.0);
        model.fields.emplace(name, std::move(w));
    }
    return model;
}

FieldModel load_field_model(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorCode::io_error, "cannot read field model " + path.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_field_model(text.str());
}

std::string field_model_to_json(const FieldModel& model) {
    json doc;
    doc["version"] = model.version;
    doc["fitted_on"] = model.fitted_on;
    doc["review_threshold"] = std::round(static_cast<double>(model.review_threshold) * 1e4) / 1e4;
    json fields = json::object();
    for (const auto& [name, w] : model.fields) {
        json field;
        field["weights"] = write_weights(w.weights, candidate_feature_names());
        field["none"] = write_weights(w.none_weights, none_feature_names());
        field["calibration"] = {{"slope", std::round(w.calibration.slope * 1e6) / 1e6},
                                {"offset", std::round(w.calibration.offset * 1e6) / 1e6},
                                {"noise", std::round(w.calibration.noise * 1e6) / 1e6}};
        fields[name] = std::move(field);
    }
    doc["fields"] = std::move(fields);
    return doc.dump(2) + "\n";
}

std::shared_ptr<const FieldModel> shipped_field_model() {
    static const std::shared_ptr<const FieldModel> model =
        std::make_shared<const FieldModel>(parse_field_model(detail::shipped_model_json()));
    return model;
}

FieldScores score_candidates(FieldCandidates& candidates, const FieldWeights& weights) {
    FieldScores out;
    double none = 0;
    for (std::size_t i = 0; i < candidates.none_features.size() && i < weights.none_weights.size(); ++i) {
        none += static_cast<double>(candidates.none_features[i]) * weights.none_weights[i];
    }
    double top = none;
    for (auto& c : candidates.all) {
        double s = 0;
        for (std::size_t i = 0; i < c.features.size() && i < weights.weights.size(); ++i) {
            s += static_cast<double>(c.features[i]) * weights.weights[i];
        }
        c.score = s;
        top = std::max(top, s);
    }
    // Softmax over the candidates and "no value"; the candidates of one value add up.
    double total = std::exp(none - top);
    std::map<std::string, std::size_t> index_of;
    for (std::size_t i = 0; i < candidates.all.size(); ++i) {
        const auto& c = candidates.all[i];
        const double m = std::exp(c.score - top);
        total += m;
        const auto [it, fresh] = index_of.emplace(c.value, out.values.size());
        if (fresh) {
            out.values.push_back({c.value, 0.0, i});
        }
        ValueProbability& v = out.values[it->second];
        v.probability += m;
        if (c.score > candidates.all[v.best].score) {
            v.best = i;
        }
    }
    for (auto& v : out.values) {
        v.probability /= total;
    }
    out.none = std::exp(none - top) / total;
    std::stable_sort(out.values.begin(), out.values.end(), [](const ValueProbability& a, const ValueProbability& b) {
        return a.probability > b.probability;
    });
    return out;
}

float calibrate(double probability, const Calibration& calibration, double page_noise) noexcept {
    constexpr double edge = 1e-6;
    const double p = std::clamp(probability, edge, 1.0 - edge);
    const double z = calibration.slope * std::log(p / (1.0 - p)) + calibration.offset + calibration.noise * page_noise;
    return static_cast<float>(1.0 / (1.0 + std::exp(-z)));
}

} // namespace docextract
