// SPDX-License-Identifier: MIT
// The deadline of a whole run and its cancel flag (PipelineOptions::job_timeout_ms, ::cancel) on a real multi-page
// document: the run ends with job_timeout or cancelled, and the same pipeline reads the next document.
#include <docextract/document.hpp>
#include <docextract/error.hpp>
#include <docextract/pipeline.hpp>

#include "fixture_documents.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace {

const std::filesystem::path golden_dir{DOCEXTRACT_GOLDEN_DIR};

/// A TIFF of `count` pages, each the golden invoice as the pipeline renders it.
std::vector<std::byte> invoice_pages(int count) {
    const docextract::Document invoice = docextract::Document::open(golden_dir / "invoice.png");
    std::vector<docextract::Image> pages;
    for (int i = 0; i < count; ++i) {
        pages.push_back(invoice.render_page(0));
    }
    return fixture::multipage_tiff(pages);
}

} // namespace

TEST_SUITE("ocr") {
    TEST_CASE("job_timeout_ms: a multi-page document over its deadline fails with job_timeout, saying where") {
        const std::vector<std::byte> tiff = invoice_pages(4);
        docextract::PipelineOptions options;
        options.job_timeout_ms = 1; // far less than reading one page takes
        options.ocr.timeout_ms = 3600000;
        docextract::Pipeline pipeline(options);
        const docextract::ExtractionResult result = pipeline.run(std::span<const std::byte>(tiff), "four.tiff");
        REQUIRE_FALSE(result.ok());
        CHECK(result.error_code == docextract::ErrorCode::job_timeout);
        CHECK(result.error->starts_with("job_timeout: four.tiff was not finished within the job's deadline of 1 ms"));
        CHECK(result.fields.empty());
        CHECK(result.pages.empty());
        CHECK(docextract::to_string(docextract::ErrorCode::job_timeout) == "job_timeout");
    }

    TEST_CASE("cancel: a raised flag stops the run with cancelled, and lowered the same pipeline reads again") {
        const std::vector<std::byte> tiff = invoice_pages(2);
        auto flag = std::make_shared<std::atomic<bool>>(true);
        docextract::PipelineOptions options;
        options.cancel = flag;
        options.second_reading = false;
        docextract::Pipeline pipeline(options);
        const docextract::ExtractionResult stopped = pipeline.run(std::span<const std::byte>(tiff), "two.tiff");
        REQUIRE_FALSE(stopped.ok());
        CHECK(stopped.error_code == docextract::ErrorCode::cancelled);
        CHECK(stopped.error->starts_with("cancelled: two.tiff"));

        flag->store(false);
        const docextract::ExtractionResult read = pipeline.run(std::span<const std::byte>(tiff), "two.tiff");
        REQUIRE_MESSAGE(read.ok(), read.error.value_or(""));
        CHECK(read.pages.size() == 2);
        const docextract::Field* vendor = read.field("vendor");
        REQUIRE(vendor != nullptr);
        CHECK(vendor->value == "ACME SUPPLIES LTD");
    }

    TEST_CASE("a deadline long enough changes nothing: the document reads as without one") {
        docextract::PipelineOptions options;
        options.job_timeout_ms = 3600000;
        docextract::Pipeline pipeline(options);
        const docextract::ExtractionResult result = pipeline.run(golden_dir / "receipt_small.png");
        REQUIRE_MESSAGE(result.ok(), result.error.value_or(""));
        CHECK_FALSE(result.fields.empty());
    }
}

TEST_CASE("a negative job_timeout_ms is a setup error") {
    docextract::PipelineOptions options;
    options.job_timeout_ms = -1;
    try {
        docextract::Pipeline pipeline(options);
        FAIL("a negative job timeout was accepted");
    } catch (const docextract::Error& error) {
        CHECK(error.code() == docextract::ErrorCode::invalid_argument);
    }
}
