// SPDX-License-Identifier: MIT
#include "einvoice/einvoice_parser.hpp"

#include "einvoice/cii_reader.hpp"
#include "einvoice/ubl_reader.hpp"
#include "einvoice/xml_navigate.hpp"

#include <pugixml.hpp>

#include <exception>

namespace docextract::detail {
namespace {

/// UBL roots are common words, so the UBL namespace is required as well ("...:Invoice-2", "...:CreditNote-2").
bool is_ubl_namespace(std::string_view uri) noexcept {
    return uri.starts_with("urn:oasis:names:specification:ubl:schema:xsd:");
}

EInvoiceFormat detect_format(pugi::xml_node root) {
    const std::string_view name = local_name(root.name());
    if (name == "CrossIndustryInvoice") {
        return EInvoiceFormat::cii;
    }
    if (name == "CrossIndustryDocument") {
        return EInvoiceFormat::zugferd1;
    }
    if ((name == "Invoice" || name == "CreditNote") && is_ubl_namespace(namespace_uri(root))) {
        return EInvoiceFormat::ubl;
    }
    return EInvoiceFormat::unknown;
}

} // namespace

std::string_view to_string(EInvoiceFormat format) noexcept {
    switch (format) {
    case EInvoiceFormat::unknown:
        return "unknown";
    case EInvoiceFormat::cii:
        return "cii";
    case EInvoiceFormat::zugferd1:
        return "zugferd1";
    case EInvoiceFormat::ubl:
        return "ubl";
    }
    return "unknown";
}

EInvoiceData parse_einvoice_xml(std::string_view xml) noexcept {
    EInvoiceData data;
    if (xml.empty() || xml.size() > max_einvoice_xml_bytes) {
        return data;
    }
    try {
        pugi::xml_document document;
        // Default options: entity references other than the five predefined ones are left as text and a
        // DOCTYPE is skipped, so nothing is fetched or expanded. The parser itself is not recursive.
        const pugi::xml_parse_result parsed = document.load_buffer(xml.data(), xml.size());
        if (!parsed) {
            return data;
        }
        const pugi::xml_node root = document.document_element();
        const EInvoiceFormat format = detect_format(root);
        switch (format) {
        case EInvoiceFormat::cii:
            data.fields = read_cii_invoice(root, CiiGeneration::invoice_d16b);
            break;
        case EInvoiceFormat::zugferd1:
            data.fields = read_cii_invoice(root, CiiGeneration::document_1p0);
            break;
        case EInvoiceFormat::ubl:
            data.fields = read_ubl_invoice(root);
            break;
        case EInvoiceFormat::unknown:
            break;
        }
        if (!data.fields.empty()) {
            data.format = format;
        }
    } catch (const std::exception&) { // std::bad_alloc from a hostile document: treat as unreadable.
        data = {};
    }
    return data;
}

} // namespace docextract::detail
