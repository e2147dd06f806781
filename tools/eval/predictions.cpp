// SPDX-License-Identifier: MIT
#include "predictions.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>

namespace docextract::eval {

namespace {

std::optional<ReviewReason> reason_named(const std::string& name) {
    for (int r = static_cast<int>(ReviewReason::not_found); r <= static_cast<int>(ReviewReason::implausible_value);
         ++r) {
        const auto reason = static_cast<ReviewReason>(r);
        if (to_string(reason) == name) {
            return reason;
        }
    }
    return std::nullopt;
}

} // namespace

std::map<std::string, ExtractionResult> load_predictions(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) {
        throw std::runtime_error("cannot read " + file.string());
    }
    std::map<std::string, ExtractionResult> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        const auto j = nlohmann::json::parse(line);
        ExtractionResult result;
        result.filename = std::filesystem::path(j.at("filename").get<std::string>()).filename().string();
        if (j.contains("error")) {
            result.error = j.at("error").is_string() ? j.at("error").get<std::string>() : j.at("error").dump();
        }
        if (j.contains("fields") && j.at("fields").is_object()) {
            for (const auto& [name, f] : j.at("fields").items()) {
                Field field;
                field.name = name;
                if (f.contains("value") && f.at("value").is_string()) {
                    field.value = f.at("value").get<std::string>();
                }
                field.confidence = f.value("confidence", 0.0F);
                field.needs_review = f.value("needs_review", true);
                if (f.contains("reasons") && f.at("reasons").is_array()) {
                    for (const auto& r : f.at("reasons")) {
                        if (const auto reason = r.is_string() ? reason_named(r.get<std::string>()) : std::nullopt) {
                            field.reasons.push_back(*reason);
                        }
                    }
                }
                result.fields.push_back(std::move(field));
            }
        }
        out[result.filename] = std::move(result);
    }
    return out;
}

} // namespace docextract::eval
