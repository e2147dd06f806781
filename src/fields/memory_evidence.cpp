// SPDX-License-Identifier: MIT
#include "fields/memory_evidence.hpp"

#include "fields/dates.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace docextract::detail {
namespace {

/// Candidates of one field kept in the traits (best first): enough to find a corrected value among them.
constexpr std::size_t places_per_field = 12;

bool is_customer(const Analysis& analysis, std::size_t row) {
    const auto& customer = analysis.info(row).customer;
    return std::find(customer.begin(), customer.end(), true) != customer.end();
}

std::string upper(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(c < 0x80 ? std::toupper(c) : c); });
    return out;
}

/// Words of a row as upper-case letters and digits only.
std::vector<std::string> plain_words(const Row& row) {
    std::vector<std::string> out;
    for (const auto& word : row.words) {
        out.push_back(normalize_tax_id(word.text));
    }
    return out;
}

int digits(std::string_view text) {
    return static_cast<int>(std::count_if(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }));
}

/// Is the plain word a tax-id label ("GST", "VAT", "USTIDNR"), possibly glued to "ID"/"NO"/"REG"?
bool is_tax_label(const std::string& word, const MemoryParameters& parameters) {
    return std::any_of(parameters.tax_id_labels.begin(), parameters.tax_id_labels.end(),
                       [&](const std::string& label) { return word.starts_with(upper(label)) && digits(word) == 0; });
}

/// The printed order of a numeric date ("12/09/2017"), as the value read from it says: the order whose reading
/// is `value`. Empty for another form, or when `value` is neither reading.
std::string order_of(std::string_view raw, std::string_view value) {
    const std::vector<DateMatch> dates = find_dates(raw);
    if (dates.size() != 1 || dates.front().form != DateForm::numeric) {
        return {};
    }
    const DateMatch& d = dates.front();
    if (d.day_first && d.day_first->iso() == value) {
        return d.ambiguous() || !d.month_first ? "day_first" : "";
    }
    if (d.month_first && d.month_first->iso() == value) {
        return "month_first";
    }
    return {};
}

/// The reading of a numeric date in an order ("day_first", "month_first"); nullopt when it reads only one way or
/// is not a numeric date.
std::optional<std::string> reordered(std::string_view raw, const std::string& order) {
    const std::vector<DateMatch> dates = find_dates(raw);
    if (dates.size() != 1 || !dates.front().ambiguous()) {
        return std::nullopt;
    }
    const auto date = dates.front().resolve(order == "month_first" ? DateOrder::month_first : DateOrder::day_first);
    return date ? std::optional<std::string>(date->iso()) : std::nullopt;
}

} // namespace

std::vector<std::string> find_tax_ids(const Analysis& analysis, const MemoryParameters& parameters) {
    std::vector<std::string> ids;
    const auto& rows = analysis.rows();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (is_customer(analysis, r)) {
            continue;
        }
        const std::vector<std::string> words = plain_words(rows[r]);
        for (std::size_t w = 0; w < words.size(); ++w) {
            if (!is_tax_label(words[w], parameters)) {
                continue;
            }
            // The id: the next words holding digits, joined ("000 123 456 789"); label words between are skipped.
            std::string id;
            for (std::size_t k = w + 1; k < words.size() && k <= w + 6; ++k) {
                if (digits(words[k]) > 0) {
                    id += words[k];
                } else if (!id.empty()) {
                    break;
                }
            }
            if (digits(id) >= parameters.tax_id_min_digits && std::find(ids.begin(), ids.end(), id) == ids.end()) {
                ids.push_back(id);
            }
            break;
        }
    }
    return ids;
}

