// SPDX-License-Identifier: MIT
#include <docextract/document.hpp>
#include <docextract/error.hpp>

#include "document/text_layout.hpp"
#include "fixture_documents.hpp"

#include <doctest/doctest.h>
#include <opencv2/imgproc.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>

using docextract::Document;
using docextract::DocumentType;
using docextract::ErrorCode;
using docextract::LoadOptions;
using docextract::PixelFormat;

namespace {

/// The error thrown by `action`, or nullopt when it does not throw.
std::optional<docextract::Error> error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const docextract::Error& e) {
        return e;
    }
    return std::nullopt;
}

ErrorCode code_of(const std::function<void()>& action) {
    const auto error = error_of(action);
    REQUIRE_MESSAGE(error.has_value(), "expected a docextract::Error");
    return error->code();
}

DocumentType type_of(std::string_view bytes) {
    return docextract::detect_type(fixture::as_bytes(bytes));
}

/// A BGR test picture: white with a red square top left and a blue bar at the bottom.
cv::Mat picture(int width, int height) {
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(255, 255, 255));
    cv::rectangle(image, cv::Rect(0, 0, width / 4, height / 4), cv::Scalar(0, 0, 255), cv::FILLED);
    cv::rectangle(image, cv::Rect(0, height - 4, width, 4), cv::Scalar(255, 0, 0), cv::FILLED);
    return image;
}

std::vector<std::byte> cut(std::vector<std::byte> bytes, std::size_t keep) {
    bytes.resize(keep);
    return bytes;
}

std::string pixel(const docextract::Image& image, int x, int y) {
    const int n = docextract::bytes_per_pixel(image.format());
    const std::uint8_t* p = image.data() + y * image.stride() + x * n;
    std::string out;
    for (int c = 0; c < n; ++c) {
        if (c > 0) {
            out.push_back(',');
        }
        out.append(std::to_string(p[c]));
    }
    return out;
}

/// One-line invoice PDF used by several cases.
std::string invoice_pdf(int pages = 1) {
    std::vector<fixture::PdfPage> list;
    for (int i = 0; i < pages; ++i) {
        list.push_back({612,
                        792,
                        {{72, 700, 12, "Invoice Number 12345"},
                         {72, 680, 12, "Date 2024-03-01"},
                         {72, 600, 12, "Total (EUR) 99.50"},
                         {400, 600, 12, "Page " + std::to_string(i + 1)}},
                        {}});
    }
    return fixture::make_pdf(list);
}

} // namespace

