// SPDX-License-Identifier: MIT
// The public vendor-memory functions: name keys, learning, merging and recognising a vendor.
#include "fields/memory_parameters.hpp"

#include <docextract/vendor_memory.hpp>

#include <algorithm>
#include <cctype>
#include <limits>

namespace docextract {
namespace {

bool is_ascii_alnum(unsigned char c) {
    return c < 0x80 && std::isalnum(c) != 0;
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
    if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) {
        list.push_back(value);
    }
}

std::string domain_of(std::string_view email) {
    const auto at = email.rfind('@');
    std::string domain(at == std::string_view::npos ? email : email.substr(at + 1));
    std::transform(domain.begin(), domain.end(), domain.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return domain;
}

bool shared_domain(const std::string& domain) {
    const auto& shared = detail::memory_parameters().shared_email_domains;
    return std::find(shared.begin(), shared.end(), domain) != shared.end();
}

} // namespace

std::string vendor_name_key(std::string_view name) {
    std::string key;
    bool gap = false;
    for (const char ch : name) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_ascii_alnum(c) || c >= 0x80) { // letters of other scripts are kept as they are
            if (gap && !key.empty()) {
                key += ' ';
            }
            gap = false;
            key += static_cast<char>(c < 0x80 ? std::toupper(c) : c);
        } else if (c != '.' && c != '\'') { // "S.B." and "S/B" differ in '.', not in words: "SB" and "S B"
            gap = true;
        }
    }
    return key;
}

std::string normalize_tax_id(std::string_view id) {
    std::string out;
    for (const char ch : id) {
        const auto c = static_cast<unsigned char>(ch);
        if (is_ascii_alnum(c)) {
            out += static_cast<char>(std::toupper(c));
        }
    }
    return out;
}

RememberedVendor learn_vendor(const DocumentTraits& traits, std::string canonical_name,
                              const std::map<std::string, std::string>& settled) {
    RememberedVendor vendor;
    vendor.canonical_name = std::move(canonical_name);
    for (const std::string& id : traits.tax_ids) {
        add_unique(vendor.tax_ids, normalize_tax_id(id));
    }
    // Only a settled email names the vendor's domain: the page may also print the customer's.
    if (const auto email = settled.find("email"); email != settled.end() && !email->second.empty()) {
        const std::string domain = domain_of(email->second);
        if (!shared_domain(domain)) {
            add_unique(vendor.email_domains, domain);
        }
    }
    // The vendor's place: where the page reads the name most nearly as given (the same name, then a near-miss
    // spelling, a part, a wider form); among equals the best candidate, as places are best first.
    const std::string canonical_key = vendor_name_key(vendor.canonical_name);
    const FieldPlace* named = nullptr;
    auto named_match = detail::NameMatch::none;
    for (const FieldPlace& place : traits.places) {
        if (place.field != "vendor") {
            continue;
        }
        const detail::NameMatch match =
            detail::name_match(vendor_name_key(place.value), canonical_key, detail::memory_parameters(), true);
        if (match != detail::NameMatch::none && (named == nullptr || match < named_match)) {
            named = &place;
            named_match = match;
        }
    }
    if (named != nullptr) {
        FieldPlace remembered = *named;
        remembered.value = vendor.canonical_name;
        vendor.places.push_back(std::move(remembered));
    }
    for (const auto& [field, value] : settled) {
        if (field == "vendor") {
            continue;
        }
        const auto found = std::find_if(traits.places.begin(), traits.places.end(), [&](const FieldPlace& place) {
            return place.field == field && place.value == value;
        });
        if (found != traits.places.end()) {
            vendor.places.push_back(*found);
        }
    }
    return vendor;
}

RememberedVendor merge_vendor(RememberedVendor known, const RememberedVendor& learned) {
    if (!learned.canonical_name.empty()) {
        known.canonical_name = learned.canonical_name;
    }
    for (const std::string& id : learned.tax_ids) {
        add_unique(known.tax_ids, id);
    }
    for (const std::string& domain : learned.email_domains) {
        add_unique(known.email_domains, domain);
    }
    for (const FieldPlace& place : learned.places) {
        const auto same = std::find_if(known.places.begin(), known.places.end(),
                                       [&](const FieldPlace& p) { return p.field == place.field; });
        if (same != known.places.end()) {
            *same = place;
        } else {
            known.places.push_back(place);
        }
    }
    return known;
}

std::optional<std::size_t> recognise_vendor(const VendorMemory& memory, const DocumentTraits& traits) {
    // By rank: 0 a tax id, 1 an email domain, 2 a name (then the nearer name wins).
    std::optional<std::size_t> best;
    int best_rank = std::numeric_limits<int>::max();
    double best_distance = 2.0;
    std::vector<std::string> names;
    for (const std::string& name : traits.names) {
        names.push_back(vendor_name_key(name));
    }
    std::vector<std::string> ids;
    for (const std::string& id : traits.tax_ids) {
        ids.push_back(normalize_tax_id(id));
    }
    for (std::size_t i = 0; i < memory.vendors.size(); ++i) {
        const RememberedVendor& vendor = memory.vendors[i];
        int rank = std::numeric_limits<int>::max();
        double distance = 2.0;
        for (const std::string& id : vendor.tax_ids) {
            if (std::any_of(ids.begin(), ids.end(), [&](const std::string& read) {
                    return detail::same_tax_id(read, id, detail::memory_parameters());
                })) {
                rank = 0;
            }
        }
        for (const std::string& domain : vendor.email_domains) {
            if (rank > 1 && !shared_domain(domain) &&
                std::find(traits.email_domains.begin(), traits.email_domains.end(), domain) !=
                    traits.email_domains.end()) {
                rank = 1;
            }
        }
        const std::string key = vendor_name_key(vendor.canonical_name);
        for (std::size_t n = 0; n < names.size(); ++n) {
            const std::string& name = names[n];
            const detail::MemoryParameters& p = detail::memory_parameters();
            if (detail::name_match(name, key, p, false) != detail::NameMatch::none ||
                !detail::respell_wider(traits.names[n], vendor.canonical_name, p, true).empty()) {
                distance = std::min(distance, detail::name_distance(name, key));
                rank = std::min(rank, 2);
            }
        }
        if (rank < best_rank || (rank == best_rank && distance < best_distance)) {
            best = i;
            best_rank = rank;
            best_distance = distance;
        }
    }
    return best_rank == std::numeric_limits<int>::max() ? std::nullopt : best;
}

} // namespace docextract
