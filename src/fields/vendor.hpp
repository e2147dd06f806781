// SPDX-License-Identifier: MIT
#pragma once

#include "fields/analysis.hpp"
#include "fields/candidates.hpp"
#include "fields/email.hpp"

#include <string>
#include <vector>

namespace docextract::detail {

/// Vendor name candidates with their evidence (no domain matching yet).
[[nodiscard]] std::vector<Candidate> vendor_candidates(const Analysis& analysis);

/// The vendor (issuer) name: legal-form suffixes, position, size, repetition, and the match with the email
/// and web domains printed on the page.
[[nodiscard]] Choice find_vendor(const Analysis& analysis, const std::vector<Contact>& contacts,
                                 const FieldModel& model);

/// The names of the best few vendor candidates (for matching email domains).
[[nodiscard]] std::vector<std::string> top_vendor_names(const Analysis& analysis, std::size_t count,
                                                        const FieldModel& model);

} // namespace docextract::detail
