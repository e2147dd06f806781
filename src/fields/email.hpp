// SPDX-License-Identifier: MIT
#pragma once

#include "fields/analysis.hpp"
#include "fields/candidates.hpp"

#include <string>
#include <vector>

namespace docextract::detail {

/// An email address or web address printed on the page.
struct Contact {
    std::size_t row = 0;
    Span span;
    std::string value;     ///< Lower-case address.
    std::string owner;     ///< owner_key() of it.
    bool is_email = true;  ///< False for a web address.
    bool customer = false; ///< Inside a bill-to / ship-to block.
};

/// All email and web addresses in the document.
[[nodiscard]] std::vector<Contact> find_contacts(const Analysis& analysis);

/// The vendor's email address. vendor_names: the best vendor candidates, to match against domains.
[[nodiscard]] Choice find_email(const Analysis& analysis, const std::vector<Contact>& contacts,
                                const std::vector<std::string>& vendor_names, const FieldModel& model);

} // namespace docextract::detail
