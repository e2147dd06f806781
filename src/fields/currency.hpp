// SPDX-License-Identifier: MIT
#pragma once

#include "fields/analysis.hpp"
#include "fields/candidates.hpp"

#include <string>

namespace docextract::detail {

/// The document's currency as an ISO 4217 code, from currency marks on amounts (the total's mark counts most)
/// and code words such as "EUR" or "RM" printed on their own.
[[nodiscard]] Choice find_currency(const Analysis& analysis, const Choice& total, const std::string& total_currency,
                                   const FieldModel& model);

} // namespace docextract::detail
