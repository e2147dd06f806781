// SPDX-License-Identifier: MIT
#include "vendor_records.hpp"

#include "job_store.hpp"

#include <nlohmann/json.hpp>

#include <map>

namespace docextract::service {
namespace {

using nlohmann::json;

std::vector<std::string> strings(const json& object, const char* key) {
    std::vector<std::string> out;
    const auto it = object.find(key);
    if (it != object.end() && it->is_array()) {
        for (const json& entry : *it) {
            if (entry.is_string()) {
                out.push_back(entry.get<std::string>());
            }
        }
    }
    return out;
}

docextract::FieldPlace place_of(const json& entry) {
    docextract::FieldPlace place;
    place.field = entry.value("field", std::string());
    place.value = entry.value("value", std::string());
    place.label = entry.value("label", std::string());
    place.page = entry.value("page", 0);
    place.x = entry.value("x", -1.0);
    place.y = entry.value("y", -1.0);
    place.order = entry.value("order", std::string());
    if (place.order != "day_first" && place.order != "month_first") {
        place.order.clear();
    }
    return place;
}

std::vector<docextract::FieldPlace> places_of(const json& array) {
    std::vector<docextract::FieldPlace> places;
    if (array.is_array()) {
        for (const json& entry : array) {
            if (entry.is_object()) {
                places.push_back(place_of(entry));
            }
        }
    }
    return places;
}

json places_json(const std::vector<docextract::FieldPlace>& places) {
    json out = json::array();
    for (const auto& p : places) {
        json place = {{"field", p.field}, {"value", p.value}, {"label", p.label},
                      {"page", p.page},   {"x", p.x},         {"y", p.y}};
        if (!p.order.empty()) {
            place["order"] = p.order;
        }
        out.push_back(std::move(place));
    }
    return out;
}

} // namespace

docextract::RememberedVendor vendor_of(const VendorRow& row) {
    docextract::RememberedVendor vendor;
    vendor.canonical_name = row.canonical_name;
    vendor.tax_ids = split_names(row.tax_ids);
    vendor.email_domains = split_names(row.email_domains);
    vendor.places = places_of(json::parse(row.places, nullptr, false));
    return vendor;
}

VendorRow merged_row(const std::optional<VendorRow>& existing, const docextract::RememberedVendor& learned,
                     std::int64_t now_ms) {
    const docextract::RememberedVendor vendor =
        existing ? docextract::merge_vendor(vendor_of(*existing), learned) : learned;
    VendorRow row;
    row.name_key = docextract::vendor_name_key(vendor.canonical_name);
    row.canonical_name = vendor.canonical_name;
    row.tax_ids = join_names(vendor.tax_ids);
    row.email_domains = join_names(vendor.email_domains);
    row.places = places_json(vendor.places).dump();
    row.corrections = (existing ? existing->corrections : 0) + 1;
    row.updated_ms = now_ms;
    return row;
}

std::optional<docextract::RememberedVendor> learned_vendor(std::string_view result_json) {
    const json result = json::parse(result_json, nullptr, false);
    if (!result.is_object() || !result.contains("fields") || !result.at("fields").is_object()) {
        return std::nullopt;
    }
    const json& fields = result.at("fields");
    const auto settled_value = [](const json& field) -> std::optional<std::string> {
        if (!field.is_object() || field.value("source", std::string()) != "review" || !field.contains("value") ||
            !field.at("value").is_string()) {
            return std::nullopt;
        }
        return field.at("value").get<std::string>();
    };
    const auto vendor = fields.find("vendor");
    if (vendor == fields.end()) {
        return std::nullopt;
    }
    const std::optional<std::string> name = settled_value(*vendor);
    if (!name || docextract::vendor_name_key(*name).empty()) {
        return std::nullopt;
    }
    std::map<std::string, std::string> settled;
    for (const auto& [key, field] : fields.items()) {
        if (key == "vendor") {
            continue;
        }
        if (std::optional<std::string> value = settled_value(field)) {
            settled[key] = *value;
        }
    }
    docextract::DocumentTraits traits;
    if (const auto it = result.find("document_traits"); it != result.end() && it->is_object()) {
        traits.names = strings(*it, "names");
        traits.tax_ids = strings(*it, "tax_ids");
        traits.email_domains = strings(*it, "email_domains");
        if (const auto places = it->find("places"); places != it->end()) {
            traits.places = places_of(*places);
        }
    }
    return docextract::learn_vendor(traits, *name, settled);
}

} // namespace docextract::service
