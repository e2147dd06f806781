// SPDX-License-Identifier: MIT
#include "einvoice/ubl_reader.hpp"

#include "einvoice/xml_field.hpp"
#include "einvoice/xml_navigate.hpp"
#include "einvoice/xml_value.hpp"

#include <string_view>

namespace docextract::detail {
namespace {

void add_text(std::vector<Field>& fields, std::string_view name, pugi::xml_node node) {
    const std::string_view text = element_text(node);
    add_xml_field(fields, name, normalise_xml_text(text), text);
}

void add_date(std::vector<Field>& fields, std::string_view name, pugi::xml_node node) {
    const std::string_view text = element_text(node);
    add_xml_field(fields, name, normalise_iso_date(text), text);
}

void add_amount(std::vector<Field>& fields, std::string_view name, pugi::xml_node node) {
    const std::string_view text = element_text(node);
    add_xml_field(fields, name, normalise_xml_amount(text), text);
}

void add_email(std::vector<Field>& fields, pugi::xml_node node) {
    const std::string_view text = element_text(node);
    add_xml_field(fields, "email", normalise_xml_email(text), text);
}

/// The document-level tax amount: the cac:TaxTotal whose cbc:TaxAmount is in the document currency
/// (a second TaxTotal may give it in the accounting currency), else the first one.
pugi::xml_node tax_amount(pugi::xml_node root, std::string_view currency) {
    pugi::xml_node first;
    for (const pugi::xml_node total : children_by_local_name(root, "TaxTotal")) {
        const pugi::xml_node amount = child_by_local_name(total, "TaxAmount");
        if (!amount) {
            continue;
        }
        if (!currency.empty() && attribute_by_local_name(amount, "currencyID") == currency) {
            return amount;
        }
        if (!first) {
            first = amount;
        }
    }
    return first;
}

} // namespace

std::vector<Field> read_ubl_invoice(pugi::xml_node root) {
    std::vector<Field> fields;
    const pugi::xml_node party = find_path(root, {"AccountingSupplierParty", "Party"});
    const pugi::xml_node totals = child_by_local_name(root, "LegalMonetaryTotal");

    // The registered legal name (BT-27) first, the trading name (BT-28) when it is missing.
    add_text(fields, "vendor", find_path(party, {"PartyLegalEntity", "RegistrationName"}));
    add_text(fields, "vendor", find_path(party, {"PartyName", "Name"}));
    add_text(fields, "invoice_number", child_by_local_name(root, "ID"));
    add_date(fields, "date", child_by_local_name(root, "IssueDate"));

    const std::string_view currency_text = element_text(child_by_local_name(root, "DocumentCurrencyCode"));
    const auto currency = normalise_currency_code(currency_text);
    // Invoice total with tax (BT-112); the payable amount (BT-115) is smaller only after prepayments.
    add_amount(fields, "total", child_by_local_name(totals, "TaxInclusiveAmount"));
    add_amount(fields, "total", child_by_local_name(totals, "PayableAmount"));
    add_email(fields, find_path(party, {"Contact", "ElectronicMail"}));
    add_email(fields, child_by_local_name(party, "EndpointID"));
    add_xml_field(fields, "currency", currency, currency_text);
    add_amount(fields, "tax", tax_amount(root, currency ? std::string_view{*currency} : std::string_view{}));
    add_amount(fields, "subtotal", child_by_local_name(totals, "LineExtensionAmount"));
    // cbc:DueDate on an Invoice (UBL 2.1); a CreditNote keeps it in its payment means.
    add_date(fields, "due_date", child_by_local_name(root, "DueDate"));
    add_date(fields, "due_date", find_path(root, {"PaymentMeans", "PaymentDueDate"}));
    return fields;
}

} // namespace docextract::detail
