// SPDX-License-Identifier: MIT
// The review loop's pure parts: PATCH bodies, applying them to a result, the /jobs cursor, ?since= and the
// summary the store keeps beside a result.
#include "export_routes.hpp"
#include "job_cursor.hpp"
#include "job_id.hpp"
#include "result_fields.hpp"
#include "result_patch.hpp"
#include "review_routes.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace docextract::service;

namespace {

StoredJob flagged_job() {
    StoredJob job;
    job.id = new_job_id();
    job.state = JobState::done;
    job.result_json =
        R"({"schema_version":1,"filename":"a.png","fields":{)"
        R"("vendor":{"value":"ACME","confidence":0.9,"needs_review":false,"reasons":[],"source":"ocr"},)"
        R"("total":{"value":"12.00","confidence":0.4,"needs_review":true,"reasons":["below_threshold"],)"
        R"("page":0,"box":{"x":1,"y":2,"width":3,"height":4},"source":"ocr","raw_text":"12,00"},)"
        R"("date":{"value":"2024-01-31","confidence":0.5,"needs_review":true,"source":"ocr"},)"
        R"("email":{"value":null,"confidence":0,"needs_review":true,"reasons":["not_found"],"source":"none"}},)"
        R"("needs_review":["total","date","email"],"summary":"1 of 5 fields extracted confidently."})";
    job.flagged = {"total", "date", "email"};
    job.vendor = "ACME";
    return job;
}

int patch_status(std::string_view body) {
    try {
        (void)parse_result_patch(body);
        return 200;
    } catch (const PatchError& e) {
        return e.status();
    }
}

} // namespace

