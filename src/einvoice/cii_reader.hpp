// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/fields.hpp>

#include <pugixml.hpp>

#include <vector>

namespace docextract::detail {

/// Which generation of the UN/CEFACT Cross Industry schema a document uses.
enum class CiiGeneration {
    invoice_d16b, ///< rsm:CrossIndustryInvoice (Factur-X, ZUGFeRD 2.x, XRechnung CII).
    document_1p0, ///< rsm:CrossIndustryDocument (ZUGFeRD 1.0).
};

/// Reads the invoice fields of a CII document rooted at `root`; fields that are absent or malformed are left out.
[[nodiscard]] std::vector<Field> read_cii_invoice(pugi::xml_node root, CiiGeneration generation);

} // namespace docextract::detail
