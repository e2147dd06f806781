// SPDX-License-Identifier: MIT
#include <docextract/fields.hpp>

#include <algorithm>

namespace docextract {

namespace {

void add_reason(std::vector<ReviewReason>& reasons, ReviewReason reason) {
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
        reasons.push_back(reason);
    }
}

void remove_reason(std::vector<ReviewReason>& reasons, ReviewReason reason) {
    reasons.erase(std::remove(reasons.begin(), reasons.end(), reason), reasons.end());
}

} // namespace

void apply_review_threshold(std::vector<Field>& fields, float threshold) {
    for (auto& field : fields) {
        if (!field.value) {
            field.needs_review = true;
            add_reason(field.reasons, ReviewReason::not_found);
            // "below threshold" says nothing more than "not found" when there is no value.
            remove_reason(field.reasons, ReviewReason::below_threshold);
            continue;
        }
        remove_reason(field.reasons, ReviewReason::not_found);
        if (field.confidence < threshold) {
            field.needs_review = true;
            add_reason(field.reasons, ReviewReason::below_threshold);
        } else {
            field.needs_review = false;
            // Applying a lower threshold again must not leave a stale flag behind.
            remove_reason(field.reasons, ReviewReason::below_threshold);
        }
    }
}

} // namespace docextract
