// SPDX-License-Identifier: MIT
#pragma once

// A memory per vendor, learnt from the values a person set or confirmed (docs/field-model.md, "Vendor memory"):
// a vendor is recognised by its name, a tax id or an email domain; what it remembers is the vendor's canonical
// name and, per field, the label and the place its value stood at. Pass one to a Pipeline
// (Pipeline::set_vendor_memory) and the fields of a recognised vendor's documents use it as bounded evidence.

#include <docextract/export.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docextract {

/// Where one value of a field stood on a document.
struct FieldPlace {
    std::string field; ///< Field name, e.g. "total".
    std::string value; ///< Normalised value.
    std::string label; ///< The text in front of it on its line, or the line above when none; may be empty.
    int page = 0;      ///< Zero-based page index.
    double x = -1;     ///< Centre of its box relative to the page width (0..1); -1 when unknown.
    double y = -1;     ///< Centre of its box relative to the page height (0..1); -1 when unknown.
    std::string order; ///< A date printed with day and month in numbers: "day_first" or "month_first"; else empty.
};

/// What a document tells about its sender: what a memory recognises it by and learns from.
struct DocumentTraits {
    std::vector<std::string> names;         ///< Vendor candidate values, best first.
    std::vector<std::string> tax_ids;       ///< VAT/GST/tax ids printed beside a tax-id label, normalised.
    std::vector<std::string> email_domains; ///< Domains of the email candidates, lower case.
    std::vector<FieldPlace> places;         ///< Candidate values of the fields and where they stood, best first.
};

/// What is remembered of one vendor.
struct RememberedVendor {
    std::string canonical_name;             ///< The name as a person gave it.
    std::vector<std::string> tax_ids;       ///< Normalised tax ids.
    std::vector<std::string> email_domains; ///< Lower-case email domains.
    std::vector<FieldPlace> places;         ///< At most one per field: where its settled value stood.
};

/// Every remembered vendor.
struct VendorMemory {
    std::vector<RememberedVendor> vendors;
};

/// The key a vendor name is recognised by: upper case, letters and digits only, words joined by one space.
DOCEXTRACT_API std::string vendor_name_key(std::string_view name);

/// A tax id as compared: upper case, letters and digits only.
DOCEXTRACT_API std::string normalize_tax_id(std::string_view id);

/// What a memory learns from a document whose vendor a person set or confirmed as `canonical_name`; `settled`
/// holds the other fields' settled values (field name to normalised value). A settled value that no candidate of
/// the document gives has no place to remember.
DOCEXTRACT_API RememberedVendor learn_vendor(const DocumentTraits& traits, std::string canonical_name,
                                             const std::map<std::string, std::string>& settled);

/// `learned` folded into `known` (the same vendor): the newer name and places win, ids and domains add up.
DOCEXTRACT_API RememberedVendor merge_vendor(RememberedVendor known, const RememberedVendor& learned);

/// Which remembered vendor a document is from, by tax id, then email domain, then name; nullopt when none.
DOCEXTRACT_API std::optional<std::size_t> recognise_vendor(const VendorMemory& memory, const DocumentTraits& traits);

} // namespace docextract
