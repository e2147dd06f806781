// SPDX-License-Identifier: MIT
#include "result_fields.hpp"

#include <nlohmann/json.hpp>

namespace docextract::service {

ResultSummary summarize_result(std::string_view result_json) {
    ResultSummary summary;
    const nlohmann::json result = nlohmann::json::parse(result_json, nullptr, false);
    if (!result.is_object()) {
        return summary;
    }
    const auto fields = result.find("fields");
    if (fields != result.end() && fields->is_object()) {
        const auto vendor = fields->find("vendor");
        if (vendor != fields->end() && vendor->is_object() && vendor->contains("value") &&
            vendor->at("value").is_string()) {
            summary.vendor = vendor->at("value").get<std::string>();
        }
    }
    const auto flagged = result.find("needs_review");
    if (flagged != result.end() && flagged->is_array()) {
        for (const nlohmann::json& name : *flagged) {
            if (name.is_string()) {
                summary.flagged.push_back(name.get<std::string>());
            }
        }
    }
    return summary;
}

} // namespace docextract::service
