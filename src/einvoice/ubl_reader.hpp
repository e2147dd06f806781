// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/fields.hpp>

#include <pugixml.hpp>

#include <vector>

namespace docextract::detail {

/// Reads the invoice fields of a UBL 2.x Invoice or CreditNote rooted at `root` (XRechnung UBL, Peppol BIS);
/// fields that are absent or malformed are left out.
[[nodiscard]] std::vector<Field> read_ubl_invoice(pugi::xml_node root);

} // namespace docextract::detail