TEST_SUITE("document") {

    TEST_CASE("detect_type reads magic numbers only") {
        CHECK(type_of("\x89PNG\r\n\x1a\nrest") == DocumentType::png);
        CHECK(type_of("\xFF\xD8\xFF\xE0") == DocumentType::jpeg);
        CHECK(type_of(std::string_view("II*\0rest", 8)) == DocumentType::tiff);
        CHECK(type_of(std::string_view("MM\0*rest", 8)) == DocumentType::tiff);
        CHECK(type_of("%PDF-1.7\n") == DocumentType::pdf);
        CHECK(type_of("\r\n junk from a mailer \n%PDF-1.4") == DocumentType::pdf);
        CHECK(type_of(std::string(1000, 'x') + "%PDF-1.4") == DocumentType::pdf);
        CHECK(type_of(std::string(1100, 'x') + "%PDF-1.4") == DocumentType::unknown);
        CHECK(type_of("") == DocumentType::unknown);
        CHECK(type_of("\x89PN") == DocumentType::unknown);
        CHECK(type_of("\xFF\xD8") == DocumentType::unknown);
        CHECK(type_of(std::string_view("II*", 3)) == DocumentType::unknown);
        CHECK(type_of("%PDF") == DocumentType::unknown);
        CHECK(type_of("hello, world") == DocumentType::unknown);
        CHECK(docextract::detect_type({}) == DocumentType::unknown);
        CHECK(docextract::to_string(DocumentType::pdf) == "pdf");
        CHECK(docextract::to_string(DocumentType::jpeg) == "jpeg");
        CHECK(docextract::to_string(DocumentType::unknown) == "unknown");
    }

    TEST_CASE("open reports missing, empty, oversized and unreadable inputs") {
        const fixture::TempDir dir;
        const auto missing = error_of([&] { (void)Document::open(dir.path() / "nothing-here.png"); });
        REQUIRE(missing);
        CHECK(missing->code() == ErrorCode::io_error);
        CHECK(std::string(missing->what()).find("nothing-here.png") != std::string::npos);

        CHECK(code_of([&] { (void)Document::open(dir.path()); }) == ErrorCode::io_error);
        CHECK(code_of([&] { (void)Document::open(dir.write("empty.pdf", "")); }) == ErrorCode::empty_input);
        CHECK(code_of([&] { (void)Document::from_bytes({}, "empty"); }) == ErrorCode::empty_input);

        LoadOptions small;
        small.max_bytes = 100;
        const auto big = dir.write("big.pdf", invoice_pdf());
        CHECK(code_of([&] { (void)Document::open(big, small); }) == ErrorCode::limit_exceeded);
        CHECK(code_of([&] { (void)Document::from_bytes(fixture::read_file(big), "big", small); }) ==
              ErrorCode::limit_exceeded);

        const auto text = error_of([&] { (void)Document::open(dir.write("notes.png", "just some text\n")); });
        REQUIRE(text);
        CHECK(text->code() == ErrorCode::unsupported_format);
        CHECK(std::string(text->what()).find("notes.png") != std::string::npos);
    }

    TEST_CASE("invalid load options are rejected") {
        const auto png = fixture::encode(picture(20, 10), ".png");
        LoadOptions options;
        options.dpi = 0;
        CHECK(code_of([&] { (void)Document::from_bytes(png, "p", options); }) == ErrorCode::invalid_argument);
        options = {};
        options.max_pages = 0;
        CHECK(code_of([&] { (void)Document::from_bytes(png, "p", options); }) == ErrorCode::invalid_argument);
    }

    TEST_CASE("PNG decodes to RGB, gray stays gray, the file name does not matter") {
        const fixture::TempDir dir;
        const auto path = dir.write("scan.pdf", fixture::encode(picture(40, 20), ".png"));
        const Document document = Document::open(path);
        CHECK(document.type() == DocumentType::png);
        CHECK(document.name() == "scan.pdf");
        REQUIRE(document.page_count() == 1);
        const auto page = document.render_page(0);
        CHECK(page.width() == 40);
        CHECK(page.height() == 20);
        REQUIRE(page.format() == PixelFormat::rgb8);
        CHECK(pixel(page, 1, 1) == "255,0,0");
        CHECK(pixel(page, 39, 19) == "0,0,255");
        CHECK(pixel(page, 30, 5) == "255,255,255");
        CHECK_FALSE(document.page_text(0).has_value());
        CHECK(document.embedded_invoices().empty());
        CHECK(code_of([&] { (void)document.render_page(1); }) == ErrorCode::invalid_argument);
        CHECK(code_of([&] { (void)document.render_page(-1); }) == ErrorCode::invalid_argument);

        cv::Mat gray(10, 30, CV_8UC1, cv::Scalar(77));
        const auto gray_page = Document::from_bytes(fixture::encode(gray, ".png"), "g").render_page(0);
        CHECK(gray_page.format() == PixelFormat::gray8);
        CHECK(pixel(gray_page, 3, 3) == "77");

        cv::Mat deep(10, 30, CV_16UC1, cv::Scalar(0xFFFF));
        deep(cv::Rect(0, 0, 5, 5)).setTo(0x8000);
        const auto deep_page = Document::from_bytes(fixture::encode(deep, ".png"), "d").render_page(0);
        CHECK(deep_page.format() == PixelFormat::gray8);
        CHECK(pixel(deep_page, 20, 5) == "255");
        CHECK(pixel(deep_page, 1, 1) == "128");

        cv::Mat bgra(10, 30, CV_8UC4, cv::Scalar(10, 20, 30, 40));
        const auto rgba_page = Document::from_bytes(fixture::encode(bgra, ".png"), "a").render_page(0);
        CHECK(rgba_page.format() == PixelFormat::rgba8);
        CHECK(pixel(rgba_page, 0, 0) == "30,20,10,40");
    }

    TEST_CASE("JPEG decodes, honours EXIF orientation, and rejects truncation") {
        const auto jpeg = fixture::encode(picture(64, 32), ".jpg");
        const Document document = Document::from_bytes(jpeg, "photo.jpg");
        CHECK(document.type() == DocumentType::jpeg);
        const auto page = document.render_page(0);
        CHECK(page.width() == 64);
        CHECK(page.height() == 32);
        CHECK(page.format() == PixelFormat::rgb8);

        // Orientation 6: the camera was turned, the picture must be rotated 90 degrees clockwise to display.
        const auto turned = Document::from_bytes(fixture::with_exif_orientation(jpeg, 6), "turned.jpg").render_page(0);
        CHECK(turned.width() == 32);
        CHECK(turned.height() == 64);

        const auto truncated = error_of([&] { (void)Document::from_bytes(cut(jpeg, jpeg.size() * 2 / 3), "cut.jpg"); });
        REQUIRE(truncated);
        CHECK(truncated->code() == ErrorCode::corrupt_input);
        CHECK(std::string(truncated->what()).find("cut.jpg") != std::string::npos);
        CHECK(code_of([&] { (void)Document::from_bytes(cut(jpeg, 10), "cut.jpg"); }) == ErrorCode::corrupt_input);

        cv::Mat gray(16, 16, CV_8UC1, cv::Scalar(200));
        CHECK(Document::from_bytes(fixture::encode(gray, ".jpg"), "g.jpg").render_page(0).format() ==
              PixelFormat::gray8);
    }

    TEST_CASE("with LoadOptions::gray colour pages decode to gray8, EXIF still applies, alpha is kept") {
        docextract::LoadOptions gray;
        gray.gray = true;
        const cv::Mat colour = picture(64, 32);
        cv::Mat expected;
        cv::cvtColor(colour, expected, cv::COLOR_BGR2GRAY);

        const auto png = Document::from_bytes(fixture::encode(colour, ".png"), "p.png", gray).render_page(0);
        REQUIRE(png.format() == PixelFormat::gray8);
        CHECK(pixel(png, 1, 1) == std::to_string(expected.at<std::uint8_t>(1, 1)));
        CHECK(pixel(png, 30, 5) == "255");

        const auto jpeg = fixture::encode(colour, ".jpg");
        const auto jpeg_page = Document::from_bytes(jpeg, "j.jpg", gray).render_page(0);
        REQUIRE(jpeg_page.format() == PixelFormat::gray8);
        const auto colour_page = Document::from_bytes(jpeg, "j.jpg").render_page(0);
        cv::Mat decoded_colour(colour_page.height(), colour_page.width(), CV_8UC3,
                               const_cast<std::uint8_t*>(colour_page.data()));
        cv::Mat luma;
        cv::cvtColor(decoded_colour, luma, cv::COLOR_RGB2GRAY);
        const cv::Mat gray_view(jpeg_page.height(), jpeg_page.width(), CV_8UC1,
                                const_cast<std::uint8_t*>(jpeg_page.data()));
        // The decoder's luma, not a different weighting (edges of colour differ a little: chroma is subsampled).
        CHECK(cv::norm(gray_view, luma, cv::NORM_L1) / static_cast<double>(luma.total()) < 1.0);
        const auto turned =
            Document::from_bytes(fixture::with_exif_orientation(jpeg, 6), "turned.jpg", gray).render_page(0);
        CHECK(turned.format() == PixelFormat::gray8);
        CHECK(turned.width() == 32);
        CHECK(turned.height() == 64);

        const auto tiff = Document::from_bytes(fixture::encode(colour, ".tif"), "t.tif", gray).render_page(0);
        REQUIRE(tiff.format() == PixelFormat::gray8);
        CHECK(pixel(tiff, 30, 5) == "255");

        cv::Mat bgra(10, 30, CV_8UC4, cv::Scalar(10, 20, 30, 40));
        CHECK(Document::from_bytes(fixture::encode(bgra, ".png"), "a.png", gray).render_page(0).format() ==
              PixelFormat::rgba8);
    }

    TEST_CASE("large JPEGs are decoded reduced, never below decode_min_pixels") {
        const auto jpeg = fixture::encode(picture(800, 600), ".jpg"); // 480,000 pixels
        const auto size_with = [&jpeg](std::int64_t min_pixels) {
            docextract::LoadOptions options;
            options.decode_min_pixels = min_pixels;
            const auto page = Document::from_bytes(jpeg, "big.jpg", options).render_page(0);
            return std::pair{page.width(), page.height()};
        };
        CHECK(size_with(0) == std::pair{800, 600});
        CHECK(size_with(480'000) == std::pair{800, 600});
        CHECK(size_with(120'000) == std::pair{400, 300}); // exactly a quarter still keeps the minimum
        CHECK(size_with(100'000) == std::pair{400, 300});
        CHECK(size_with(30'000) == std::pair{200, 150});
        CHECK(size_with(1'000) == std::pair{100, 75}); // 1/8 is the largest reduction
        const auto turned = fixture::with_exif_orientation(jpeg, 6);
        docextract::LoadOptions options;
        options.decode_min_pixels = 100'000;
        options.gray = true;
        const auto page = Document::from_bytes(turned, "turned.jpg", options).render_page(0);
        CHECK(page.width() == 300);
        CHECK(page.height() == 400);
        CHECK(page.format() == PixelFormat::gray8);
    }

    TEST_CASE("truncated or damaged PNG is corrupt_input") {
        const fixture::TempDir dir;
        const auto png = fixture::encode(picture(200, 100), ".png");
        CHECK(code_of([&] { (void)Document::open(dir.write("half.png", cut(png, png.size() / 2))); }) ==
              ErrorCode::corrupt_input);
        CHECK(code_of([&] { (void)Document::open(dir.write("head.png", cut(png, 12))); }) == ErrorCode::corrupt_input);
        auto damaged = png;
        for (std::size_t i = 40; i < damaged.size() - 20; ++i) {
            damaged[i] = std::byte{0x5A};
        }
        CHECK(code_of([&] { (void)Document::from_bytes(damaged, "damaged.png"); }) == ErrorCode::corrupt_input);
    }

    TEST_CASE("a huge declared image size is refused before decoding") {
        const auto bomb = fixture::png_header_only(100000, 100000);
        const auto error = error_of([&] { (void)Document::from_bytes(bomb, "bomb.png"); });
        REQUIRE(error);
        CHECK(error->code() == ErrorCode::limit_exceeded);
        CHECK(std::string(error->what()).find("max_page_pixels") != std::string::npos);

        LoadOptions tight;
        tight.max_page_pixels = 799;
        CHECK(code_of([&] { (void)Document::from_bytes(fixture::encode(picture(40, 20), ".png"), "p", tight); }) ==
              ErrorCode::limit_exceeded);
        tight.max_page_pixels = 800;
        CHECK(Document::from_bytes(fixture::encode(picture(40, 20), ".png"), "p", tight).page_count() == 1);
        CHECK(code_of([&] { (void)Document::from_bytes(fixture::encode(picture(40, 30), ".jpg"), "j", tight); }) ==
              ErrorCode::limit_exceeded);
    }

    TEST_CASE("the byte limit counts channels and bit depth from the header, and a large JPEG is decoded reduced") {
        cv::Mat deep(20, 40, CV_16UC4, cv::Scalar(1000, 20000, 40000, 65535)); // 40 x 20 x 4 channels x 2 bytes
        const auto png = fixture::encode(deep, ".png");
        LoadOptions tight;
        tight.max_page_bytes = 6399;
        const auto error = error_of([&] { (void)Document::from_bytes(png, "deep.png", tight); });
        REQUIRE(error);
        CHECK(error->code() == ErrorCode::limit_exceeded);
        CHECK(std::string(error->what()).find("max_page_bytes") != std::string::npos);
        CHECK(std::string(error->what()).find("6400 bytes") != std::string::npos);
        tight.max_page_bytes = 6400;
        CHECK(Document::from_bytes(png, "deep.png", tight).page_count() == 1);

        // 40 x 32 colour JPEG = 3840 bytes decoded: under a 1000-byte limit it is decoded at 1/2 (20 x 16 x 3).
        const auto jpeg = fixture::encode(picture(40, 32), ".jpg");
        tight.max_page_bytes = 1000;
        const docextract::Image reduced = Document::from_bytes(jpeg, "big.jpg", tight).render_page(0);
        CHECK(reduced.width() == 20);
        CHECK(reduced.height() == 16);
        tight.max_page_bytes = 10; // even 1/8 (5 x 4 x 3 = 60 bytes) is over it
        CHECK(code_of([&] { (void)Document::from_bytes(jpeg, "big.jpg", tight); }) == ErrorCode::limit_exceeded);

        // A PDF page renders as 4 bytes a pixel.
        LoadOptions pdf_tight;
        pdf_tight.dpi = 72;
        const auto pdf = fixture::as_bytes(fixture::make_pdf({fixture::PdfPage{}}));
        const Document document = Document::from_bytes(pdf, "page.pdf", pdf_tight);
        const auto page = document.render_page(0);
        pdf_tight.max_page_bytes = std::int64_t{page.width()} * page.height() * 4 - 1;
        CHECK(code_of([&] { (void)Document::from_bytes(pdf, "page.pdf", pdf_tight).render_page(0); }) ==
              ErrorCode::limit_exceeded);
    }

    TEST_CASE("multi-page TIFF: every frame is a page") {
        docextract::Image first(30, 20, PixelFormat::gray8);
        first.data()[0] = 10;
        first.data()[5 * 30 + 7] = 200;
        docextract::Image second(16, 40, PixelFormat::rgb8);
        second.data()[0] = 255;          // red at (0, 0)
        second.data()[3 * 17 + 2] = 250; // blue at (1, 1)
        docextract::Image third(8, 8, PixelFormat::gray8);
        const auto tiff = fixture::multipage_tiff({first, second, third});
        const fixture::TempDir dir;
        const Document document = Document::open(dir.write("fax.tif", tiff));
        CHECK(document.type() == DocumentType::tiff);
        REQUIRE(document.page_count() == 3);

        const auto p1 = document.render_page(0);
        CHECK(p1.width() == 30);
        CHECK(p1.height() == 20);
        REQUIRE(p1.format() == PixelFormat::gray8);
        CHECK(pixel(p1, 0, 0) == "10");
        CHECK(pixel(p1, 7, 5) == "200");
        const auto p2 = document.render_page(1);
        CHECK(p2.width() == 16);
        CHECK(p2.height() == 40);
        REQUIRE(p2.format() == PixelFormat::rgb8);
        CHECK(pixel(p2, 0, 0) == "255,0,0");
        CHECK(pixel(p2, 1, 1) == "0,0,250");
        CHECK(document.render_page(2).width() == 8);

        LoadOptions two_pages;
        two_pages.max_pages = 2;
        CHECK(code_of([&] { (void)Document::from_bytes(tiff, "fax.tif", two_pages); }) == ErrorCode::limit_exceeded);
        LoadOptions tiny;
        tiny.max_page_pixels = 500;
        const Document limited = Document::from_bytes(tiff, "fax.tif", tiny);
        CHECK(code_of([&] { (void)limited.render_page(0); }) == ErrorCode::limit_exceeded); // 600 pixels
        CHECK(limited.render_page(2).height() == 8);                                        // 64 pixels
        CHECK(code_of([&] { (void)Document::from_bytes(cut(tiff, 9), "cut.tif"); }) == ErrorCode::corrupt_input);
    }

    TEST_CASE("OpenCV-written TIFF is read as well") {
        const auto tiff = fixture::encode(picture(24, 12), ".tif");
        const Document document = Document::from_bytes(tiff, "cv.tif");
        REQUIRE(document.page_count() == 1);
        const auto page = document.render_page(0);
        CHECK(page.width() == 24);
        CHECK(page.height() == 12);
        CHECK(pixel(page, 0, 0) == "255,0,0");
    }

    TEST_CASE("PDF: page count, rendering size, text layer") {
        const fixture::TempDir dir;
        const auto path = dir.write("invoice.pdf", invoice_pdf());
        LoadOptions options;
        options.dpi = 144;
        const Document document = Document::open(path, options);
        CHECK(document.type() == DocumentType::pdf);
        REQUIRE(document.page_count() == 1);

        const auto page = document.render_page(0);
        CHECK(page.width() == 1224); // 612 pt * 144 / 72
        CHECK(page.height() == 1584);
        REQUIRE(page.format() == PixelFormat::rgb8);
        CHECK(pixel(page, 10, 10) == "255,255,255");
        // Some ink where the first line is drawn (baseline at 792 - 700 = 92 pt = 184 px).
        int dark = 0;
        for (int y = 160; y < 190; ++y) {
            for (int x = 144; x < 400; ++x) {
                dark += page.data()[y * page.stride() + x * 3] < 100 ? 1 : 0;
            }
        }
        CHECK(dark > 100);

        const auto text = document.page_text(0);
        REQUIRE(text.has_value());
        CHECK(text->source == docextract::TextSource::text_layer);
        CHECK(text->width == 1224);
        CHECK(text->height == 1584);
        CHECK(text->page == 0);
        REQUIRE(text->lines.size() == 4);
        CHECK(text->lines[0].text() == "Invoice Number 12345");
        CHECK(text->lines[1].text() == "Date 2024-03-01");
        CHECK(text->lines[2].text() == "Total (EUR) 99.50");
        CHECK(text->lines[3].text() == "Page 1");
        CHECK(text->lines[0].block == text->lines[1].block);
        CHECK(text->lines[2].block > text->lines[1].block); // 80 pt gap
        CHECK(text->lines[3].block == text->lines[2].block);

        const auto& invoice = text->lines[0].words.at(0);
        CHECK(invoice.text == "Invoice");
        CHECK(invoice.confidence == doctest::Approx(1.0));
        CHECK(invoice.box.x == doctest::Approx(144).epsilon(0.03));
        CHECK(invoice.box.bottom() > 176); // descender-free word ends near the 184 px baseline
        CHECK(invoice.box.bottom() < 196);
        CHECK(invoice.box.height > 16);
        CHECK(invoice.box.height < 40);
        CHECK(invoice.box.width > 66); // "Invoice" in 12 pt Helvetica is 38 pt = 76 px wide
        CHECK(invoice.box.width < 90);
        const auto& number = text->lines[0].words.at(2);
        CHECK(number.box.x > invoice.box.right());
        CHECK(text->lines[3].box.x == doctest::Approx(800).epsilon(0.03)); // 400 pt
    }

    TEST_CASE("PDF page_text follows the dpi and is empty for a page without text") {
        LoadOptions options;
        options.dpi = 72;
        const auto pdf = fixture::make_pdf({{200, 100, {{20, 50, 10, "Hello"}}, {}}, {300, 150, {}, {}}});
        const Document document = Document::from_bytes(fixture::as_bytes(pdf), "two.pdf", options);
        REQUIRE(document.page_count() == 2);
        const auto first = document.render_page(0);
        CHECK(first.width() == 200);
        CHECK(first.height() == 100);
        const auto second = document.render_page(1);
        CHECK(second.width() == 300);
        CHECK(second.height() == 150);
        const auto text = document.page_text(0);
        REQUIRE(text.has_value());
        REQUIRE(text->lines.size() == 1);
        CHECK(text->lines[0].words.at(0).box.x == doctest::Approx(20).epsilon(0.1));
        CHECK_FALSE(document.page_text(1).has_value());
        CHECK(code_of([&] { (void)document.page_text(2); }) == ErrorCode::invalid_argument);
    }

    TEST_CASE("PDF limits: pages and pixels") {
        LoadOptions options;
        options.max_pages = 3;
        CHECK(Document::from_bytes(fixture::as_bytes(invoice_pdf(3)), "three.pdf", options).page_count() == 3);
        const auto error =
            error_of([&] { (void)Document::from_bytes(fixture::as_bytes(invoice_pdf(4)), "four.pdf", options); });
        REQUIRE(error);
        CHECK(error->code() == ErrorCode::limit_exceeded);
        CHECK(std::string(error->what()).find("four.pdf") != std::string::npos);

        options = {};
        options.dpi = 300;
        options.max_page_pixels = 1'000'000; // a Letter page at 300 dpi is 8.4 million
        const Document document = Document::from_bytes(fixture::as_bytes(invoice_pdf()), "big.pdf", options);
        CHECK(code_of([&] { (void)document.render_page(0); }) == ErrorCode::limit_exceeded);
    }

    TEST_CASE("damaged PDFs are corrupt_input") {
        CHECK(code_of([&] {
                  (void)Document::from_bytes(fixture::as_bytes("%PDF-1.4\nthis is not a pdf\n"), "junk.pdf");
              }) == ErrorCode::corrupt_input);
        const auto pdf = invoice_pdf();
        CHECK(code_of([&] { (void)Document::from_bytes(fixture::as_bytes(pdf.substr(0, 60)), "cut.pdf"); }) ==
              ErrorCode::corrupt_input);
        const auto no_pages = fixture::make_pdf({});
        CHECK(code_of([&] { (void)Document::from_bytes(fixture::as_bytes(no_pages), "empty.pdf"); }) ==
              ErrorCode::corrupt_input);
    }

    TEST_CASE("encrypted PDF needs its password") {
        if (!fixture::have_program("qpdf")) {
            MESSAGE("qpdf is not installed: encrypted PDF case skipped");
            return;
        }
        const fixture::TempDir dir;
        const auto plain = dir.write("plain.pdf", invoice_pdf());
        const auto locked = dir.path() / "locked.pdf";
        REQUIRE(fixture::run_quietly("qpdf '" + plain.string() + "' '" + locked.string() +
                                     "' --encrypt s3cret owner-pw 256 --"));
        const auto error = error_of([&] { (void)Document::open(locked); });
        REQUIRE(error);
        CHECK(error->code() == ErrorCode::encrypted_document);
        CHECK(std::string(error->what()).find("password") != std::string::npos);
        CHECK(std::string(error->what()).find("locked.pdf") != std::string::npos);

        LoadOptions wrong;
        wrong.password = "guess";
        CHECK(code_of([&] { (void)Document::open(locked, wrong); }) == ErrorCode::encrypted_document);

        LoadOptions right;
        right.password = "s3cret";
        const Document document = Document::open(locked, right);
        CHECK(document.page_count() == 1);
        const auto text = document.page_text(0);
        REQUIRE(text.has_value());
        CHECK(text->lines.at(0).text() == "Invoice Number 12345");
    }

    TEST_CASE("embedded e-invoice XML is returned") {
        if (!fixture::have_program("qpdf")) {
            MESSAGE("qpdf is not installed: attachment case skipped");
            return;
        }
        const fixture::TempDir dir;
        const auto plain = dir.write("plain.pdf", invoice_pdf());
        const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rsm:CrossIndustryInvoice "
                                "xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\"/>\n";
        const auto attachment = dir.write("factur-x.xml", xml);
        const auto other = dir.write("readme.txt", "not an invoice");
        const auto with_files = dir.path() / "facturx.pdf";
        REQUIRE(fixture::run_quietly("qpdf '" + plain.string() + "' '" + with_files.string() + "' --add-attachment '" +
                                     attachment.string() + "' -- --add-attachment '" + other.string() + "' --"));
        const Document document = Document::open(with_files);
        const auto invoices = document.embedded_invoices();
        REQUIRE(invoices.size() == 1);
        CHECK(invoices[0].file_name == "factur-x.xml");
        CHECK(invoices[0].xml == xml);

        CHECK(Document::open(plain).embedded_invoices().empty());
    }

    TEST_CASE("layout_words groups words into lines and blocks") {
        using docextract::Box;
        using docextract::TextWord;
        std::vector<TextWord> words = {
            {"Total", 1.0F, Box{100, 500, 50, 20}}, {"Invoice", 1.0F, Box{100, 100, 70, 20}},
            {"12.00", 1.0F, Box{230, 502, 50, 20}}, {"No.", 1.0F, Box{180, 101, 30, 20}},
            {"7", 1.0F, Box{220, 99, 10, 20}},      {"far", 1.0F, Box{1200, 100, 30, 20}},
            {"Date", 1.0F, Box{100, 130, 40, 20}},  {" ", 1.0F, Box{150, 130, 5, 20}},
            {"empty", 1.0F, Box{300, 300, 0, 0}},
        };
        const auto page = docextract::detail::layout_words(words, 2000, 1000, 3, docextract::TextSource::text_layer);
        CHECK(page.page == 3);
        CHECK(page.width == 2000);
        REQUIRE(page.lines.size() == 4);
        CHECK(page.lines[0].text() == "Invoice No. 7");
        CHECK(page.lines[0].box == Box{100, 99, 130, 22});
        CHECK(page.lines[1].text() == "far"); // same row, but too far to belong to the line
        CHECK(page.lines[2].text() == "Date");
        CHECK(page.lines[3].text() == "Total 12.00");
        CHECK(page.lines[0].block == 0);
        CHECK(page.lines[1].block == 0);
        CHECK(page.lines[2].block == 0);
        CHECK(page.lines[3].block == 1);
    }

    TEST_CASE("damaged bytes of every format give an Error or a page, never a crash") {
        const std::vector<std::pair<std::string, std::vector<std::byte>>> samples = {
            {"png", fixture::encode(picture(64, 48), ".png")},
            {"jpeg", fixture::encode(picture(64, 48), ".jpg")},
            {"tiff", fixture::multipage_tiff(
                         {docextract::Image(20, 10, PixelFormat::gray8), docextract::Image(12, 9, PixelFormat::rgb8)})},
            {"pdf", fixture::as_bytes(invoice_pdf(2))},
        };
        std::uint32_t seed = 12345;
        const auto next = [&seed] {
            seed = seed * 1664525U + 1013904223U;
            return seed >> 8U;
        };
        LoadOptions options;
        options.dpi = 36;
        for (const auto& [kind, original] : samples) {
            CAPTURE(kind);
            for (int round = 0; round < 150; ++round) {
                auto bytes = original;
                const int edits = 1 + static_cast<int>(next() % 8);
                for (int e = 0; e < edits; ++e) {
                    bytes[next() % bytes.size()] = static_cast<std::byte>(next() & 0xFFU);
                }
                if (round % 5 == 0) {
                    bytes.resize(1 + next() % bytes.size());
                }
                try {
                    const Document document = Document::from_bytes(bytes, "fuzz." + kind, options);
                    for (int page = 0; page < document.page_count(); ++page) {
                        (void)document.render_page(page);
                        (void)document.page_text(page);
                    }
                    (void)document.embedded_invoices();
                } catch (const docextract::Error&) {
                    // expected for most damaged inputs
                }
            }
        }
    }

} // TEST_SUITE
