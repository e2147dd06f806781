// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/fields.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// Appends a field read from embedded XML (confidence 1, no review, source embedded_xml) when `value` is set
/// and no field of that name was added before; `raw` is the element text as written in the XML.
void add_xml_field(std::vector<Field>& fields, std::string_view name, std::optional<std::string> value,
                   std::string_view raw);

/// True when `fields` holds a field named `name`.
[[nodiscard]] bool has_field(const std::vector<Field>& fields, std::string_view name) noexcept;

} // namespace docextract::detail
