// SPDX-License-Identifier: MIT
#include "einvoice/xml_field.hpp"

#include "einvoice/xml_value.hpp"

#include <algorithm>
#include <utility>

namespace docextract::detail {

bool has_field(const std::vector<Field>& fields, std::string_view name) noexcept {
    return std::any_of(fields.begin(), fields.end(), [name](const Field& field) { return field.name == name; });
}

void add_xml_field(std::vector<Field>& fields, std::string_view name, std::optional<std::string> value,
                   std::string_view raw) {
    if (!value || has_field(fields, name)) {
        return;
    }
    Field field;
    field.name = std::string(name);
    field.value = std::move(value);
    field.confidence = 1.0F;
    field.needs_review = false;
    field.raw_text = std::string(raw.substr(0, max_einvoice_value_length));
    field.source = FieldSource::embedded_xml;
    fields.push_back(std::move(field));
}

} // namespace docextract::detail
