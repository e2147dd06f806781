// SPDX-License-Identifier: MIT
#include "fields/memory_parameters.hpp"

#include "fields/edit_distance.hpp"
#include "fields/regex.hpp"
#include "fields/vocabulary.hpp"

#include <docextract/error.hpp>
#include <docextract/vendor_memory.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
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
    p.name_max_distinct_distance = number(json, "name_max_distinct_distance", 0, 1);
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

namespace {

std::vector<std::string_view> key_words(std::string_view key) {
    std::vector<std::string_view> out;
    while (!key.empty()) {
        const auto space = key.find(' ');
        out.push_back(key.substr(0, space));
        key = space == std::string_view::npos ? std::string_view{} : key.substr(space + 1);
    }
    return out;
}

std::string joined(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t w = from; w < to; ++w) {
        if (!out.empty()) {
            out += ' ';
        }
        out.append(words[w]);
    }
    return out;
}

/// A word that many vendors' names share: a business word or a legal form ("HARDWARE", "TRADING", "SDN").
bool shared_name_word(std::string_view word) {
    static const Regex re([] {
        std::vector<std::string> patterns = shipped_vocabulary().business_words;
        const auto& legal = shipped_vocabulary().legal_forms;
        patterns.insert(patterns.end(), legal.begin(), legal.end());
        return alternation(patterns);
    }());
    return re.full_match(word);
}

std::string distinct_words(std::string_view key) {
    std::vector<std::string_view> kept;
    for (const std::string_view word : key_words(key)) {
        if (!shared_name_word(word)) {
            kept.push_back(word);
        }
    }
    return joined(kept, 0, kept.size());
}

/// Where the reading's own run of words starts, when the reading is the canonical name's words with one run
/// inserted: the rest, joined, is within name_max_distance of the canonical key (and, `distinct`, its distinct
/// words within name_max_distinct_distance). The run must not be a lone character (a speck read as a letter),
/// unless printed in parentheses ("(M)"): `printed_run_ok` says.
template <typename RunOk>
std::optional<std::size_t> wider_run(const std::vector<std::string_view>& reading,
                                     const std::vector<std::string_view>& canonical, std::string_view canonical_key,
                                     const MemoryParameters& parameters, bool distinct, RunOk printed_run_ok) {
    if (canonical.size() < 2 || reading.size() <= canonical.size()) {
        return std::nullopt;
    }
    const std::size_t run = reading.size() - canonical.size();
    for (std::size_t start = 0; start + run <= reading.size(); ++start) {
        std::vector<std::string_view> rest(reading.begin(), reading.begin() + static_cast<std::ptrdiff_t>(start));
        rest.insert(rest.end(), reading.begin() + static_cast<std::ptrdiff_t>(start + run), reading.end());
        const std::string rest_key = joined(rest, 0, rest.size());
        if (name_distance(rest_key, canonical_key) > parameters.name_max_distance ||
            (distinct && distinct_name_distance(rest_key, canonical_key) > parameters.name_max_distinct_distance)) {
            continue;
        }
        if (printed_run_ok(start, run)) {
            return start;
        }
    }
    return std::nullopt;
}

/// Printed words split at white space.
std::vector<std::string_view> printed_words(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
            ++i;
        }
        const std::size_t start = i;
        while (i < text.size() && text[i] != ' ' && text[i] != '\t') {
            ++i;
        }
        if (i > start) {
            out.push_back(text.substr(start, i - start));
        }
    }
    return out;
}

} // namespace

double distinct_name_distance(std::string_view a_key, std::string_view b_key) {
    const std::string a = distinct_words(a_key);
    const std::string b = distinct_words(b_key);
    return a.empty() || b.empty() ? name_distance(a_key, b_key) : name_distance(a, b);
}

NameMatch name_match(std::string_view candidate, std::string_view canonical, const MemoryParameters& parameters,
                     bool anywhere) {
    if (candidate.empty() || canonical.empty()) {
        return NameMatch::none;
    }
    if (candidate == canonical) {
        return NameMatch::same;
    }
    const std::vector<std::string_view> part = key_words(candidate);
    const std::vector<std::string_view> whole = key_words(canonical);
    // More words than the canonical name, all of its own in order: a branch or a longer form, kept as read. Checked
    // before the spelling: "MR DIY M SDN BHD" is one edit-distance short word away from "MR DIY SDN BHD", but its
    // "M" is a word, not a misread letter. Only runs of two characters or more count here (no printed form known).
    if (wider_run(part, whole, canonical, parameters, !anywhere,
                  [&](std::size_t start, std::size_t run) { return joined(part, start, start + run).size() >= 2; })) {
        return NameMatch::wider;
    }
    if (name_distance(candidate, canonical) <= parameters.name_max_distance &&
        (anywhere || distinct_name_distance(candidate, canonical) <= parameters.name_max_distinct_distance)) {
        return NameMatch::spelling;
    }
    // Part of it: as many whole words of the canonical name as the candidate has, near-miss spellings allowed
    // ("ALK HUAT HARDWARE" for the first line of "AIK HUAT HARDWARE ENTERPRISE SETIA ALAM SDN BHD").
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

std::string respell_wider(std::string_view reading, std::string_view canonical, const MemoryParameters& parameters,
                          bool recognising) {
    const std::vector<std::string_view> printed = printed_words(reading);
    const std::vector<std::string_view> canonical_printed = printed_words(canonical);
    std::vector<std::string_view> reading_words;
    std::vector<std::string> reading_keys;
    for (const std::string_view word : printed) {
        reading_keys.push_back(vendor_name_key(word));
        if (reading_keys.back().empty() || reading_keys.back().find(' ') != std::string::npos) {
            return {}; // a printed word that is no key word, or two ("S/B"): no word-for-word respelling
        }
    }
    for (const std::string& key : reading_keys) {
        reading_words.push_back(key);
    }
    std::vector<std::string> canonical_keys;
    for (const std::string_view word : canonical_printed) {
        canonical_keys.push_back(vendor_name_key(word));
        if (canonical_keys.back().empty() || canonical_keys.back().find(' ') != std::string::npos) {
            return {};
        }
    }
    const std::vector<std::string_view> canonical_words(canonical_keys.begin(), canonical_keys.end());
    const std::string canonical_key = joined(canonical_words, 0, canonical_words.size());
    const auto start = wider_run(reading_words, canonical_words, canonical_key, parameters, recognising,
                                 [&](std::size_t from, std::size_t run) {
                                     if (joined(reading_words, from, from + run).size() >= 2) {
                                         return true;
                                     }
                                     const std::string_view word = printed[from];
                                     return run == 1 && word.size() >= 3 && word.front() == '(' && word.back() == ')';
                                 });
    if (!start) {
        return {};
    }
    const std::size_t run = printed.size() - canonical_printed.size();
    std::string out;
    for (std::size_t i = 0; i < canonical_printed.size(); ++i) {
        if (i == *start) {
            for (std::size_t r = 0; r < run; ++r) {
                out.append(out.empty() ? "" : " ").append(printed[*start + r]);
            }
        }
        out.append(out.empty() ? "" : " ").append(canonical_printed[i]);
    }
    if (*start == canonical_printed.size()) {
        for (std::size_t r = 0; r < run; ++r) {
            out.append(" ").append(printed[*start + r]);
        }
    }
    return out;
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
