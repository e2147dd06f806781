// SPDX-License-Identifier: MIT
#pragma once
// Which lines of an OCR'd page are worth reading again one by one: those that hold the values of the core fields or
// their labels (total, tax and payment rows, date rows, the letterhead).
#include <docextract/text.hpp>

#include <cstddef>
#include <vector>

namespace docextract::detail {

/// Indices into page.lines of the lines worth re-reading, most useful first, at most max_lines: rows with an amount
/// or date label (read with OCR-tolerant spelling), rows with a numeric date, then the topmost lines of the page.
[[nodiscard]] std::vector<std::size_t> lines_worth_rereading(const PageText& page, std::size_t max_lines);

} // namespace docextract::detail
