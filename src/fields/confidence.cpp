// SPDX-License-Identifier: MIT
#include "fields/confidence.hpp"

#include <algorithm>
#include <cmath>

namespace docextract::detail {

double candidate_score(const Evidence& e, const ConfidenceModel& m) noexcept {
    double s = m.bias + m.label_weight * e.label + e.prior;
    s -= m.below_penalty * e.rows_below;
    s += m.ocr_weight * (std::clamp(e.ocr, 0.0, 1.0) - 1.0);
    if (e.arithmetic > 0) {
        s += m.arithmetic_ok;
    } else if (e.arithmetic < 0) {
        s -= m.arithmetic_bad;
    }
    if (e.ambiguous) {
        s -= m.ambiguous_penalty;
    }
    return s;
}

double value_logit(double best_score, int further_support, const ConfidenceModel& m) noexcept {
    return best_score + m.support_weight * std::clamp(further_support, 0, m.support_cap);
}

float probability(double logit, double share, const ConfidenceModel& m) noexcept {
    constexpr double min_share = 1e-6;
    const double z = m.scale * logit + m.offset + m.share_exponent * std::log(std::clamp(share, min_share, 1.0));
    const double p = 1.0 / (1.0 + std::exp(-z));
    return static_cast<float>(std::clamp(p, 0.0, 1.0));
}

double ocr_noise(std::span<const PageText> pages, const DocumentCalibration& calibration) noexcept {
    std::size_t words = 0;
    std::size_t unsure = 0;
    for (const auto& page : pages) {
        const bool ocr = page.source == TextSource::ocr;
        for (const auto& line : page.lines) {
            for (const auto& word : line.words) {
                ++words; // text-layer words count as sure ones (a PDF with a scanned letterhead is mostly certain)
                unsure += ocr && word.confidence < calibration.noisy_word ? 1U : 0U;
            }
        }
    }
    return words > 0 ? static_cast<double>(unsure) / static_cast<double>(words) : 0.0;
}

float document_probability(float probability, double noise, const DocumentCalibration& c) noexcept {
    constexpr double edge = 1e-6;
    const double p = std::clamp(static_cast<double>(probability), edge, 1.0 - edge);
    double z = c.slope * std::log(p / (1.0 - p)) + c.offset;
    z -= c.noise_slope * std::max(0.0, noise - c.noise_floor);
    if (noise >= c.noisy_from) {
        z -= c.noisy_step;
    }
    return static_cast<float>(1.0 / (1.0 + std::exp(-z)));
}

double value_share(double logit, const std::vector<double>& all_logits, double temperature) noexcept {
    if (all_logits.empty()) {
        return 1.0;
    }
    const double t = temperature > 0 ? temperature : 1.0;
    const double top = *std::max_element(all_logits.begin(), all_logits.end());
    double sum = 0;
    for (const double l : all_logits) {
        sum += std::exp((l - top) / t);
    }
    return std::exp((logit - top) / t) / sum;
}

std::vector<ReviewReason> evidence_reasons(const Evidence& best, double share, bool labelled_field) {
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
    if (share < conflict_share) {
        reasons.push_back(ReviewReason::conflicting_candidates);
    }
    return reasons;
}

} // namespace docextract::detail
