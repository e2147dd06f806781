// SPDX-License-Identifier: MIT
// Tests of to_json: layout, key order, nulls, the error object and round trips through a JSON parser.
#include <docextract/json.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using docextract::ExtractionResult;
using docextract::Field;
using Json = nlohmann::ordered_json;

std::vector<std::string> keys_of(const Json& object) {
    std::vector<std::string> keys;
    for (const auto& item : object.items()) {
        keys.push_back(item.key());
    }
    return keys;
}

ExtractionResult sample_result() {
    ExtractionResult result;
    result.filename = "scan \"7\".png";
    Field vendor;
    vendor.name = "vendor";
    vendor.value = "ACME SUPPLIES LTD";
    vendor.confidence = 0.91234F;
    vendor.needs_review = false;
    vendor.raw_text = "ACME SUPPLIES LTD";
    vendor.box = docextract::Box{10, 20, 300, 40};
    vendor.page = 0;
    vendor.source = docextract::FieldSource::ocr;
    Field date;
    date.name = "date";
    date.confidence = 0.0F;
    date.needs_review = true;
    date.reasons = {docextract::ReviewReason::not_found};
    Field total;
    total.name = "total";
    total.value = "495.00";
    total.confidence = 0.5F;
    total.needs_review = true;
    total.reasons = {docextract::ReviewReason::below_threshold, docextract::ReviewReason::arithmetic_mismatch};
    total.raw_text = "$495.00";
    total.box = docextract::Box{400, 900, 120, 30};
    total.page = 1;
    total.source = docextract::FieldSource::text_layer;
    result.fields = {vendor, date, total};
    result.needs_review = {"date", "total"};
    result.summary = "1 of 5 fields extracted confidently.";
    result.raw_text_preview = "ACME SUPPLIES LTD\nInvoice";
    docextract::PageReport first;
    first.index = 0;
    first.source = docextract::TextSource::ocr;
    first.preprocess = docextract::PreprocessReport{};
    first.preprocess->scale = 1.5;
    first.preprocess->skew_degrees = 2.987;
    first.preprocess->skew_corrected = true;
    first.width = 1700;
    first.height = 2200;
    first.words = 42;
    first.second_reading = true;
    first.ocr_language = "Latin";
    first.line_finder = "detector";
    docextract::PageReport second;
    second.index = 1;
    second.source = docextract::TextSource::text_layer;
    second.width = 1700;
    second.height = 2200;
    second.words = 7;
    result.pages = {first, second};
    result.timings.load_ms = 12.3456;
    result.timings.ocr_ms = 800.0;
    result.timings.total_ms = 900.5;
    return result;
}

} // namespace

TEST_CASE("to_json writes the documented keys in order") {
    const Json json = Json::parse(docextract::to_json(sample_result()));
    CHECK(keys_of(json) == std::vector<std::string>{"schema_version", "filename", "fields", "needs_review", "summary",
                                                    "raw_text_preview", "field_model", "pages", "timings_ms"});
    CHECK(json["schema_version"] == docextract::json_schema_version);
    CHECK(json["filename"] == "scan \"7\".png");
    CHECK(keys_of(json["fields"]) == std::vector<std::string>{"vendor", "date", "total"});
    CHECK(keys_of(json["fields"]["vendor"]) == std::vector<std::string>{"value", "confidence", "needs_review",
                                                                        "reasons", "page", "box", "source",
                                                                        "raw_text"});
    CHECK(json["needs_review"] == Json::array({"date", "total"}));
    CHECK(json["summary"] == "1 of 5 fields extracted confidently.");
    CHECK(json["raw_text_preview"] == "ACME SUPPLIES LTD\nInvoice");
}

TEST_CASE("field values, confidences, boxes and sources") {
    const Json json = Json::parse(docextract::to_json(sample_result()));
    const Json& vendor = json["fields"]["vendor"];
    CHECK(vendor["value"] == "ACME SUPPLIES LTD");
    CHECK(vendor["confidence"].get<double>() == doctest::Approx(0.912).epsilon(1e-9));
    CHECK(vendor["needs_review"] == false);
    CHECK(vendor["reasons"] == Json::array());
    CHECK(vendor["page"] == 0);
    CHECK(vendor["box"] == Json::parse(R"({"x":10,"y":20,"width":300,"height":40})"));
    CHECK(keys_of(vendor["box"]) == std::vector<std::string>{"x", "y", "width", "height"});
    CHECK(vendor["source"] == "ocr");

    const Json& total = json["fields"]["total"];
    CHECK(total["reasons"] == Json::array({"below_threshold", "arithmetic_mismatch"}));
    CHECK(total["source"] == "text_layer");
    CHECK(total["page"] == 1);
    CHECK(total["raw_text"] == "$495.00");
    // Confidences are written with at most three decimals.
    const std::string text = docextract::to_json(sample_result());
    CHECK(text.find("\"confidence\":0.912,") != std::string::npos);
    CHECK(text.find("\"confidence\":0.5,") != std::string::npos);
}

