// SPDX-License-Identifier: MIT
#include "fields/confidence.hpp"

#include <algorithm>
#include <cmath>

namespace docextract::detail {

double ocr_noise(std::span<const PageText> pages) noexcept {
    std::size_t words = 0;
    std::size_t unsure = 0;
    for (const auto& page : pages) {
        const bool ocr = page.source == TextSource::ocr;
        for (const auto& line : page.lines) {
            for (const auto& word : line.words) {
                ++words; // text-layer words count as sure ones (a PDF with a scanned letterhead is mostly certain)
                unsure += ocr && word.confidence < noisy_word ? 1U : 0U;
            }
        }
    }
    return words > 0 ? static_cast<double>(unsure) / static_cast<double>(words) : 0.0;
}

std::vector<ReviewReason> evidence_reasons(const Evidence& best, bool labelled_field) {
    std::vector<ReviewReason> reasons;
    if (labelled_field && best.label <= 0) {
        reasons.push_back(ReviewReason::no_label);
    }
    if (best.ocr < low_ocr_threshold) {
        reasons.push_back(ReviewReason::low_ocr_confidence);
    }
    if (best.ambiguous) {
        reasons.push_back(ReviewReason::ambiguous_day_month);
    }
    if (best.arithmetic < 0) {
        reasons.push_back(ReviewReason::arithmetic_mismatch);
    }
    if (best.implausible) {
        reasons.push_back(ReviewReason::implausible_value);
    }
    return reasons;
}

} // namespace docextract::detail
