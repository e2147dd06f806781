// SPDX-License-Identifier: MIT
// Pictures on text-layer PDF pages: finding ink the text layer does not explain, and reading it with OCR when the
// text layer leaves a core field open. The PDFs and pictures are generated here.
#include "fixture_documents.hpp"

#include "document/pdf_pictures.hpp"
#include "pipeline/image_regions.hpp"

#include <docextract/pipeline.hpp>

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

using docextract::Box;
using docextract::ExtractionResult;
using docextract::Field;
using docextract::FieldSource;
using docextract::PageText;
using docextract::PipelineOptions;

std::span<const std::byte> bytes_of(std::string_view text) {
    return {reinterpret_cast<const std::byte*>(text.data()), text.size()};
}

/// A white picture with dark lines of text drawn on it.
cv::Mat picture_with_text(int width, int height, const std::vector<std::string>& lines, double scale) {
    cv::Mat picture(height, width, CV_8UC1, cv::Scalar(255));
    const int step = height / static_cast<int>(lines.size() + 1);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        cv::putText(picture, lines[i], cv::Point(20, step * static_cast<int>(i + 1) + step / 4),
                    cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(0), 3, cv::LINE_AA);
    }
    return picture;
}

bool inside(const Box& inner, const Box& outer) {
    return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
           inner.bottom() <= outer.bottom();
}

/// A text-layer invoice without vendor name or email; `letterhead` adds them as a picture at the top.
std::string invoice_pdf(bool letterhead) {
    fixture::PdfPage page;
    page.width = 595;
    page.height = 842;
    page.texts = {{72, 640, 20, "INVOICE"},
                  {72, 600, 11, "Invoice No: NW-2024-0193"},
                  {72, 580, 11, "Invoice Date: 2024-05-17"},
                  {72, 540, 11, "Bill to: Contoso Retail, 4 Market Street, Leeds"},
                  {72, 480, 11, "Consulting services                    1      300.00"},
                  {72, 460, 11, "Subtotal 300.00"},
                  {72, 440, 11, "VAT 20% 60.00"},
                  {72, 420, 11, "Total due 360.00"}};
    if (letterhead) {
        fixture::PdfPicture picture;
        picture.gray = picture_with_text(2000, 400, {"NORTHWIND TRADING LTD", "billing@northwind.example"}, 2.6);
        picture.x = 72;
        picture.y = 700;
        picture.width = 400;
        picture.height = 80;
        page.pictures.push_back(picture);
    }
    return fixture::make_pdf({page});
}

const Field* find(const ExtractionResult& result, std::string_view name) {
    return result.field(name);
}

} // namespace

