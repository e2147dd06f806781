// SPDX-License-Identifier: MIT
#include "result_patch.hpp"

#include <docextract/field_values.hpp>
#include <docextract/fields.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <set>

namespace docextract::service {
namespace {

std::string field_name(const std::string& name) {
    if (!docextract::is_known_field(name)) {
        throw PatchError(422, name, "unknown field '" + name + "'");
    }
    return name;
}

nlohmann::json empty_field() {
    return nlohmann::json{
        {"value", nullptr}, {"confidence", 0.0}, {"needs_review", true}, {"reasons", nlohmann::json::array()},
        {"page", nullptr},  {"box", nullptr},    {"source", "none"},     {"raw_text", ""}};
}

/// Marks `field` settled by a person, keeping the machine's first value as extracted_value.
void settle(nlohmann::json& field, const nlohmann::json& value, const std::string& reviewed_at) {
    if (!field.contains("extracted_value")) {
        field["extracted_value"] = field.value("value", nlohmann::json());
    }
    field["value"] = value;
    field["confidence"] = 1.0;
    field["needs_review"] = false;
    field["reasons"] = nlohmann::json::array();
    field["source"] = "review";
    field["reviewed_at"] = reviewed_at;
}

std::string summary_line(const nlohmann::json& fields) {
    int confident = 0;
    for (std::string_view name : docextract::core_field_names) {
        const auto it = fields.find(std::string(name));
        if (it != fields.end() && it->is_object() && it->contains("value") && !it->at("value").is_null() &&
            !it->value("needs_review", true)) {
            ++confident;
        }
    }
    return std::to_string(confident) + " of " + std::to_string(docextract::core_field_names.size()) +
           " fields extracted confidently.";
}

} // namespace

ResultPatch parse_result_patch(std::string_view body) {
    const nlohmann::json request = nlohmann::json::parse(body, nullptr, false);
    if (!request.is_object()) {
        throw PatchError(400, {}, "the body must be a JSON object: {\"fields\": {...}, \"confirm\": [...]}");
    }
    for (const auto& [key, ignored] : request.items()) {
        if (key != "fields" && key != "confirm") {
            throw PatchError(400, {}, "unknown key '" + key + "' (expected \"fields\" and/or \"confirm\")");
        }
    }
    ResultPatch patch;
    if (request.contains("fields")) {
        const nlohmann::json& fields = request.at("fields");
        if (!fields.is_object()) {
            throw PatchError(400, {}, "\"fields\" must be an object of field name to value");
        }
        for (const auto& [key, value] : fields.items()) {
            const std::string name = field_name(key);
            if (value.is_null()) {
                patch.set[name] = std::nullopt;
                continue;
            }
            if (!value.is_string()) {
                throw PatchError(422, name, "field '" + name + "': the value must be a string or null");
            }
            const docextract::FieldValueCheck check = docextract::normalize_field_value(name, value.get<std::string>());
            if (!check.value) {
                throw PatchError(422, name, "field '" + name + "': " + check.problem);
            }
            patch.set[name] = *check.value;
        }
    }
    if (request.contains("confirm")) {
        const nlohmann::json& confirm = request.at("confirm");
        if (!confirm.is_array()) {
            throw PatchError(400, {}, "\"confirm\" must be an array of field names");
        }
        for (const nlohmann::json& entry : confirm) {
            if (!entry.is_string()) {
                throw PatchError(400, {}, "\"confirm\" must be an array of field names");
            }
            const std::string name = field_name(entry.get<std::string>());
            if (patch.set.contains(name)) {
                throw PatchError(422, name, "field '" + name + "' is both set and confirmed");
            }
            patch.confirm.push_back(name);
        }
    }
    if (patch.set.empty() && patch.confirm.empty()) {
        throw PatchError(400, {}, "nothing to change: give \"fields\" or \"confirm\"");
    }
    return patch;
}

ResultEdit apply_result_patch(const StoredJob& job, const ResultPatch& patch, const std::string& reviewed_at) {
    nlohmann::json result = nlohmann::json::parse(job.result_json, nullptr, false);
    if (!result.is_object() || !result.contains("fields") || !result.at("fields").is_object()) {
        throw PatchError(409, {}, "the stored result has no fields to correct");
    }
    nlohmann::json& fields = result["fields"];
    ResultEdit edit;
    std::set<std::string> settled;
    for (const auto& [name, value] : patch.set) {
        if (!fields.contains(name)) {
            fields[name] = empty_field();
        }
        nlohmann::json& field = fields[name];
        const nlohmann::json new_value = value ? nlohmann::json(*value) : nlohmann::json();
        settle(field, new_value, reviewed_at);
        edit.corrections.push_back(Correction{.field = name,
                                              .action = "set",
                                              .extracted_value = field.at("extracted_value").dump(),
                                              .value = new_value.dump(),
                                              .vendor = {}});
        settled.insert(name);
    }
    for (const std::string& name : patch.confirm) {
        if (!fields.contains(name)) {
            throw PatchError(422, name, "field '" + name + "' is not in the result; set it instead");
        }
        nlohmann::json& field = fields[name];
        const nlohmann::json value = field.value("value", nlohmann::json());
        settle(field, value, reviewed_at);
        edit.corrections.push_back(Correction{.field = name,
                                              .action = "confirm",
                                              .extracted_value = field.at("extracted_value").dump(),
                                              .value = value.dump(),
                                              .vendor = {}});
        settled.insert(name);
    }
    for (const std::string& name : job.flagged) {
        if (!settled.contains(name)) {
            edit.flagged.push_back(name);
        }
    }
    nlohmann::json flagged = nlohmann::json::array();
    for (const std::string& name : edit.flagged) {
        flagged.push_back(name);
    }
    result["needs_review"] = flagged;
    result["summary"] = summary_line(fields);
    const auto vendor = fields.find("vendor");
    if (vendor != fields.end() && vendor->is_object() && vendor->contains("value") && vendor->at("value").is_string()) {
        edit.vendor = vendor->at("value").get<std::string>();
    }
    for (Correction& correction : edit.corrections) {
        correction.vendor = edit.vendor;
    }
    edit.result_json = result.dump();
    return edit;
}

std::string iso_time(std::int64_t unix_ms) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(unix_ms % 1000));
    return buffer;
}

} // namespace docextract::service
