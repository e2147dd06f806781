// SPDX-License-Identifier: MIT
#pragma once

#include "fields/labels.hpp"

#include <string_view>
#include <vector>

namespace docextract::detail {

/// Adds to `kept` the long one-word labels of `text` that OCR misspelled by a letter or two ("Towalbedrag",
/// "imponitle"), in words no label of `kept` covers; the words are the [misread] sections of the vocabulary.
void add_misread_labels(std::string_view text, std::vector<LabelMatch>& kept);

} // namespace docextract::detail
