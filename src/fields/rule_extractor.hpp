// SPDX-License-Identifier: MIT
#pragma once

#include "fields/analysis.hpp"
#include "fields/candidates.hpp"

#include <docextract/fields.hpp>

#include <string>
#include <vector>

namespace docextract::detail {

/// A field's choice under its name.
struct NamedChoice {
    std::string name;
    Choice choice;
};

/// Runs every field finder: the core fields, currency, then subtotal, tax and due date when a label names them.
[[nodiscard]] std::vector<NamedChoice> choose_fields(const Analysis& analysis, const ExtractorOptions& options,
                                                     const FieldModel& model);

} // namespace docextract::detail
