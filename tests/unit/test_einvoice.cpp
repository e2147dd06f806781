// SPDX-License-Identifier: MIT
// Tests of the embedded e-invoice reader (src/einvoice/) on XML written here, one document per syntax.
#include "einvoice/einvoice_parser.hpp"
#include "einvoice/embedded_fields.hpp"
#include "einvoice/xml_value.hpp"

#include <docextract/document.hpp>
#include <docextract/fields.hpp>

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace {

using docextract::EmbeddedInvoice;
using docextract::Field;
using docextract::FieldSource;
using docextract::detail::EInvoiceFormat;
using docextract::detail::parse_einvoice_xml;

/// The value of the field named `name`, or "<missing>".
std::string value_of(const std::vector<Field>& fields, std::string_view name) {
    for (const Field& field : fields) {
        if (field.name == name) {
            return field.value.value_or("<no value>");
        }
    }
    return "<missing>";
}

/// A Factur-X (EN 16931 profile) invoice, shaped like the output of common generators.
constexpr std::string_view facturx_invoice = R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
    xmlns:qdt="urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
    xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter>
      <ram:ID>urn:cen.eu:en16931:2017</ram:ID>
    </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>FA-2024-0117</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20240305</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct><ram:Name>Consulting, March</ram:Name></ram:SpecifiedTradeProduct>
    </ram:IncludedSupplyChainTradeLineItem>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty>
        <ram:Name>Atelier   Lumière
          SARL</ram:Name>
        <ram:DefinedTradeContact>
          <ram:PersonName>Jeanne Roux</ram:PersonName>
          <ram:EmailURIUniversalCommunication><ram:URIID>Compta@Atelier-Lumiere.example</ram:URIID></ram:EmailURIUniversalCommunication>
        </ram:DefinedTradeContact>
        <ram:PostalTradeAddress><ram:CountryID>FR</ram:CountryID></ram:PostalTradeAddress>
        <ram:URIUniversalCommunication><ram:URIID schemeID="EM">factures@atelier-lumiere.example</ram:URIID></ram:URIUniversalCommunication>
      </ram:SellerTradeParty>
      <ram:BuyerTradeParty>
        <ram:Name>Buyer GmbH</ram:Name>
        <ram:URIUniversalCommunication><ram:URIID schemeID="EM">ap@buyer.example</ram:URIID></ram:URIUniversalCommunication>
      </ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradePaymentTerms>
        <ram:Description>30 days net</ram:Description>
        <ram:DueDateDateTime><udt:DateTimeString format="102">20240404</udt:DateTimeString></ram:DueDateDateTime>
      </ram:SpecifiedTradePaymentTerms>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>1250.00</ram:LineTotalAmount>
        <ram:ChargeTotalAmount>0.00</ram:ChargeTotalAmount>
        <ram:AllowanceTotalAmount>50.00</ram:AllowanceTotalAmount>
        <ram:TaxBasisTotalAmount>1200.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="CHF">233.10</ram:TaxTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">240.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>1440.00</ram:GrandTotalAmount>
        <ram:TotalPrepaidAmount>440.00</ram:TotalPrepaidAmount>
        <ram:DuePayableAmount>1000.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>)";

/// A ZUGFeRD 1.0 (CrossIndustryDocument) invoice.
constexpr std::string_view zugferd1_invoice = R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"
    xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"
    xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
  <rsm:SpecifiedExchangedDocumentContext/>
  <rsm:HeaderExchangedDocument>
    <ram:ID>RE-2013-471102</ram:ID>
    <ram:Name>RECHNUNG</ram:Name>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20130305</udt:DateTimeString></ram:IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ram:ApplicableSupplyChainTradeAgreement>
      <ram:SellerTradeParty>
        <ram:Name>Lieferant GmbH</ram:Name>
        <ram:DefinedTradeContact>
          <ram:EmailURIUniversalCommunication><ram:URIID>info@lieferant.example</ram:URIID></ram:EmailURIUniversalCommunication>
        </ram:DefinedTradeContact>
      </ram:SellerTradeParty>
    </ram:ApplicableSupplyChainTradeAgreement>
    <ram:ApplicableSupplyChainTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementMonetarySummation>
        <ram:LineTotalAmount currencyID="EUR">198.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount currencyID="EUR">198.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">37.62</ram:TaxTotalAmount>
        <ram:GrandTotalAmount currencyID="EUR">235.62</ram:GrandTotalAmount>
      </ram:SpecifiedTradeSettlementMonetarySummation>
    </ram:ApplicableSupplyChainTradeSettlement>
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>)";

