// SPDX-License-Identifier: MIT
#pragma once
// Value recall: the share of labelled values that occur anywhere in a document's recognised words, per reading pass.
// It is the ceiling of field extraction: no choice among candidates can be right when the value was never read.
#include "dataset.hpp"
#include "page_cache.hpp"

#include <docextract/text.hpp>

#include <iosfwd>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::eval {

/// Whether the labelled value of a field occurs in the words of the lines (matched as the field's rules say: an
/// amount to the cent in any number printed, a date in a numeric or month-name form, a vendor name, email or number
/// as normalised text across consecutive lines).
[[nodiscard]] bool value_occurs(std::string_view field, std::string_view expected,
                                const std::vector<const TextLine*>& lines);

/// A set of reading passes whose words are searched together.
struct PassSet {
    std::string name;                ///< e.g. "page+missed_text".
    std::vector<ReadingPass> passes; ///< Lines of these passes are searched (picture counts with page).
};

/// The pass sets reported: the page alone, then each further pass added, then the line and second readings alone.
[[nodiscard]] std::vector<PassSet> reported_pass_sets();

/// Per field and pass set: how many labelled values occur, of how many.
struct ValueRecall {
    std::vector<PassSet> sets;
    std::map<std::string, std::vector<int>> found; ///< Field -> per set, values that occur.
    std::map<std::string, int> labelled;           ///< Field -> labelled values (of documents with readings).
    int documents = 0;                             ///< Documents with cached readings.
    int ocr_documents = 0;                         ///< Of those, documents with OCR'd pages.
    StageTimings ocr;                              ///< Sum of the OCR time per pass over the documents.
};

/// Value recall of the samples from their cached readings (documents not in the cache are left out).
[[nodiscard]] ValueRecall value_recall(const std::vector<Sample>& samples, const PageCache& cache);

/// Prints the value recall table and the mean OCR time per pass.
void write_value_recall(std::ostream& out, const ValueRecall& recall);

} // namespace docextract::eval
