// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>

namespace docextract::detail {

/// The text with its ASCII capitals in lower case; every other byte (UTF-8 letters included) as it is.
[[nodiscard]] inline std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

} // namespace docextract::detail
