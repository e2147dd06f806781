// SPDX-License-Identifier: MIT
#pragma once

// The vendor-memory evidence step, after the ranker (docs/field-model.md, "Vendor memory"): a recognised vendor's
// remembered label and place add a bounded amount to the log-odds of the candidates standing there, its canonical
// name takes the place of near-miss spellings, and a value the ranker read clearly is never replaced.

#include "fields/analysis.hpp"
#include "fields/memory_parameters.hpp"

#include <docextract/field_model.hpp>
#include <docextract/vendor_memory.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace docextract::detail {

/// The tax ids printed in a reading beside a tax-id label (outside bill-to/ship-to blocks), normalised.
[[nodiscard]] std::vector<std::string> find_tax_ids(const Analysis& analysis, const MemoryParameters& parameters);

/// The traits of a document from its scored candidate pools and its tax ids.
[[nodiscard]] DocumentTraits document_traits(std::span<const FieldCandidates> pools, std::vector<std::string> tax_ids);

/// The value the memory's evidence makes most probable for one field.
struct Recalled {
    std::string value;      ///< Normalised value (the canonical name for a vendor spelling it).
    double probability = 0; ///< Its softmax mass after the evidence.
    std::size_t best = 0;   ///< Index in the pool of its best candidate after the evidence.
    double none = 0;        ///< Probability of "no value" after the evidence.
    std::string evidence;   ///< "canonical_name" (spelling replaced), "name" or "date_order", then "place"; by '+'.
};

/// The field's value with the memory's evidence, from a pool scored by the ranker (FieldCandidate::score), the
/// log-odds of its "no value" option and the calibrated confidence of the ranker's choice. nullopt when the memory
/// knows nothing of this field, when no candidate has evidence, or when the ranker read another value with a
/// confidence of at least clear_probability (a clearly read vendor name keeps its spelling unless it differs from
/// the canonical one only in case and punctuation).
[[nodiscard]] std::optional<Recalled> recall_field(const FieldCandidates& pool, double none_score,
                                                   double ranker_confidence, const RememberedVendor& vendor,
                                                   const MemoryParameters& parameters);

} // namespace docextract::detail