TEST_CASE("a field that was not found has null value, page and box") {
    const Json json = Json::parse(docextract::to_json(sample_result()));
    const Json& date = json["fields"]["date"];
    CHECK(date["value"].is_null());
    CHECK(date["page"].is_null());
    CHECK(date["box"].is_null());
    CHECK(date["confidence"] == 0.0);
    CHECK(date["needs_review"] == true);
    CHECK(date["reasons"] == Json::array({"not_found"}));
    CHECK(date["source"] == "none");
}

TEST_CASE("pages and timings report what happened") {
    const Json json = Json::parse(docextract::to_json(sample_result()));
    REQUIRE(json["pages"].size() == 2);
    const Json& first = json["pages"][0];
    CHECK(keys_of(first) == std::vector<std::string>{"index", "source", "width", "height", "words", "image_words",
                                                     "missed_words", "reread_lines", "second_reading", "ocr_language",
                                                     "line_finder", "preprocess"});
    CHECK(first["ocr_language"] == "Latin");
    CHECK(json["pages"][1]["ocr_language"].is_null());
    CHECK(first["line_finder"] == "detector");
    CHECK(json["pages"][1]["line_finder"].is_null());
    CHECK(first["source"] == "ocr");
    CHECK(first["words"] == 42);
    CHECK(first["second_reading"] == true);
    CHECK(json["pages"][1]["second_reading"] == false);
    CHECK(first["preprocess"]["scale"] == 1.5);
    CHECK(first["preprocess"]["skew_degrees"] == 2.99);
    CHECK(first["preprocess"]["skew_corrected"] == true);
    CHECK(first["preprocess"]["timings_ms"].contains("denoise"));
    CHECK(json["pages"][1]["source"] == "text_layer");
    CHECK(json["pages"][1]["preprocess"].is_null());
    CHECK(keys_of(json["timings_ms"]) ==
          std::vector<std::string>{"load", "preprocess", "ocr", "ocr_passes", "extract", "total"});
    CHECK(keys_of(json["timings_ms"]["ocr_passes"]) ==
          std::vector<std::string>{"page", "missed_text", "line", "second_reading"});
    CHECK(json["timings_ms"]["load"] == 12.35);
    CHECK(json["timings_ms"]["total"] == 900.5);
}

TEST_CASE("without details only the core keys are written") {
    docextract::JsonOptions options;
    options.include_details = false;
    const Json json = Json::parse(docextract::to_json(sample_result(), options));
    CHECK(keys_of(json) == std::vector<std::string>{"schema_version", "filename", "fields", "needs_review", "summary",
                                                    "raw_text_preview", "field_model"});
    for (const auto& field : json["fields"].items()) {
        CHECK(keys_of(field.value()) == std::vector<std::string>{"value", "confidence", "needs_review"});
    }
    CHECK(json["fields"]["date"]["value"].is_null());
}

TEST_CASE("an error result is the error object") {
    ExtractionResult result;
    result.filename = "broken.pdf";
    result.error = "not a PDF: xref table missing";
    result.error_code = docextract::ErrorCode::corrupt_input;
    const Json json = Json::parse(docextract::to_json(result));
    CHECK(keys_of(json) == std::vector<std::string>{"schema_version", "filename", "error", "error_code"});
    CHECK(json["filename"] == "broken.pdf");
    CHECK(json["error"] == "not a PDF: xref table missing");
    CHECK(json["error_code"] == "corrupt_input");
    docextract::JsonOptions core;
    core.include_details = false;
    CHECK(Json::parse(docextract::to_json(result, core)) == json);
}

TEST_CASE("indentation and one-line output") {
    const std::string line = docextract::to_json(sample_result());
    CHECK(line.find('\n') == std::string::npos);
    docextract::JsonOptions pretty;
    pretty.indent = 2;
    const std::string indented = docextract::to_json(sample_result(), pretty);
    CHECK(indented.find("\n  \"filename\"") != std::string::npos);
    CHECK(Json::parse(indented) == Json::parse(line));
}

TEST_CASE("text with quotes, control characters, UTF-8 and invalid bytes stays valid JSON") {
    ExtractionResult result = sample_result();
    result.raw_text_preview = "Größe \"A\"\t\\ 10 €\x01";
    result.fields[0].raw_text = std::string("bad \xff byte");
    const Json json = Json::parse(docextract::to_json(result));
    CHECK(json["raw_text_preview"] == "Größe \"A\"\t\\ 10 €\x01");
    CHECK(json["fields"]["vendor"]["raw_text"] == "bad \xEF\xBF\xBD byte");
}
