// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// The longest prefix of `text` of at most `max_bytes` bytes that does not split a UTF-8 sequence.
[[nodiscard]] std::string_view utf8_prefix(std::string_view text, std::size_t max_bytes) noexcept;

/// The text of all pages, pages separated by a newline, cut to `max_bytes` on a UTF-8 boundary.
[[nodiscard]] std::string text_preview(std::span<const PageText> pages, std::size_t max_bytes);

/// Names of the fields a person should check: every core field flagged for review, and every other field
/// (e.g. currency) that has a value but is flagged. An extra field that was simply not found is not listed.
[[nodiscard]] std::vector<std::string> review_list(std::span<const Field> fields);

/// "N of 5 fields extracted confidently.": N counts core fields with a value that are not flagged.
[[nodiscard]] std::string summary_line(std::span<const Field> fields);

} // namespace docextract::detail