/// An XRechnung UBL invoice with a prepayment (total 595.00, payable 495.00), default-namespace root.
constexpr std::string_view ubl_invoice = R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0</cbc:CustomizationID>
  <cbc:ID>  2024/118 </cbc:ID>
  <cbc:IssueDate>2024-11-07</cbc:IssueDate>
  <cbc:DueDate>2024-12-07</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>eur</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty>
    <cac:Party>
      <cbc:EndpointID schemeID="EM">edi@brandt-werkzeuge.example</cbc:EndpointID>
      <cac:PartyName><cbc:Name>Brandt</cbc:Name></cac:PartyName>
      <cac:PartyLegalEntity><cbc:RegistrationName>Brandt Werkzeuge GmbH</cbc:RegistrationName></cac:PartyLegalEntity>
      <cac:Contact><cbc:ElectronicMail>mailto:Rechnung@Brandt-Werkzeuge.example</cbc:ElectronicMail></cac:Contact>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      <cac:PartyLegalEntity><cbc:RegistrationName>Kunde AG</cbc:RegistrationName></cac:PartyLegalEntity>
      <cac:Contact><cbc:ElectronicMail>einkauf@kunde.example</cbc:ElectronicMail></cac:Contact>
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">95.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">500</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">500.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">595.00</cbc:TaxInclusiveAmount>
    <cbc:PrepaidAmount currencyID="EUR">100.00</cbc:PrepaidAmount>
    <cbc:PayableAmount currencyID="EUR">495.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</Invoice>)";

} // namespace

