// SPDX-License-Identifier: MIT
#pragma once

#include "fields/labels.hpp"

#include <string_view>
#include <vector>

namespace docextract::detail {

/// Adds to `kept` the long one-word labels of `text` that OCR misspelled by a letter or two ("Towalbedrag",
/// "imponitle"), in words no label of `kept` covers, at a strength below an exact label's.
void add_misread_labels(std::string_view text, std::vector<LabelMatch>& kept);

} // namespace docextract::detail
