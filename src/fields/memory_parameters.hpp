// SPDX-License-Identifier: MIT
#pragma once

// The parameters of the vendor-memory evidence step, read from data/model/vendor_memory.json (compiled in).

#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

struct MemoryParameters {
    double label_weight = 0;         ///< Log-odds added per unit of label similarity (at or over the minimum).
    double label_min_similarity = 1; ///< Label similarity (1 - normalised edit distance) that counts at all.
    double place_weight = 0;         ///< Log-odds added at the remembered place (falling off with distance).
    double place_scale = 0.1;        ///< Distance (in page widths/heights) at which the place support is e^-1/2.
    double name_weight = 0;          ///< Log-odds added to a vendor candidate spelling the canonical name.
    double max_logit_shift = 0;      ///< Upper bound of what the memory adds to one candidate.
    double clear_probability = 1;    ///< A reading with at least this confidence is never replaced by another value.
    double name_max_distance = 0;    ///< Normalised edit distance of name keys that still counts as the same name.
    double name_min_share = 1;       ///< The first words of the canonical name, at least this share of it (and
                                     ///< two words), are the name read in part (a name printed on two lines).
    double name_max_distinct_distance = 0;  ///< To recognise a vendor, a near-miss of its whole name must also be
                                            ///< this near in the words that set it apart (distinct_name_distance).
    std::vector<std::string> tax_id_labels; ///< Upper-case words that label a tax id.
    int tax_id_min_digits = 6;              ///< Digits a tax id has at least.
    int tax_id_max_edits = 0; ///< Misread characters two tax ids (of 10 or more characters) may differ by.
    std::vector<std::string> shared_email_domains; ///< Free-mail domains: they recognise no vendor.
};

/// Parses the parameter file; throws Error(invalid_argument) for a missing or malformed entry.
[[nodiscard]] MemoryParameters parse_memory_parameters(std::string_view json);

/// The shipped parameters.
[[nodiscard]] const MemoryParameters& memory_parameters();

/// The embedded data/model/vendor_memory.json.
[[nodiscard]] std::string_view shipped_memory_parameters_json() noexcept;

/// Normalised edit distance (0 same, 1 nothing in common) of two vendor name keys.
[[nodiscard]] double name_distance(std::string_view a_key, std::string_view b_key);

/// Normalised edit distance of the words that set two name keys apart: their words that are no business word
/// or legal form of the vocabulary ("YONG TAT" and "HON HWA" of "... HARDWARE TRADING"). The whole keys' distance
/// when either has no such word.
[[nodiscard]] double distinct_name_distance(std::string_view a_key, std::string_view b_key);

/// How a candidate's name key reads the canonical name's key. `anywhere` false (recognising a vendor): only the
/// first words are a part, and a near-miss must also be near in the distinct words.
enum class NameMatch {
    none,     ///< Another name.
    same,     ///< The same key (case and punctuation aside).
    spelling, ///< A near-miss spelling of the whole name.
    part,     ///< Its first words (or, `anywhere`, any run of its words), near-miss spellings allowed: a name
              ///< printed on two lines. Only the first words recognise a vendor: the last ones ("HARDWARE
              ///< TRADING", "SDN BHD") are shared by many.
    wider,    ///< Every word of the canonical name in order, near-miss spellings allowed, and one run of words of
              ///< its own ("MR DIY KUCHAI SDN BHD" for "MR DIY SDN BHD"): a branch, or a longer form of the name.
};
[[nodiscard]] NameMatch name_match(std::string_view candidate_key, std::string_view canonical_key,
                                   const MemoryParameters& parameters, bool anywhere);

/// A `wider` reading of the canonical name in the canonical spelling: the canonical name's words with the
/// reading's own run of words kept where it stands ("MR. D.I.Y. (KUCHAI) SDN BHD" for the reading "HR. D.1.Y.
/// (KUCHAI) SDN BHD" of "MR. D.I.Y. SDN BHD"). Empty when the two do not match so, or when a printed word of
/// either is not one key word (then there is no word-for-word respelling). `recognising`: as name_match's
/// `anywhere` false, the distinct words must be near too.
[[nodiscard]] std::string respell_wider(std::string_view reading, std::string_view canonical,
                                        const MemoryParameters& parameters, bool recognising = false);

/// Whether two normalised tax ids are the same: equal, or (10 characters or more) tax_id_max_edits apart.
[[nodiscard]] bool same_tax_id(std::string_view a, std::string_view b, const MemoryParameters& parameters);

/// Similarity (1 - normalised edit distance) of two labels, compared as name keys; 0 when either is empty.
[[nodiscard]] double label_similarity(std::string_view a, std::string_view b);

} // namespace docextract::detail