TEST_SUITE("pdf_pictures") {

    TEST_CASE("image XObjects are recognised in the bytes of a PDF, other subtypes are not") {
        using docextract::detail::pdf_declares_images;
        CHECK(pdf_declares_images(bytes_of("<< /Type /XObject /Subtype /Image /Width 4 >>")));
        CHECK(pdf_declares_images(bytes_of("<</Subtype/Image/Width 4>>")));
        CHECK(pdf_declares_images(bytes_of("<< /Subtype\n/Image>>")));
        CHECK_FALSE(pdf_declares_images(bytes_of("<< /Subtype /Form /BBox [0 0 1 1] >>")));
        CHECK_FALSE(pdf_declares_images(bytes_of("<< /Subtype /Type1 /BaseFont /Helvetica >>")));
        CHECK_FALSE(pdf_declares_images(bytes_of("<< /Subtype /ImageMask >>")));
        CHECK_FALSE(pdf_declares_images(bytes_of("")));
        CHECK(pdf_declares_images(bytes_of(invoice_pdf(true))));
        CHECK_FALSE(pdf_declares_images(bytes_of(invoice_pdf(false))));
    }

    TEST_CASE("pictures too small to hold lines of text do not count when a minimum size is asked for") {
        using docextract::detail::pdf_declares_images;
        const std::string logo = "6 0 obj\n<< /Type /XObject /Subtype /Image /Width 89 /Height 32 /BitsPerComponent 8 "
                                 "/Length 10 >>\nstream\n0123456789\nendstream\nendobj\n";
        const std::string letterhead = "7 0 obj\n<< /Subtype /Image /Height 289 /Width 796 /Length 3 >>\nstream\nabc";
        const std::string indirect = "8 0 obj\n<< /Subtype /Image /Width 9 0 R /Height 10 0 R >>\nstream\nabc";
        CHECK(pdf_declares_images(bytes_of(logo)));
        CHECK_FALSE(pdf_declares_images(bytes_of(logo), 20'000));
        CHECK(pdf_declares_images(bytes_of(letterhead), 20'000));
        CHECK(pdf_declares_images(bytes_of(logo + letterhead), 20'000));
        CHECK(pdf_declares_images(bytes_of(indirect), 20'000)); // size unknown here: counts as large
        CHECK(pdf_declares_images(bytes_of(invoice_pdf(true)), 20'000));
    }

    TEST_CASE("ink outside the text-layer words is found as regions, covered text, rules and specks are not") {
        cv::Mat page(1000, 800, CV_8UC1, cv::Scalar(255));
        cv::putText(page, "LAYER TEXT", cv::Point(100, 200), cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3);
        cv::putText(page, "PICTURE TEXT", cv::Point(100, 600), cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3);
        cv::line(page, cv::Point(50, 800), cv::Point(750, 800), cv::Scalar(0), 2); // a table rule
        cv::circle(page, cv::Point(600, 900), 2, cv::Scalar(0), -1);               // a speck
        PageText layer;
        layer.width = page.cols;
        layer.height = page.rows;
        layer.lines.emplace_back();
        int baseline = 0;
        const cv::Size size = cv::getTextSize("LAYER TEXT", cv::FONT_HERSHEY_SIMPLEX, 1.5, 3, &baseline);
        layer.lines.back().words.push_back({"LAYER TEXT", 1.0F, Box{100, 200 - size.height, size.width, size.height}});
        const docextract::ImageView view{page.data, page.cols, page.rows, static_cast<std::ptrdiff_t>(page.step),
                                         docextract::PixelFormat::gray8};

        const std::vector<Box> regions = docextract::detail::uncovered_ink_regions(view, layer);
        // Every region lies on the picture's line (words may form separate regions); together they cover it.
        REQUIRE_FALSE(regions.empty());
        Box covered = regions[0];
        for (const Box& region : regions) {
            CHECK(inside(region, Box{80, 540, 700, 90}));
            const int left = std::min(covered.x, region.x);
            const int right = std::max(covered.right(), region.right());
            covered = Box{left, std::min(covered.y, region.y), right - left,
                          std::max(covered.bottom(), region.bottom()) - std::min(covered.y, region.y)};
        }
        CHECK(inside(Box{110, 575, 300, 25}, covered));

        const docextract::Image crop = docextract::detail::gray_crop(view, regions[0], 10);
        CHECK(crop.width() == regions[0].width + 20);
        CHECK(crop.height() == regions[0].height + 20);
    }

    TEST_CASE("without_words paints the words read white and keeps the ink they do not explain") {
        cv::Mat page(400, 800, CV_8UC1, cv::Scalar(255));
        cv::putText(page, "READ", cv::Point(100, 100), cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3);
        cv::putText(page, "UNREAD", cv::Point(100, 300), cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3);
        int baseline = 0;
        const cv::Size size = cv::getTextSize("READ", cv::FONT_HERSHEY_SIMPLEX, 1.5, 3, &baseline);
        PageText read;
        read.lines.emplace_back();
        read.lines.back().words.push_back({"READ", 0.9F, Box{100, 100 - size.height, size.width, size.height}});
        const docextract::ImageView view{page.data, page.cols, page.rows, static_cast<std::ptrdiff_t>(page.step),
                                         docextract::PixelFormat::gray8};

        docextract::Image rest = docextract::detail::without_words(view, read);
        REQUIRE(rest.width() == page.cols);
        REQUIRE(rest.height() == page.rows);
        REQUIRE(rest.format() == docextract::PixelFormat::gray8);
        const cv::Mat left(rest.height(), rest.width(), CV_8UC1, rest.data(), static_cast<std::size_t>(rest.stride()));
        CHECK(cv::countNonZero(left(cv::Rect(80, 40, 300, 80)) < 128) == 0);   // the word read is gone
        CHECK(cv::countNonZero(left(cv::Rect(80, 240, 400, 80)) < 128) > 100); // the other stays
        CHECK(cv::countNonZero(page(cv::Rect(80, 40, 300, 80)) < 128) > 100);  // on a copy: the input is unchanged
    }

    TEST_CASE("without_words with regions keeps only their ink: specks elsewhere are not read as words") {
        cv::Mat page(400, 800, CV_8UC1, cv::Scalar(255));
        cv::putText(page, "UNREAD", cv::Point(100, 300), cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 3);
        for (int i = 0; i < 40; ++i) {
            page.at<std::uint8_t>(20 + 3 * i, 700) = 0; // specks of a noisy scan, one pixel each
        }
        const docextract::ImageView view{page.data, page.cols, page.rows, static_cast<std::ptrdiff_t>(page.step),
                                         docextract::PixelFormat::gray8};
        const auto regions = docextract::detail::uncovered_ink_regions(view, PageText{});
        REQUIRE(regions.size() == 1); // the word; the specks are too small to be a region

        docextract::Image rest = docextract::detail::without_words(view, PageText{}, regions);
        const cv::Mat left(rest.height(), rest.width(), CV_8UC1, rest.data(), static_cast<std::size_t>(rest.stride()));
        CHECK(cv::countNonZero(left(cv::Rect(80, 240, 400, 80)) < 128) > 100); // the word stays
        CHECK(cv::countNonZero(left(cv::Rect(650, 0, 150, 200)) < 128) == 0);  // the specks are gone
        CHECK(cv::countNonZero(page(cv::Rect(650, 0, 150, 200)) < 128) == 40); // from a copy
    }

    TEST_CASE("a blank page or a page fully explained by its text layer has no regions") {
        const cv::Mat blank(500, 400, CV_8UC1, cv::Scalar(255));
        const docextract::ImageView view{blank.data, blank.cols, blank.rows, static_cast<std::ptrdiff_t>(blank.step),
                                         docextract::PixelFormat::gray8};
        CHECK(docextract::detail::uncovered_ink_regions(view, PageText{}).empty());
        CHECK(docextract::detail::uncovered_ink_regions(docextract::ImageView{}, PageText{}).empty());
    }

} // TEST_SUITE

TEST_SUITE("ocr") {

    TEST_CASE("a letterhead picture on a text-layer page is OCR'd when the text layer lacks vendor and email") {
        fixture::TempDir dir;
        const auto path = dir.write("letterhead.pdf", invoice_pdf(true));

        docextract::Pipeline pipeline;
        const ExtractionResult result = pipeline.run(path);
        REQUIRE(result.ok());
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].source == docextract::TextSource::text_layer);
        CHECK(result.pages[0].image_words >= 3);
        const Field* email = find(result, "email");
        REQUIRE(email != nullptr);
        CHECK(email->value == "billing@northwind.example");
        CHECK(email->source == FieldSource::ocr);
        const Field* total = find(result, "total");
        REQUIRE(total != nullptr);
        CHECK(total->value == "360.00");
        CHECK(total->source == FieldSource::text_layer);

        PipelineOptions without;
        without.ocr_page_images = false;
        docextract::Pipeline text_only(without);
        const ExtractionResult plain = text_only.run(path);
        REQUIRE(plain.ok());
        CHECK(plain.pages[0].image_words == 0);
        const Field* no_email = find(plain, "email");
        CHECK((no_email == nullptr || !no_email->value));
    }

    TEST_CASE("a text-layer PDF without pictures is never rendered for picture OCR") {
        fixture::TempDir dir;
        const auto path = dir.write("plain.pdf", invoice_pdf(false));
        docextract::Pipeline pipeline;
        const ExtractionResult result = pipeline.run(path);
        REQUIRE(result.ok());
        CHECK(result.pages[0].image_words == 0);
        CHECK(result.timings.ocr_ms == 0.0);
    }

} // TEST_SUITE
