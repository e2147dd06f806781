// SPDX-License-Identifier: MIT
#include "fields/memory_parameters.hpp"

#include "fields/edit_distance.hpp"

#include <docextract/error.hpp>
#include <docextract/vendor_memory.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace docextract::detail {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw Error(ErrorCode::invalid_argument, "vendor memory parameters: " + what);
}

double number(const nlohmann::json& json, const char* key, double low, double high) {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_number()) {
        fail(std::string("'") + key + "' must be a number");
    }
    const double value = it->get<double>();
    if (value < low || value > high) {
        fail(std::string("'") + key + "' is out of range");
    }
    return value;
}

std::vector<std::string> words(const nlohmann::json& json, const char* key) {
    const auto it = json.find(key);
    if (it == json.end() || !it->is_array()) {
        fail(std::string("'") + key + "' must be an array of strings");
    }
    std::vector<std::string> out;
    for (const auto& entry : *it) {
        if (!entry.is_string()) {
            fail(std::string("'") + key + "' must be an array of strings");
        }
        out.push_back(entry.get<std::string>());
    }
    return out;
}

} // namespace

MemoryParameters parse_memory_parameters(std::string_view text) {
    const nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
    if (!json.is_object()) {
        fail("not a JSON object");
    }
    MemoryParameters p;
    p.label_weight = number(json, "label_weight", 0, 20);
    p.label_min_similarity = number(json, "label_min_similarity", 0, 1);
    p.place_weight = number(json, "place_weight", 0, 20);
    p.place_scale = number(json, "place_scale", 1e-3, 1);
    p.name_weight = number(json, "name_weight", 0, 20);
    p.max_logit_shift = number(json, "max_logit_shift", 0, 20);
    p.clear_probability = number(json, "clear_probability", 0, 1);
    p.name_max_distance = number(json, "name_max_distance", 0, 1);
    p.name_min_share = number(json, "name_min_share", 0, 1);
    p.tax_id_labels = words(json, "tax_id_labels");
    p.tax_id_min_digits = static_cast<int>(number(json, "tax_id_min_digits", 1, 30));
    p.tax_id_max_edits = static_cast<int>(number(json, "tax_id_max_edits", 0, 5));
    p.shared_email_domains = words(json, "shared_email_domains");
    return p;
}

const MemoryParameters& memory_parameters() {
    static const MemoryParameters shipped = parse_memory_parameters(shipped_memory_parameters_json());
    return shipped;
}

double name_distance(std::string_view a, std::string_view b) {
    const std::size_t longest = std::max(a.size(), b.size());
    if (longest == 0) {
        return 0.0;
    }
    const std::size_t d = edit_distance(a, b, longest);
    return static_cast<double>(std::min(d, longest)) / static_cast<double>(longest);
}

bool same_name(std::string_view candidate, std::string_view canonical, const MemoryParameters& parameters) {
    if (candidate.empty() || canonical.empty()) {
        return false;
    }
    if (name_distance(candidate, canonical) <= parameters.name_max_distance) {
        return true;
    }
    // The first words: "AIK HUAT HARDWARE" of "AIK HUAT HARDWARE ENTERPRISE SETIA ALAM SDN BHD". Only the start: the
    // words a name ends with ("HARDWARE TRADING", "CASH & CARRY", "SDN BHD") are shared by many vendors.
    const bool two_words = candidate.find(' ') != std::string_view::npos;
    const double share = static_cast<double>(candidate.size()) / static_cast<double>(canonical.size());
    if (!two_words || share < parameters.name_min_share || candidate.size() >= canonical.size()) {
        return false;
    }
    const auto padded = [](std::string_view key) {
        std::string out(1, ' ');
        out.append(key);
        out.push_back(' ');
        return out;
    };
    return padded(canonical).starts_with(padded(candidate));
}

bool same_tax_id(std::string_view a, std::string_view b, const MemoryParameters& parameters) {
    constexpr std::size_t fuzzy_from = 10; // shorter ids are too easily one misread away from another's
    if (a == b) {
        return !a.empty();
    }
    if (a.size() < fuzzy_from || b.size() < fuzzy_from || parameters.tax_id_max_edits <= 0) {
        return false;
    }
    const auto limit = static_cast<std::size_t>(parameters.tax_id_max_edits);
    return edit_distance(a, b, limit) <= limit;
}

double label_similarity(std::string_view a, std::string_view b) {
    const std::string ka = vendor_name_key(a);
    const std::string kb = vendor_name_key(b);
    if (ka.empty() || kb.empty()) {
        return 0.0;
    }
    return 1.0 - name_distance(ka, kb);
}

} // namespace docextract::detail