DocumentTraits document_traits(std::span<const FieldCandidates> pools, std::vector<std::string> tax_ids) {
    DocumentTraits traits;
    traits.tax_ids = std::move(tax_ids);
    for (const FieldCandidates& pool : pools) {
        std::vector<const FieldCandidate*> order;
        for (const auto& c : pool.all) {
            order.push_back(&c);
        }
        std::stable_sort(order.begin(), order.end(),
                         [](const FieldCandidate* a, const FieldCandidate* b) { return a->score > b->score; });
        std::vector<std::string> seen;
        for (const FieldCandidate* c : order) {
            if (std::find(seen.begin(), seen.end(), c->value) != seen.end()) {
                continue; // the best-scored candidate of a value stands for it
            }
            if (seen.size() >= places_per_field) {
                break;
            }
            seen.push_back(c->value);
            FieldPlace place{.field = pool.field,
                             .value = c->value,
                             .label = c->label,
                             .page = c->page,
                             .x = c->page_x,
                             .y = c->page_y,
                             .order = pool.field == "date" ? order_of(c->raw_text, c->value) : std::string()};
            traits.places.push_back(place);
            // A date that reads both ways stands for both: the one a person settles tells the vendor's order.
            if (!place.order.empty()) {
                const std::string other = place.order == "day_first" ? "month_first" : "day_first";
                if (const auto value = reordered(c->raw_text, other);
                    value && std::find(seen.begin(), seen.end(), *value) == seen.end()) {
                    seen.push_back(*value);
                    place.value = *value;
                    place.order = other;
                    traits.places.push_back(std::move(place));
                }
            }
            if (pool.field == "vendor") {
                traits.names.push_back(c->value);
            } else if (pool.field == "email") {
                const auto at = c->value.rfind('@');
                std::string domain = at == std::string::npos ? c->value : c->value.substr(at + 1);
                std::transform(domain.begin(), domain.end(), domain.begin(),
                               [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
                if (std::find(traits.email_domains.begin(), traits.email_domains.end(), domain) ==
                    traits.email_domains.end()) {
                    traits.email_domains.push_back(domain);
                }
            }
        }
    }
    return traits;
}

std::optional<Recalled> recall_field(const FieldCandidates& pool, double none_score, double ranker_confidence,
                                     const RememberedVendor& vendor, const MemoryParameters& p) {
    if (pool.all.empty()) {
        return std::nullopt;
    }
    const bool is_vendor = pool.field == "vendor";
    const auto place = std::find_if(vendor.places.begin(), vendor.places.end(),
                                    [&](const FieldPlace& fp) { return fp.field == pool.field; });
    if (!is_vendor && place == vendor.places.end()) {
        return std::nullopt;
    }
    const std::string canonical_key = vendor_name_key(vendor.canonical_name);
    const std::size_t n = pool.all.size();
    std::vector<double> bonus(n, 0.0);
    std::vector<bool> canonical(n, false);
    std::vector<std::string> respelled(n); // a wider reading of the name, in the canonical spelling
    std::vector<bool> at_place(n, false);
    // A date printed in numbers reads in the vendor's order ("12/09/2017" is 12 September for a day-first vendor).
    std::vector<std::string> in_order(n);
    const bool has_order = !is_vendor && place != vendor.places.end() && !place->order.empty();
    for (std::size_t i = 0; i < n; ++i) {
        const FieldCandidate& c = pool.all[i];
        double b = 0;
        if (has_order) {
            if (const auto value = reordered(c.raw_text, place->order); value && *value != c.value) {
                in_order[i] = *value;
            }
        }
        if (is_vendor) {
            respelled[i] = respell_wider(c.value, vendor.canonical_name, p);
            const NameMatch match =
                respelled[i].empty() ? name_match(vendor_name_key(c.value), canonical_key, p, true) : NameMatch::wider;
            if (match == NameMatch::wider && respelled[i].empty()) {
                respelled[i] = c.value; // the vendor's, but no word-for-word respelling: kept as read
            }
            if (match != NameMatch::none) {
                canonical[i] = match != NameMatch::wider;
                // A wider reading holds the name and words of its own: evidence in the share the name is of it, so
                // that the name as remembered wins over "DOMINO'S PIZZA PERMAS JAYA" on a page that prints both.
                const std::string key = vendor_name_key(c.value);
                const double share =
                    match == NameMatch::wider && !key.empty()
                        ? std::min(1.0, static_cast<double>(canonical_key.size()) / static_cast<double>(key.size()))
                        : 1.0;
                b += p.name_weight * share;
            }
        }
        if (place != vendor.places.end()) {
            const double label = label_similarity(c.label, place->label);
            double support = 0;
            if (label >= p.label_min_similarity) {
                support += p.label_weight * label;
            }
            if (c.page == place->page && c.page_x >= 0 && place->x >= 0) {
                const double dx = c.page_x - place->x;
                const double dy = c.page_y - place->y;
                support += p.place_weight * std::exp(-(dx * dx + dy * dy) / (2.0 * p.place_scale * p.place_scale));
            }
            at_place[i] = support > 0.05; // less is no evidence worth naming
            b += support;
        }
        bonus[i] = std::min(b, p.max_logit_shift);
    }
    if (std::all_of(bonus.begin(), bonus.end(), [](double b) { return b <= 0.0; }) &&
        std::all_of(in_order.begin(), in_order.end(), [](const std::string& v) { return v.empty(); })) {
        return std::nullopt;
    }

    // The ranker's own choice (values as the ranker sees them) and the choice with the evidence.
    double top = none_score;
    for (std::size_t i = 0; i < n; ++i) {
        top = std::max(top, pool.all[i].score + bonus[i]);
    }
    const auto value_of = [&](std::size_t i) {
        return canonical[i]            ? vendor.canonical_name
               : !respelled[i].empty() ? respelled[i]
               : !in_order[i].empty()  ? in_order[i]
                                       : pool.all[i].value;
    };
    struct Mass {
        double before = 0;
        double after = 0;
        std::size_t best = 0;
        double best_score = -1e300;
    };
    std::map<std::string, Mass> raw_values;   // ranker's values, before the evidence
    std::map<std::string, Mass> named_values; // canonical names merged, before and after the evidence
    double total_before = std::exp(none_score - top);
    double total_after = total_before;
    for (std::size_t i = 0; i < n; ++i) {
        const double before = std::exp(pool.all[i].score - top);
        const double after = std::exp(pool.all[i].score + bonus[i] - top);
        total_before += before;
        total_after += after;
        Mass& raw = raw_values[pool.all[i].value];
        raw.before += before;
        if (pool.all[i].score > raw.best_score) {
            raw.best_score = pool.all[i].score;
            raw.best = i;
        }
        Mass& m = named_values[value_of(i)];
        m.before += before;
        m.after += after;
        if (pool.all[i].score + bonus[i] > m.best_score) {
            m.best_score = pool.all[i].score + bonus[i];
            m.best = i;
        }
    }
    const auto ranker_top = std::max_element(raw_values.begin(), raw_values.end(), [](const auto& a, const auto& b) {
        return a.second.before < b.second.before;
    });
    const auto chosen = std::max_element(named_values.begin(), named_values.end(),
                                         [](const auto& a, const auto& b) { return a.second.after < b.second.after; });
    const bool ranker_none = std::exp(none_score - top) >= ranker_top->second.before;
    const bool clear = !ranker_none && ranker_confidence >= p.clear_probability;
    // What the ranker chose, in the memory's spelling: a near-miss or a part of the canonical name is the
    // canonical name, however clearly its letters were read ("ENW Hardwawe Centre" at 0.93: a clear misreading is
    // still a misreading). A clear part of the name is completed, not replaced.
    std::string ranker_value = ranker_top->first;
    const std::string ranker_respelled = is_vendor ? respell_wider(ranker_value, vendor.canonical_name, p) : "";
    const NameMatch ranker_match = !ranker_respelled.empty() ? NameMatch::wider
                                   : is_vendor ? name_match(vendor_name_key(ranker_value), canonical_key, p, true)
                                               : NameMatch::none;
    if (ranker_match == NameMatch::wider) {
        if (!ranker_respelled.empty() &&
            (!clear || vendor_name_key(ranker_respelled) == vendor_name_key(ranker_value))) {
            ranker_value = ranker_respelled;
        }
    } else if (ranker_match != NameMatch::none) {
        ranker_value = vendor.canonical_name;
    }
    // The order is how the date is read, not which printed date it is: a clear choice is read in the vendor's
    // order too.
    if (!in_order[ranker_top->second.best].empty()) {
        ranker_value = in_order[ranker_top->second.best];
    }
    if (clear && chosen->first != ranker_value) {
        return std::nullopt; // a clear reading of another value stands
    }
    Recalled out;
    out.value = chosen->first;
    out.probability = chosen->second.after / total_after;
    out.best = chosen->second.best;
    out.none = std::exp(none_score - top) / total_after;
    // "No value" staying the more probable leaves the field as it was: the memory adds nothing to decide. Not for
    // the vendor when a candidate reads the recognised vendor's name: the document is from that vendor.
    const bool names_vendor = is_vendor && (canonical[out.best] || !respelled[out.best].empty());
    if (out.none >= out.probability && !names_vendor) {
        return std::nullopt;
    }
    if (canonical[out.best] || !respelled[out.best].empty()) {
        out.evidence = out.value != pool.all[out.best].value ? "canonical_name" : "name";
    }
    if (!in_order[out.best].empty()) {
        out.evidence = "date_order";
    }
    if (at_place[out.best]) {
        out.evidence += out.evidence.empty() ? "place" : "+place";
    }
    return out;
}

} // namespace docextract::detail
