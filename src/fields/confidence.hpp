// SPDX-License-Identifier: MIT
#pragma once

#include "fields/features.hpp"

#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <span>

#include <vector>

namespace docextract::detail {

/// What is known about one candidate value: the facts the finders use while generating (label, OCR,
/// arithmetic) and the named features they set for the model. Nothing here is a weight.
struct Evidence {
    double label = 0;         ///< Strength 0..1 of the label naming the field; 0 when the value stands alone.
    int rows_below = 0;       ///< 0: value right of its label; k: k rows under it.
    double ocr = 1.0;         ///< Mean OCR confidence of the value's words, 0..1.
    int arithmetic = 0;       ///< +1: the page's amounts add up to this value; -1: they contradict it; 0: no check.
    bool ambiguous = false;   ///< An ambiguous numeric date decided by weak evidence.
    bool implausible = false; ///< The value is possible but unusual (a zero or negative total).
    FeatureVector flags{};    ///< Field-specific features the finders set (position, shape, vocabulary...).

    /// Adds value to a feature.
    void add(Feature feature, double value = 1.0) noexcept {
        flags[static_cast<std::size_t>(feature)] += static_cast<float>(value);
    }
    /// Sets a feature to value.
    void set(Feature feature, double value) noexcept {
        flags[static_cast<std::size_t>(feature)] = static_cast<float>(value);
    }
    /// The value of a feature.
    [[nodiscard]] double get(Feature feature) const noexcept { return flags[static_cast<std::size_t>(feature)]; }
};

/// OCR confidence assumed for an amount that the page's other amounts add up to (its digits are confirmed).
inline constexpr double arithmetic_confirmed_ocr = 0.9;
/// OCR confidence of a labelled total at which the page's arithmetic no longer repairs one of its digits.
inline constexpr double sure_total_ocr = 0.9;
/// Mean OCR confidence below which low_ocr_confidence is reported.
inline constexpr double low_ocr_threshold = 0.6;
/// Share of the chosen value below which conflicting_candidates is reported.
inline constexpr double conflict_share = 0.75;
/// OCR words with a lower confidence count as noise.
inline constexpr float noisy_word = 0.5F;
/// Noise from which the page counts as noisy (and fields carry low_ocr_confidence).
inline constexpr double noisy_from = 0.10;

/// Share of all words that are OCR words with a confidence below noisy_word (0 for text layers).
[[nodiscard]] double ocr_noise(std::span<const PageText> pages) noexcept;

/// The review hints the evidence supports (no_label, low_ocr_confidence, arithmetic_mismatch,
/// ambiguous_day_month, implausible_value).
[[nodiscard]] std::vector<ReviewReason> evidence_reasons(const Evidence& best, bool labelled_field = true);

} // namespace docextract::detail
