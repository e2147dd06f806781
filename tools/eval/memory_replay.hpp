// SPDX-License-Identifier: MIT
#pragma once
// Replaying the vendor memory on labelled documents (docs/evaluation.md, "Vendor memory"): the first document of
// every vendor group is corrected from its ground truth, as a reviewer would through PATCH /result, and the
// memory of all these corrections is then used on every other document. From cached readings, in seconds, so
// that the memory's parameters can be judged (and chosen) on groups whose ranker never saw them.
#include "dataset.hpp"
#include "page_cache.hpp"
#include "readings.hpp"
#include "scoring.hpp"

#include <docextract/fields.hpp>
#include <docextract/vendor_memory.hpp>

#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace docextract::eval {

/// The extractor that reads one sample: the shipped model, or the model of the fold that left the sample out.
struct SampleExtractor {
    const FieldExtractor* extractor = nullptr;
    float threshold = 0.0F; ///< Its review threshold (for the choice of the second reading).
};

/// One value the memory changed.
struct ReplayChange {
    std::string document;               ///< File name.
    std::string field;                  ///< Field name.
    std::optional<std::string> without; ///< The value without the memory.
    std::optional<std::string> with;    ///< The value with it.
    std::string expected;               ///< The labelled value ("" when the field is not labelled).
    bool right_without = false;         ///< Whether `without` matched the label.
    bool right_with = false;            ///< Whether `with` matched the label.
    std::string vendor;                 ///< The remembered vendor that changed it.
    std::string evidence;               ///< MemoryEffect::evidence.
};

/// What happened to the documents of one role (later documents of corrected vendors, or never corrected ones).
struct ReplayedSet {
    std::vector<DocumentOutcome> without; ///< Scored without the memory.
    std::vector<DocumentOutcome> with;    ///< The same documents with it.
    std::map<std::string, int> changed;   ///< Field -> documents whose value the memory changed.
    std::vector<ReplayChange> changes;    ///< Every changed value, in document order.
    std::vector<std::string> vendor_of;   ///< Per document: the remembered vendor it was recognised as, or "".
};

/// The outcome of a replay.
struct MemoryReplay {
    int corrected = 0;   ///< First documents corrected (vendor groups of two or more with a vendor label).
    int recognised = 0;  ///< Later documents whose vendor the memory recognised.
    ReplayedSet later;   ///< The other documents of the corrected groups.
    ReplayedSet never;   ///< Documents of groups of one (their vendor was never corrected).
    VendorMemory memory; ///< Every vendor learnt.
};

/// Replays the memory on the samples with cached readings (others are left out). Groups are the samples'
/// vendor groups (GroupBy::vendor); the first document of a group is the first by file name. The settled values
/// of a corrected document are its labelled ones, normalised as PATCH /result does.
[[nodiscard]] MemoryReplay replay_vendor_memory(const std::vector<Sample>& samples,
                                                const std::vector<std::optional<CacheEntry>>& readings,
                                                const std::function<SampleExtractor(std::size_t)>& extractor_of,
                                                ReadingChoice choice = {});

/// The replay as Markdown tables: per field accuracy, F1 and accepted precision without and with the memory, the
/// documents it changed, and the share needing no review (none of the labelled core fields flagged); with
/// `list_changes`, also every value it changed and every labelled value of a later document it left wrong.
void write_memory_replay(std::ostream& out, const MemoryReplay& replay, const std::string& mode,
                         bool list_changes = false);

} // namespace docextract::eval