TEST_SUITE("einvoice") {

    TEST_CASE("Factur-X CII: all fields, normalised, confidence 1 and source embedded_xml") {
        const auto data = parse_einvoice_xml(facturx_invoice);
        CHECK(data.format == EInvoiceFormat::cii);
        CHECK(value_of(data.fields, "vendor") == "Atelier Lumière SARL");
        CHECK(value_of(data.fields, "invoice_number") == "FA-2024-0117");
        CHECK(value_of(data.fields, "date") == "2024-03-05");
        CHECK(value_of(data.fields, "total") == "1440.00"); // grand total, not the amount still due
        CHECK(value_of(data.fields, "email") == "compta@atelier-lumiere.example"); // seller contact, lower case
        CHECK(value_of(data.fields, "currency") == "EUR");
        CHECK(value_of(data.fields, "tax") == "240.00"); // the invoice-currency tax total, not the CHF one
        CHECK(value_of(data.fields, "subtotal") == "1250.00");
        CHECK(value_of(data.fields, "due_date") == "2024-04-04");
        CHECK(data.fields.size() == 9);
        for (const Field& field : data.fields) {
            INFO(field.name);
            CHECK(field.confidence == doctest::Approx(1.0));
            CHECK(field.source == FieldSource::embedded_xml);
            CHECK_FALSE(field.needs_review);
            CHECK(field.reasons.empty());
            CHECK_FALSE(field.raw_text.empty());
        }
    }

    TEST_CASE("CII: the amount due stands in for a missing grand total, the seller address for a missing contact") {
        std::string xml(facturx_invoice);
        const auto erase_element = [&xml](std::string_view open, std::string_view close) {
            const auto begin = xml.find(open);
            REQUIRE(begin != std::string::npos);
            xml.erase(begin, xml.find(close, begin) + close.size() - begin);
        };
        erase_element("<ram:GrandTotalAmount>", "</ram:GrandTotalAmount>");
        erase_element("<ram:DefinedTradeContact>", "</ram:DefinedTradeContact>");
        erase_element("<ram:LineTotalAmount>", "</ram:LineTotalAmount>");
        const auto data = parse_einvoice_xml(xml);
        CHECK(value_of(data.fields, "total") == "1000.00");
        CHECK(value_of(data.fields, "email") == "factures@atelier-lumiere.example");
        CHECK(value_of(data.fields, "subtotal") == "1200.00"); // tax basis when the line total is missing
    }

    TEST_CASE("ZUGFeRD 1.0 CrossIndustryDocument") {
        const auto data = parse_einvoice_xml(zugferd1_invoice);
        CHECK(data.format == EInvoiceFormat::zugferd1);
        CHECK(value_of(data.fields, "vendor") == "Lieferant GmbH");
        CHECK(value_of(data.fields, "invoice_number") == "RE-2013-471102");
        CHECK(value_of(data.fields, "date") == "2013-03-05");
        CHECK(value_of(data.fields, "total") == "235.62");
        CHECK(value_of(data.fields, "tax") == "37.62");
        CHECK(value_of(data.fields, "email") == "info@lieferant.example");
        CHECK(value_of(data.fields, "currency") == "EUR");
        CHECK(value_of(data.fields, "due_date") == "<missing>");
    }

    TEST_CASE("UBL invoice (XRechnung): legal name, invoice total, contact e-mail") {
        const auto data = parse_einvoice_xml(ubl_invoice);
        CHECK(data.format == EInvoiceFormat::ubl);
        CHECK(value_of(data.fields, "vendor") == "Brandt Werkzeuge GmbH");
        CHECK(value_of(data.fields, "invoice_number") == "2024/118");
        CHECK(value_of(data.fields, "date") == "2024-11-07");
        CHECK(value_of(data.fields, "due_date") == "2024-12-07");
        CHECK(value_of(data.fields, "total") == "595.00");
        CHECK(value_of(data.fields, "subtotal") == "500.00");
        CHECK(value_of(data.fields, "tax") == "95.00");
        CHECK(value_of(data.fields, "currency") == "EUR");
        CHECK(value_of(data.fields, "email") == "rechnung@brandt-werkzeuge.example");
    }

    TEST_CASE("UBL credit note with prefixed root, trading name only and due date in payment means") {
        const std::string xml = R"(<ubl:CreditNote xmlns:ubl="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
        xmlns:a="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
        xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
      <b:ID>CN-77</b:ID><b:IssueDate>2023-02-28+01:00</b:IssueDate><b:DocumentCurrencyCode>GBP</b:DocumentCurrencyCode>
      <a:AccountingSupplierParty><a:Party><a:PartyName><b:Name>Harbour Books</b:Name></a:PartyName></a:Party>
      </a:AccountingSupplierParty>
      <a:PaymentMeans><b:PaymentMeansCode>30</b:PaymentMeansCode><b:PaymentDueDate>2023-03-30</b:PaymentDueDate></a:PaymentMeans>
      <a:LegalMonetaryTotal><b:PayableAmount currencyID="GBP">-12.5</b:PayableAmount></a:LegalMonetaryTotal>
    </ubl:CreditNote>)";
        const auto data = parse_einvoice_xml(xml);
        CHECK(data.format == EInvoiceFormat::ubl);
        CHECK(value_of(data.fields, "vendor") == "Harbour Books");
        CHECK(value_of(data.fields, "date") == "2023-02-28");
        CHECK(value_of(data.fields, "due_date") == "2023-03-30");
        CHECK(value_of(data.fields, "total") == "-12.50");
        CHECK(value_of(data.fields, "currency") == "GBP");
        CHECK(value_of(data.fields, "email") == "<missing>");
    }

    TEST_CASE("malformed values are left out, the others kept") {
        std::string xml(facturx_invoice);
        const auto replace = [&xml](std::string_view from, std::string_view to) {
            const auto at = xml.find(from);
            REQUIRE(at != std::string::npos);
            xml.replace(at, from.size(), to);
        };
        replace("20240305", "20241345");    // month 13
        replace(">1440.00<", ">1.440,00<"); // not an xs:decimal
        replace(">EUR</ram:Invoice", ">EURO</ram:Invoice");
        replace("format=\"102\">20240404", "format=\"610\">202404"); // a month, not a day
        const auto data = parse_einvoice_xml(xml);
        CHECK(data.format == EInvoiceFormat::cii);
        CHECK(value_of(data.fields, "date") == "<missing>");
        CHECK(value_of(data.fields, "total") == "1000.00"); // the amount due is still a valid amount
        CHECK(value_of(data.fields, "currency") == "<missing>");
        CHECK(value_of(data.fields, "due_date") == "<missing>");
        CHECK(value_of(data.fields, "invoice_number") == "FA-2024-0117");
    }

    TEST_CASE("invalid, unknown or hostile XML gives no fields") {
        CHECK(parse_einvoice_xml("").fields.empty());
        CHECK(parse_einvoice_xml("not xml at all").fields.empty());
        const std::string truncated(facturx_invoice.substr(0, facturx_invoice.size() / 2));
        CHECK(parse_einvoice_xml(truncated).format == EInvoiceFormat::unknown);
        CHECK(parse_einvoice_xml(truncated).fields.empty());
        CHECK(parse_einvoice_xml("<order><ID>1</ID></order>").fields.empty());
        // An "Invoice" root outside the UBL namespace is somebody else's format.
        CHECK(parse_einvoice_xml(R"(<Invoice xmlns="urn:example:billing"><ID>7</ID><IssueDate>2024-01-02</IssueDate>
        </Invoice>)")
                  .fields.empty());
        // A recognised root without any readable field is treated as unknown too.
        CHECK(parse_einvoice_xml(R"(<rsm:CrossIndustryInvoice xmlns:rsm="x"/>)").format == EInvoiceFormat::unknown);

        std::string oversized(docextract::detail::max_einvoice_xml_bytes + 1, ' ');
        oversized.replace(0, facturx_invoice.size(), facturx_invoice);
        CHECK(parse_einvoice_xml(oversized).fields.empty());

        // Entity expansion ("billion laughs") is never performed: the reference stays as text.
        const std::string laughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rsm:CrossIndustryInvoice xmlns:rsm="r" xmlns:ram="a"><rsm:ExchangedDocument><ram:ID>&lol3;</ram:ID>
</rsm:ExchangedDocument></rsm:CrossIndustryInvoice>)";
        const auto data = parse_einvoice_xml(laughs);
        CHECK(value_of(data.fields, "invoice_number") == "&lol3;");
    }

    TEST_CASE("amount normalisation") {
        using docextract::detail::normalise_xml_amount;
        CHECK(normalise_xml_amount("1234.5") == "1234.50");
        CHECK(normalise_xml_amount(" 12 ") == "12.00");
        CHECK(normalise_xml_amount("+0.456") == "0.46");
        CHECK(normalise_xml_amount("-0.454") == "-0.45");
        CHECK(normalise_xml_amount("-0.001") == "0.00");
        CHECK(normalise_xml_amount("9.995") == "10.00");
        CHECK(normalise_xml_amount("99.999") == "100.00");
        CHECK(normalise_xml_amount("007.10") == "7.10");
        CHECK(normalise_xml_amount(".5") == "0.50");
        CHECK(normalise_xml_amount("5.") == "5.00");
        CHECK_FALSE(normalise_xml_amount("1,234.00"));
        CHECK_FALSE(normalise_xml_amount("12 EUR"));
        CHECK_FALSE(normalise_xml_amount("."));
        CHECK_FALSE(normalise_xml_amount("-"));
        CHECK_FALSE(normalise_xml_amount("1e3"));
        CHECK_FALSE(normalise_xml_amount(std::string(64, '9')));
    }

    TEST_CASE("date, e-mail, currency and text normalisation") {
        using namespace docextract::detail;
        CHECK(normalise_cii_date("20240229", "102") == "2024-02-29");
        CHECK_FALSE(normalise_cii_date("20230229", "102"));
        CHECK_FALSE(normalise_cii_date("2024-02-01", "102"));
        CHECK(normalise_cii_date("2024-02-01", "") == "2024-02-01");
        CHECK(normalise_cii_date("20240201", "") == "2024-02-01");
        CHECK_FALSE(normalise_cii_date("202402", "610"));
        CHECK(normalise_iso_date("2024-12-31Z") == "2024-12-31");
        CHECK_FALSE(normalise_iso_date("2024-12-32"));
        CHECK_FALSE(normalise_iso_date("31.12.2024"));
        CHECK(normalise_xml_email(" MAILTO:Billing@Shop.Example ") == "billing@shop.example");
        CHECK_FALSE(normalise_xml_email("0204:991-12345-67"));
        CHECK_FALSE(normalise_xml_email("a@b@c.de"));
        CHECK_FALSE(normalise_xml_email("name@localhost"));
        CHECK(normalise_currency_code(" chf") == "CHF");
        CHECK_FALSE(normalise_currency_code("€"));
        CHECK(normalise_xml_text("  A\n\t B  ") == "A B");
        CHECK_FALSE(normalise_xml_text(" \n "));
        CHECK_FALSE(normalise_xml_text(std::string(max_einvoice_value_length + 1, 'x')));
    }

    TEST_CASE("embedded files: standard names first, garbage skipped") {
        using docextract::detail::read_embedded_invoice;
        const std::vector<EmbeddedInvoice> files = {
            {"notes.xml", "<broken"},
            {"other-invoice.xml", std::string(zugferd1_invoice)},
            {"Factur-X.xml", std::string(facturx_invoice)},
        };
        const auto data = read_embedded_invoice(files);
        CHECK(data.format == EInvoiceFormat::cii);
        CHECK(value_of(data.fields, "invoice_number") == "FA-2024-0117");

        const std::vector<EmbeddedInvoice> only_bad = {{"factur-x.xml", "<rsm:CrossIndustryInvoice"}, {"a.xml", ""}};
        CHECK(read_embedded_invoice(only_bad).fields.empty());
        const std::vector<EmbeddedInvoice> fallback = {{"factur-x.xml", "garbage"},
                                                       {"x.xml", std::string(ubl_invoice)}};
        CHECK(read_embedded_invoice(fallback).format == EInvoiceFormat::ubl);
    }

    TEST_CASE("merging: XML fields replace page fields of the same name, others stay") {
        using docextract::detail::merge_embedded_fields;
        std::vector<Field> page_fields(3);
        page_fields[0].name = "vendor";
        page_fields[0].value = "ATELIER LUMIERE";
        page_fields[0].source = FieldSource::text_layer;
        page_fields[0].page = 0;
        page_fields[1].name = "total";
        page_fields[1].value = "1440.00";
        page_fields[1].page = 1;
        page_fields[1].box = docextract::Box{10, 20, 30, 40};
        page_fields[1].source = FieldSource::text_layer;
        page_fields[2].name = "reference";
        page_fields[2].value = "PO-1";
        page_fields[2].source = FieldSource::text_layer;

        auto xml_fields = parse_einvoice_xml(facturx_invoice).fields;
        merge_embedded_fields(page_fields, xml_fields);
        REQUIRE(page_fields.size() == 3 + xml_fields.size() - 2);
        CHECK(page_fields[0].value == "Atelier Lumière SARL");
        CHECK(page_fields[0].source == FieldSource::embedded_xml);
        CHECK(page_fields[0].page == -1); // the printed value differs: no position to show
        CHECK(page_fields[1].source == FieldSource::embedded_xml);
        CHECK(page_fields[1].page == 1); // same value as printed: keeps where it was printed
        CHECK(page_fields[1].box == docextract::Box{10, 20, 30, 40});
        CHECK(page_fields[2].value == "PO-1");
        CHECK(page_fields[2].source == FieldSource::text_layer);
        CHECK(value_of(page_fields, "due_date") == "2024-04-04");
    }

} // TEST_SUITE