TEST_SUITE("review") {
    TEST_CASE("a PATCH body: values normalised, a bad value a 422 naming the field, a bad shape a 400") {
        const ResultPatch patch =
            parse_result_patch(R"({"fields": {"total": "1.234,50", "email": null}, "confirm": ["date"]})");
        CHECK(patch.set.at("total") == "1234.50");
        CHECK_FALSE(patch.set.at("email"));
        CHECK(patch.confirm == std::vector<std::string>{"date"});

        try {
            (void)parse_result_patch(R"({"fields": {"date": "32.13.2024"}})");
            FAIL("expected a PatchError");
        } catch (const PatchError& e) {
            CHECK(e.status() == 422);
            CHECK(e.field() == "date");
            CHECK(std::string(e.what()).find("field 'date'") == 0);
        }
        CHECK(patch_status(R"({"fields": {"colour": "red"}})") == 422);
        CHECK(patch_status(R"({"fields": {"total": 12.3}})") == 422);
        CHECK(patch_status(R"({"fields": {"total": "1"}, "confirm": ["total"]})") == 422);
        CHECK(patch_status("not json") == 400);
        CHECK(patch_status("[]") == 400);
        CHECK(patch_status("{}") == 400);
        CHECK(patch_status(R"({"fields": [], "confirm": []})") == 400);
        CHECK(patch_status(R"({"confirm": "date"})") == 400);
        CHECK(patch_status(R"({"other": 1})") == 400);
    }

    TEST_CASE("applying a patch: source review, confidence 1, extracted_value kept, flagged list shrinks") {
        const StoredJob job = flagged_job();
        ResultPatch patch;
        patch.set["total"] = "12.30";
        patch.confirm = {"date"};
        ResultEdit edit = apply_result_patch(job, patch, "2026-12-02T19:00:00.000Z");
        const nlohmann::json result = nlohmann::json::parse(edit.result_json);
        const nlohmann::json& total = result.at("fields").at("total");
        CHECK(total.at("value") == "12.30");
        CHECK(total.at("extracted_value") == "12.00");
        CHECK(total.at("confidence") == 1.0);
        CHECK(total.at("needs_review") == false);
        CHECK(total.at("source") == "review");
        CHECK(total.at("reviewed_at") == "2026-12-02T19:00:00.000Z");
        CHECK(total.at("reasons").empty());
        CHECK(total.at("box").at("x") == 1); // where it was read stays, for the page view
        CHECK(result.at("fields").at("date").at("value") == "2024-01-31");
        CHECK(result.at("fields").at("date").at("extracted_value") == "2024-01-31");
        CHECK(result.at("needs_review") == nlohmann::json::array({"email"}));
        CHECK(result.at("summary") == "3 of 5 fields extracted confidently.");
        CHECK(edit.flagged == std::vector<std::string>{"email"});
        REQUIRE(edit.corrections.size() == 2);
        CHECK(edit.corrections[0].extracted_value == "\"12.00\"");
        CHECK(edit.corrections[0].value == "\"12.30\"");

        // A second correction keeps the machine's value, not the first correction's.
        StoredJob again = job;
        again.result_json = edit.result_json;
        again.flagged = edit.flagged;
        patch = ResultPatch{};
        patch.set["total"] = "12.40";
        patch.set["email"] = std::nullopt;
        edit = apply_result_patch(again, patch, "2026-12-02T19:05:00.000Z");
        const nlohmann::json second = nlohmann::json::parse(edit.result_json);
        CHECK(second.at("fields").at("total").at("extracted_value") == "12.00");
        CHECK(second.at("fields").at("email").at("value").is_null());
        CHECK(second.at("fields").at("email").at("needs_review") == false);
        CHECK(edit.flagged.empty());

        // A field the result lacks can be set, not confirmed.
        patch = ResultPatch{};
        patch.set["subtotal"] = "10.00";
        edit = apply_result_patch(job, patch, "t");
        CHECK(nlohmann::json::parse(edit.result_json).at("fields").at("subtotal").at("value") == "10.00");
        patch = ResultPatch{};
        patch.confirm = {"subtotal"};
        CHECK_THROWS_AS(apply_result_patch(job, patch, "t"), PatchError);
    }

    TEST_CASE("the /jobs cursor round-trips and rejects anything else") {
        const std::string id = new_job_id();
        const std::string cursor = encode_job_cursor(1733000000123, id);
        const auto decoded = decode_job_cursor(cursor);
        REQUIRE(decoded);
        CHECK(decoded->first == 1733000000123);
        CHECK(decoded->second == id);
        CHECK_FALSE(decode_job_cursor(""));
        CHECK_FALSE(decode_job_cursor("zz"));
        CHECK_FALSE(decode_job_cursor(cursor.substr(1)));
        CHECK_FALSE(decode_job_cursor(encode_job_cursor(5, "not-an-id")));
    }

    TEST_CASE("?since= takes a date, a UTC time or milliseconds") {
        CHECK(parse_since("2026-12-02") == 1796169600000);
        CHECK(parse_since("2026-12-02T19:30:00Z") == 1796169600000 + (19 * 3600 + 30 * 60) * 1000LL);
        CHECK(parse_since("2026-12-02T19:30:00.250Z") == 1796169600000 + (19 * 3600 + 30 * 60) * 1000LL + 250);
        CHECK(parse_since("1700000000000") == 1700000000000);
        CHECK_FALSE(parse_since("yesterday"));
        CHECK_FALSE(parse_since("2026-13-02"));
        CHECK_FALSE(parse_since("2026-12-02T19:30:00"));
        CHECK_FALSE(parse_since("-5"));
    }

    TEST_CASE("the summary kept beside a result, and the methods of the review paths") {
        const ResultSummary summary = summarize_result(flagged_job().result_json);
        CHECK(summary.vendor == "ACME");
        CHECK(summary.flagged == std::vector<std::string>{"total", "date", "email"});
        CHECK(summarize_result("garbage").flagged.empty());

        CHECK(review_allowed_methods("/result/abc") == "GET, HEAD, PATCH");
        CHECK(review_allowed_methods("/result/abc/pages/0.png") == "GET, HEAD");
        CHECK(review_allowed_methods("/jobs") == "GET, HEAD");
        CHECK(review_allowed_methods("/export") == "GET, HEAD");
        CHECK_FALSE(review_allowed_methods("/result/abc/other"));
        CHECK_FALSE(review_allowed_methods("/health"));
        CHECK(iso_time(1796169600123) == "2026-12-02T00:00:00.123Z");
    }
}
