// SPDX-License-Identifier: MIT
#include "einvoice/cii_reader.hpp"

#include "einvoice/xml_field.hpp"
#include "einvoice/xml_navigate.hpp"
#include "einvoice/xml_value.hpp"

#include <string_view>

namespace docextract::detail {
namespace {

/// Element names that differ between the two CII generations; everything below them is shared.
struct CiiNames {
    std::string_view document;    ///< Header document (ID, IssueDateTime).
    std::string_view transaction; ///< Trade transaction.
    std::string_view agreement;   ///< Trade agreement (seller, buyer).
    std::string_view settlement;  ///< Trade settlement (currency, terms, totals).
    std::string_view summation;   ///< Monetary summation inside the settlement.
};

constexpr CiiNames d16b_names{"ExchangedDocument", "SupplyChainTradeTransaction", "ApplicableHeaderTradeAgreement",
                              "ApplicableHeaderTradeSettlement", "SpecifiedTradeSettlementHeaderMonetarySummation"};
constexpr CiiNames zugferd1_names{"HeaderExchangedDocument", "SpecifiedSupplyChainTradeTransaction",
                                  "ApplicableSupplyChainTradeAgreement", "ApplicableSupplyChainTradeSettlement",
                                  "SpecifiedTradeSettlementMonetarySummation"};

/// Adds a date held as udt:DateTimeString (with its format attribute) inside `holder`.
void add_cii_date(std::vector<Field>& fields, std::string_view name, pugi::xml_node holder) {
    const pugi::xml_node string = child_by_local_name(holder, "DateTimeString");
    const std::string_view text = element_text(string);
    add_xml_field(fields, name, normalise_cii_date(text, attribute_by_local_name(string, "format")), text);
}

void add_amount(std::vector<Field>& fields, std::string_view name, pugi::xml_node amount) {
    const std::string_view text = element_text(amount);
    add_xml_field(fields, name, normalise_xml_amount(text), text);
}

/// The seller's e-mail: contact e-mail first (document order), then its electronic address (schemeID EM);
/// only values that look like an address are taken.
void add_seller_email(std::vector<Field>& fields, pugi::xml_node seller) {
    for (const pugi::xml_node uri : descendants_by_local_name(seller, "URIID")) {
        const std::string_view text = element_text(uri);
        if (auto email = normalise_xml_email(text)) {
            add_xml_field(fields, "email", std::move(email), text);
            return;
        }
    }
}

} // namespace

std::vector<Field> read_cii_invoice(pugi::xml_node root, CiiGeneration generation) {
    const CiiNames& names = generation == CiiGeneration::invoice_d16b ? d16b_names : zugferd1_names;
    std::vector<Field> fields;

    const pugi::xml_node document = child_by_local_name(root, names.document);
    const pugi::xml_node transaction = child_by_local_name(root, names.transaction);
    const pugi::xml_node seller = find_path(transaction, {names.agreement, "SellerTradeParty"});
    const pugi::xml_node settlement = child_by_local_name(transaction, names.settlement);
    const pugi::xml_node summation = child_by_local_name(settlement, names.summation);

    const std::string_view seller_name = element_text(child_by_local_name(seller, "Name"));
    add_xml_field(fields, "vendor", normalise_xml_text(seller_name), seller_name);
    const std::string_view number = element_text(child_by_local_name(document, "ID"));
    add_xml_field(fields, "invoice_number", normalise_xml_text(number), number);
    add_cii_date(fields, "date", child_by_local_name(document, "IssueDateTime"));

    const std::string_view currency_text = element_text(child_by_local_name(settlement, "InvoiceCurrencyCode"));
    const auto currency = normalise_currency_code(currency_text);
    const std::string_view currency_id = currency ? std::string_view{*currency} : std::string_view{};
    // Grand total (BT-112) is the invoice total; the amount due (BT-115) differs only after prepayments.
    add_amount(fields, "total", child_in_currency(summation, "GrandTotalAmount", currency_id));
    add_amount(fields, "total", child_in_currency(summation, "DuePayableAmount", currency_id));
    add_seller_email(fields, seller);
    add_xml_field(fields, "currency", currency, currency_text);
    // TaxTotalAmount may be given twice (invoice and accounting currency): take the invoice currency one.
    add_amount(fields, "tax", child_in_currency(summation, "TaxTotalAmount", currency_id));
    // Subtotal is the sum of the lines (BT-106); the tax basis (BT-109) only when the line total is missing.
    add_amount(fields, "subtotal", child_in_currency(summation, "LineTotalAmount", currency_id));
    add_amount(fields, "subtotal", child_in_currency(summation, "TaxBasisTotalAmount", currency_id));
    for (const pugi::xml_node terms : children_by_local_name(settlement, "SpecifiedTradePaymentTerms")) {
        add_cii_date(fields, "due_date", child_by_local_name(terms, "DueDateDateTime"));
    }
    return fields;
}

} // namespace docextract::detail
