// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// What OCR may read each letter of a label word as: 'o' -> {"0"}, 'm' -> {"rn", "n"}.
using OcrConfusions = std::map<char, std::vector<std::string>>;

/// Rewrites each "~word" of a PCRE2 pattern so that every letter of the word also matches its confusions
/// ("~total" with o -> 0 and l -> 1 becomes "t[o0]ta[l1]"); the rest of the pattern is left as it is.
[[nodiscard]] std::string expand_ocr_words(std::string_view pattern, const OcrConfusions& confusions);

} // namespace docextract::detail
