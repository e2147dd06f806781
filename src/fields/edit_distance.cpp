// SPDX-License-Identifier: MIT
#include "fields/edit_distance.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace docextract::detail {

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if ((a.size() > b.size() ? a.size() - b.size() : b.size() - a.size()) > limit) {
        return limit + 1;
    }
    std::vector<std::size_t> previous(b.size() + 1);
    std::vector<std::size_t> current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_best = current[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
            row_best = std::min(row_best, current[j]);
        }
        if (row_best > limit) {
            return limit + 1;
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

} // namespace docextract::detail
