// SPDX-License-Identifier: MIT
#include "fields/memory_parameters.hpp"

#include "fields/edit_distance.hpp"

#include <docextract/error.hpp>
#include <docextract/vendor_memory.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

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

NameMatch name_match(std::string_view candidate, std::string_view canonical, const MemoryParameters& parameters,
                     bool anywhere) {
    if (candidate.empty() || canonical.empty()) {
        return NameMatch::none;
    }
    if (candidate == canonical) {
        return NameMatch::same;
    }
    if (name_distance(candidate, canonical) <= parameters.name_max_distance) {
        return NameMatch::spelling;
    }
    // Part of it: as many whole words of the canonical name as the candidate has, near-miss spellings allowed
    // ("ALK HUAT HARDWARE" for the first line of "AIK HUAT HARDWARE ENTERPRISE SETIA ALAM SDN BHD").
    const auto words = [](std::string_view key) {
        std::vector<std::string_view> out;
        while (!key.empty()) {
            const auto space = key.find(' ');
            out.push_back(key.substr(0, space));
            key = space == std::string_view::npos ? std::string_view{} : key.substr(space + 1);
        }
        return out;
    };
    const std::vector<std::string_view> part = words(candidate);
    const std::vector<std::string_view> whole = words(canonical);
    const double share = static_cast<double>(candidate.size()) / static_cast<double>(canonical.size());
    if (part.size() < 2 || part.size() >= whole.size() || share < parameters.name_min_share) {
        return NameMatch::none;
    }
    const std::size_t last_start = anywhere ? whole.size() - part.size() : 0;
    for (std::size_t start = 0; start <= last_start; ++start) {
        std::string window;
        for (std::size_t w = start; w < start + part.size(); ++w) {
            if (!window.empty()) {
                window += ' ';
            }
            window.append(whole[w]);
        }
        if (name_distance(candidate, window) <= parameters.name_max_distance) {
            return NameMatch::part;
        }
    }
    return NameMatch::none;
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
