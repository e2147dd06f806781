// SPDX-License-Identifier: MIT
#pragma once

// What the store keeps beside a result's JSON to list and filter jobs without parsing it: the vendor's value and
// the names of the flagged fields (the result's "needs_review" list).

#include <string>
#include <string_view>
#include <vector>

namespace docextract::service {

struct ResultSummary {
    std::string vendor;
    std::vector<std::string> flagged;
};

/// Reads the summary from a docextract::to_json result; an unreadable result gives an empty summary.
ResultSummary summarize_result(std::string_view result_json);

} // namespace docextract::service
