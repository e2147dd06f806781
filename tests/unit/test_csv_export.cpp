// SPDX-License-Identifier: MIT
// Tests of the CSV column writer shared by docextract --csv and GET /export, and of normalize_field_value.
#include <docextract/csv.hpp>
#include <docextract/field_values.hpp>

#include <doctest/doctest.h>

#include <string>

TEST_SUITE("export") {
    TEST_CASE("csv: a fixed header, RFC 4180 quoting, CRLF rows and empty cells for absent fields") {
        const std::string header = docextract::csv_header();
        CHECK(header.starts_with("filename,job_id,vendor,vendor_confidence,vendor_needs_review,vendor_source,"
                                 "invoice_number,"));
        CHECK(header.ends_with(",due_date,due_date_confidence,due_date_needs_review,due_date_source,error\r\n"));

        CHECK(docextract::csv_cell("plain") == "plain");
        CHECK(docextract::csv_cell("a,b") == "\"a,b\"");
        CHECK(docextract::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
        CHECK(docextract::csv_cell("two\nlines") == "\"two\nlines\"");
        CHECK(docextract::csv_cell(" padded") == "\" padded\"");
        CHECK(docextract::csv_cell("") == "");

        docextract::ExportRow row;
        row.filename = "scans/a, b.png";
        row.job_id = "abc";
        row.fields["total"] = {.value = "12.30", .confidence = 0.98765, .needs_review = false, .source = "review"};
        row.fields["vendor"] = {.value = std::nullopt, .confidence = 0, .needs_review = true, .source = "none"};
        const std::string line = docextract::csv_row(row);
        CHECK(line.starts_with("\"scans/a, b.png\",abc,,0.000,true,none,,,,,,,,,12.30,0.988,false,review,"));
        CHECK(line.ends_with(",\r\n"));
        // One cell per header column.
        const auto cells = [](const std::string& text) {
            std::size_t count = 1;
            bool quoted = false;
            for (char c : text) {
                quoted = c == '"' ? !quoted : quoted;
                count += (c == ',' && !quoted) ? 1 : 0;
            }
            return count;
        };
        CHECK(cells(line) == cells(header));
    }

    TEST_CASE("csv: the row of a pipeline result, and of a document that failed") {
        docextract::ExtractionResult result;
        docextract::Field date;
        date.name = "date";
        date.value = "2024-01-31";
        date.confidence = 0.5F;
        date.needs_review = true;
        date.source = docextract::FieldSource::ocr;
        result.fields.push_back(date);
        const docextract::ExportRow row = docextract::export_row(result, "in/a.png");
        CHECK(row.filename == "in/a.png");
        CHECK(row.job_id.empty());
        REQUIRE(row.fields.contains("date"));
        CHECK(row.fields.at("date").source == "ocr");

        docextract::ExtractionResult broken;
        broken.error = "broken.pdf: not a PDF";
        const std::string line = docextract::csv_row(docextract::export_row(broken, "broken.pdf"));
        CHECK(line.starts_with("broken.pdf,,,,,"));
        CHECK(line.ends_with(",broken.pdf: not a PDF\r\n"));
    }

    TEST_CASE("normalize_field_value: the forms extraction writes, and a reason for a bad value") {
        using docextract::normalize_field_value;
        CHECK(normalize_field_value("date", "31.01.2024").value == "2024-01-31");
        CHECK(normalize_field_value("date", "31 Jan 2024").value == "2024-01-31");
        CHECK(normalize_field_value("due_date", "2024-02-29").value == "2024-02-29");
        CHECK_FALSE(normalize_field_value("date", "31/02/2024").value);
        CHECK_FALSE(normalize_field_value("date", "soon").value);
        CHECK(normalize_field_value("date", "soon").problem.find("not a date") == 0);
        CHECK(normalize_field_value("total", "1.234,50").value == "1234.50");
        CHECK(normalize_field_value("total", "$12.3").value == "12.30");
        CHECK(normalize_field_value("tax", "12").value == "12.00");
        CHECK_FALSE(normalize_field_value("total", "twelve").value);
        CHECK(normalize_field_value("email", " Billing@ACME.com ").value == "billing@acme.com");
        CHECK_FALSE(normalize_field_value("email", "billing@acme").value);
        CHECK_FALSE(normalize_field_value("email", "a@b@c.com").value);
        CHECK(normalize_field_value("currency", "€").value == "EUR");
        CHECK_FALSE(normalize_field_value("currency", "beans").value);
        CHECK(normalize_field_value("vendor", "  ACME   Supplies\tLtd ").value == "ACME Supplies Ltd");
        CHECK_FALSE(normalize_field_value("vendor", "   ").value);
        CHECK_FALSE(normalize_field_value("colour", "red").value);
        CHECK(docextract::is_known_field("invoice_number"));
        CHECK_FALSE(docextract::is_known_field("colour"));
    }
}
