// SPDX-License-Identifier: MIT
#pragma once

#include "fields/analysis.hpp"
#include "fields/candidates.hpp"
#include "fields/dates.hpp"

#include <docextract/fields.hpp>

#include <string>

namespace docextract::detail {

/// The invoice (issue) date and the due date.
struct DateFields {
    Choice date;
    Choice due_date;
    DateOrderDecision order; ///< How ambiguous numeric dates were read.
};

/// Finds the invoice date and the due date. currency: ISO code of the document's currency (a weak hint for the
/// day/month order), empty when unknown.
[[nodiscard]] DateFields find_dates(const Analysis& analysis, DateOrder order, const std::string& currency,
                                    const FieldModel& model);

} // namespace docextract::detail
