// SPDX-License-Identifier: MIT
// PDFs as they really come, end to end through docextract::Pipeline: text layers, several pages, embedded
// Factur-X XML, encryption and damaged files. Every PDF is written by the test itself (hand-made objects with
// computed xref offsets), and qpdf adds attachments and encryption where available.
#include <docextract/document.hpp>
#include <docextract/error.hpp>
#include <docextract/fields.hpp>
#include <docextract/ocr.hpp>
#include <docextract/pipeline.hpp>

#include <doctest/doctest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

namespace fs = std::filesystem;
using docextract::ErrorCode;
using docextract::ExtractionResult;
using docextract::Field;
using docextract::FieldSource;
using docextract::Pipeline;
using docextract::PipelineOptions;
using docextract::TextSource;

// ---------------------------------------------------------------------------------------------------------------
// A minimal PDF writer: Helvetica text placed at absolute positions, one content stream per page.

/// One piece of text at a position in PDF points (origin bottom left).
struct TextRun {
    double x = 72;
    double y = 720;
    std::string text;
};

/// One page: its size in points and its text runs (none for a page without a text layer).
struct PdfPage {
    std::vector<TextRun> runs;
    double width = 595; // A4
    double height = 842;
};

/// Escapes a PDF literal string.
std::string pdf_literal(std::string_view text) {
    std::string out = "(";
    for (const char c : text) {
        if (c == '(' || c == ')' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + ")";
}

std::string number(double value) {
    std::string text = std::to_string(value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') {
        text.pop_back();
    }
    return text;
}

/// Writes a complete PDF 1.4 file: catalog, page tree, font, pages with content streams, xref and trailer.
/// `declared_count` overrides the /Count of the page tree (to write inconsistent files).
/// `encoding` is the font's /Encoding entry.
std::string build_pdf(const std::vector<PdfPage>& pages, int declared_count = -1,
                      std::string_view encoding = "/WinAnsiEncoding") {
    std::map<int, std::string> objects;
    objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
    objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding " + std::string(encoding) + " >>";
    std::string kids;
    int next = 4;
    for (const PdfPage& page : pages) {
        std::string content;
        for (const TextRun& run : page.runs) {
            content +=
                "BT /F1 10 Tf " + number(run.x) + " " + number(run.y) + " Td " + pdf_literal(run.text) + " Tj ET\n";
        }
        kids += std::to_string(next) + " 0 R ";
        objects[next] = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + number(page.width) + " " +
                        number(page.height) + "] /Resources << /Font << /F1 3 0 R >> >> /Contents " +
                        std::to_string(next + 1) + " 0 R >>";
        objects[next + 1] = "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream";
        next += 2;
    }
    const int count = declared_count >= 0 ? declared_count : static_cast<int>(pages.size());
    objects[2] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(count) + " >>";

    std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets(static_cast<std::size_t>(next), 0);
    for (const auto& [id, body] : objects) {
        offsets[static_cast<std::size_t>(id)] = pdf.size();
        pdf += std::to_string(id) + " 0 obj\n" + body + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(next) + "\n0000000000 65535 f \n";
    for (int id = 1; id < next; ++id) {
        std::string offset = std::to_string(offsets[static_cast<std::size_t>(id)]);
        pdf += std::string(10 - offset.size(), '0') + offset + " 00000 n \n";
    }
    pdf += "trailer\n<< /Size " + std::to_string(next) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) +
           "\n%%EOF\n";
    return pdf;
}

/// Text runs of a line: cells at the given x positions on baseline y.
void add_row(PdfPage& page, double y, std::initializer_list<std::pair<double, std::string_view>> cells) {
    for (const auto& [x, text] : cells) {
        page.runs.push_back({x, y, std::string(text)});
    }
}

/// The letterhead, invoice details and line items of the test invoice (its totals are added separately).
PdfPage invoice_first_page() {
    PdfPage page;
    add_row(page, 790, {{56, "Northwind Traders Ltd"}});
    add_row(page, 776, {{56, "12 Harbour Road, Bristol BS1 4DJ, United Kingdom"}});
    add_row(page, 762, {{56, "accounts@northwind-traders.example"}});
    add_row(page, 700, {{56, "INVOICE"}});
    add_row(page, 680, {{56, "Invoice Number:"}, {150, "NT-2024-0815"}});
    add_row(page, 666, {{56, "Invoice Date:"}, {150, "14 March 2024"}});
    add_row(page, 652, {{56, "Bill To:"}, {150, "Contoso Retail Group, 4 Mill Lane, Leeds"}});
    add_row(page, 600, {{56, "Description"}, {300, "Qty"}, {380, "Unit price"}, {480, "Amount"}});
    add_row(page, 584, {{56, "Oak desk"}, {300, "2"}, {380, "150.00"}, {480, "300.00"}});
    add_row(page, 570, {{56, "Desk lamp"}, {300, "4"}, {380, "37.50"}, {480, "150.00"}});
    return page;
}

void add_totals(PdfPage& page, double top) {
    add_row(page, top, {{380, "Subtotal"}, {480, "450.00"}});
    add_row(page, top - 14, {{380, "VAT 20%"}, {480, "90.00"}});
    add_row(page, top - 28, {{380, "Total"}, {480, "GBP 540.00"}});
    add_row(page, top - 70, {{56, "Payment within 30 days to account GB29 NWBK 6016 1331 9268 19."}});
}

/// The one-page test invoice.
std::string one_page_invoice() {
    PdfPage page = invoice_first_page();
    add_totals(page, 530);
    return build_pdf({page});
}

/// The same invoice over two pages: items on the first, totals on the second.
std::string two_page_invoice() {
    PdfPage first = invoice_first_page();
    add_row(first, 60, {{56, "Continued on page 2 of 2"}});
    PdfPage second;
    add_row(second, 790, {{56, "Northwind Traders Ltd - Invoice NT-2024-0815 - page 2 of 2"}});
    add_totals(second, 740);
    return build_pdf({first, second});
}

/// A Factur-X (EN 16931) XML for the test invoice: legal name in full, no seller e-mail.
std::string facturx_xml(std::string_view seller = "Northwind Traders Limited") {
    return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
  <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>
    <ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>NT-2024-0815</ram:ID><ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20240314</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>)") +
           std::string(seller) + R"(</ram:Name></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Contoso Retail Group</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>GBP</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>
        <ram:LineTotalAmount>450.00</ram:LineTotalAmount>
        <ram:TaxBasisTotalAmount>450.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="GBP">90.00</ram:TaxTotalAmount>
        <ram:GrandTotalAmount>540.00</ram:GrandTotalAmount>
        <ram:DuePayableAmount>540.00</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
)";
}

// ---------------------------------------------------------------------------------------------------------------
// Files, external tools and pipelines.

/// A fresh directory under the system temp folder, removed with everything in it at the end of the test.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = fs::temp_directory_path() /
                ("docextract-pdf-inputs-" + std::to_string(stamp) + "-" + std::to_string(counter++));
        fs::create_directories(path_);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    [[nodiscard]] fs::path operator/(std::string_view name) const { return path_ / name; }

private:
    fs::path path_;
};

void write_file(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
}

/// The path in single quotes for the shell (the temp paths made here contain no quote).
std::string quoted(const fs::path& path) {
    std::string text = path.string();
    text.insert(text.begin(), '\'');
    text.push_back('\'');
    return text;
}

bool have_qpdf() {
    static const bool found = std::system("qpdf --version > /dev/null 2>&1") == 0;
    return found;
}

/// Runs qpdf with the given arguments; true on success (exit code 0, or 3 = success with warnings).
bool run_qpdf(const std::string& arguments) {
    const int status = std::system(("qpdf " + arguments + " > /dev/null 2>&1").c_str());
    return status == 0 || (WIFEXITED(status) && WEXITSTATUS(status) == 3);
}

/// An OCR engine for the text-layer tests: OCR must not run there, so it only counts calls and fails.
class NoOcrEngine final : public docextract::OcrEngine {
public:
    explicit NoOcrEngine(int& calls) : calls_(calls) {}
    docextract::PageText recognize(const docextract::ImageView& /*page*/) override {
        ++calls_;
        throw docextract::Error(ErrorCode::ocr_failed, "OCR was called in a text-layer test");
    }

private:
    int& calls_;
};

/// A pipeline with the real rule extractor whose OCR engine must stay unused.
Pipeline text_only_pipeline(int& ocr_calls, PipelineOptions options = {}) {
    return Pipeline(std::move(options), std::make_unique<NoOcrEngine>(ocr_calls), nullptr);
}

const Field& field(const ExtractionResult& result, std::string_view name) {
    const Field* found = result.field(name);
    REQUIRE_MESSAGE(found != nullptr, "no field named " << name);
    return *found;
}

std::string value(const ExtractionResult& result, std::string_view name) {
    return field(result, name).value.value_or("<not found>");
}

/// Prints the result's error and fields when a check fails.
std::string describe(const ExtractionResult& result) {
    std::string text = result.filename + (result.error ? " error: " + *result.error : std::string(" ok")) + "\n";
    for (const Field& f : result.fields) {
        text += "  " + f.name + " = " + f.value.value_or("-") + " (" + std::string(to_string(f.source)) + ", page " +
                std::to_string(f.page) + ")\n";
    }
    return text;
}

} // namespace

TEST_SUITE("pdf_inputs") {

    TEST_CASE("a text-layer PDF is read from its text layer, without OCR") {
        TempDir dir;
        write_file(dir / "invoice.pdf", one_page_invoice());
        int ocr_calls = 0;
        Pipeline pipeline = text_only_pipeline(ocr_calls);
        const ExtractionResult result = pipeline.run(dir / "invoice.pdf");
        INFO(describe(result));
        REQUIRE(result.ok());
        CHECK(ocr_calls == 0);
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].source == TextSource::text_layer);
        CHECK(result.pages[0].words > 40);
        CHECK(value(result, "invoice_number") == "NT-2024-0815");
        CHECK(value(result, "date") == "2024-03-14");
        CHECK(value(result, "total") == "540.00");
        CHECK(value(result, "email") == "accounts@northwind-traders.example");
        for (const char* name : {"invoice_number", "date", "total", "email"}) {
            INFO(name);
            CHECK(field(result, name).source == FieldSource::text_layer);
            CHECK(field(result, name).page == 0);
            CHECK(field(result, name).box.has_value());
        }
    }

    TEST_CASE("a page without text goes to OCR even when another page has a text layer") {
        TempDir dir;
        PdfPage text_page = invoice_first_page();
        add_totals(text_page, 530);
        write_file(dir / "mixed.pdf", build_pdf({text_page, PdfPage{}}));
        int ocr_calls = 0;
        Pipeline pipeline = text_only_pipeline(ocr_calls);
        const ExtractionResult result = pipeline.run(dir / "mixed.pdf");
        // The engine here refuses to work, so the document fails on page 2: that proves page 2 was sent to OCR
        // and page 1 was not (one call only).
        CHECK(ocr_calls == 1);
        CHECK(result.error_code == ErrorCode::ocr_failed);
    }

    TEST_CASE("a text layer that is nearly empty or garbage is not used: the page goes to OCR") {
        int ocr_calls = 0;
        Pipeline pipeline = text_only_pipeline(ocr_calls);
        const auto run = [&pipeline](const std::string& bytes, std::string name) {
            return pipeline.run(std::as_bytes(std::span(bytes.data(), bytes.size())), std::move(name));
        };
        SUBCASE("only a page number") {
            PdfPage page;
            add_row(page, 40, {{280, "Page 1 of 1"}});
            CHECK(run(build_pdf({page}), "page-number.pdf").error_code == ErrorCode::ocr_failed);
            CHECK(ocr_calls == 1);
        }
        SUBCASE("a font without a Unicode map: every letter is a private-use character") {
            // Glyph names uniE000.. make poppler report U+E000.. for A..Z, as with subset fonts lacking ToUnicode.
            std::string encoding = "<< /Type /Encoding /Differences [65";
            for (char letter = 'A'; letter <= 'Z'; ++letter) {
                encoding +=
                    " /uniE0" + std::string(letter - 'A' < 16 ? "0" : "1") + "0123456789ABCDEF"[(letter - 'A') % 16];
            }
            encoding += "] >>";
            PdfPage page;
            for (int row = 0; row < 10; ++row) {
                add_row(page, 700 - 14 * row, {{56, "INVOICE NUMBER DATE TOTAL AMOUNT DUE VENDOR"}});
            }
            CHECK(run(build_pdf({page}, -1, encoding), "private-use.pdf").error_code == ErrorCode::ocr_failed);
            CHECK(ocr_calls == 1);
        }
    }

    TEST_CASE("a total on the second page is found, with its page") {
        TempDir dir;
        write_file(dir / "two-pages.pdf", two_page_invoice());
        int ocr_calls = 0;
        Pipeline pipeline = text_only_pipeline(ocr_calls);
        const ExtractionResult result = pipeline.run(dir / "two-pages.pdf");
        INFO(describe(result));
        REQUIRE(result.ok());
        CHECK(ocr_calls == 0);
        REQUIRE(result.pages.size() == 2);
        CHECK(result.pages[1].source == TextSource::text_layer);
        CHECK(value(result, "total") == "540.00");
        CHECK(field(result, "total").page == 1);
        CHECK(field(result, "total").source == FieldSource::text_layer);
        CHECK(value(result, "invoice_number") == "NT-2024-0815");
        CHECK(field(result, "invoice_number").page == 0);
        CHECK(value(result, "date") == "2024-03-14");
    }

    TEST_CASE("embedded Factur-X XML gives its fields with confidence 1, the pages give the rest") {
        if (!have_qpdf()) {
            MESSAGE("qpdf not found: embedded-XML test skipped");
            return;
        }
        TempDir dir;
        write_file(dir / "two-pages.pdf", two_page_invoice());
        write_file(dir / "factur-x.xml", facturx_xml());
        REQUIRE(run_qpdf(quoted(dir / "two-pages.pdf") + " --add-attachment " + quoted(dir / "factur-x.xml") +
                         " --mimetype=text/xml -- " + quoted(dir / "facturx.pdf")));
        int ocr_calls = 0;
        Pipeline pipeline = text_only_pipeline(ocr_calls);
        const ExtractionResult result = pipeline.run(dir / "facturx.pdf");
        INFO(describe(result));
        REQUIRE(result.ok());
        CHECK(ocr_calls == 0);
        CHECK(value(result, "vendor") == "Northwind Traders Limited"); // the XML's legal name, not the letterhead
        CHECK(value(result, "invoice_number") == "NT-2024-0815");
        CHECK(value(result, "date") == "2024-03-14");
        CHECK(value(result, "total") == "540.00");
        for (const char* name : {"vendor", "invoice_number", "date", "total"}) {
            INFO(name);
            CHECK(field(result, name).source == FieldSource::embedded_xml);
            CHECK(field(result, name).confidence == doctest::Approx(1.0));
            CHECK_FALSE(field(result, name).needs_review);
        }
        // The printed total equals the XML total, so it keeps the page it is printed on.
        CHECK(field(result, "total").page == 1);
        // The XML has no seller e-mail: that field still comes from the text layer.
        CHECK(value(result, "email") == "accounts@northwind-traders.example");
        CHECK(field(result, "email").source == FieldSource::text_layer);

        SUBCASE("use_embedded_xml off: everything from the pages") {
            int calls = 0;
            PipelineOptions pages_only_options;
            pages_only_options.use_embedded_xml = false;
            Pipeline pages_only = text_only_pipeline(calls, pages_only_options);
            const ExtractionResult plain = pages_only.run(dir / "facturx.pdf");
            INFO(describe(plain));
            REQUIRE(plain.ok());
            CHECK(field(plain, "total").source == FieldSource::text_layer);
            CHECK(field(plain, "invoice_number").source == FieldSource::text_layer);
        }
    }

    TEST_CASE("an invalid embedded XML falls back to the page content") {
        if (!have_qpdf()) {
            MESSAGE("qpdf not found: embedded-XML test skipped");
            return;
        }
        TempDir dir;
        write_file(dir / "invoice.pdf", one_page_invoice());
        std::string broken = facturx_xml();
        broken.resize(broken.size() / 2); // cut in the middle of an element: not well-formed
        write_file(dir / "factur-x.xml", broken);
        REQUIRE(run_qpdf(quoted(dir / "invoice.pdf") + " --add-attachment " + quoted(dir / "factur-x.xml") + " -- " +
                         quoted(dir / "broken-xml.pdf")));
        int ocr_calls = 0;
        Pipeline pipeline = text_only_pipeline(ocr_calls);
        const ExtractionResult result = pipeline.run(dir / "broken-xml.pdf");
        INFO(describe(result));
        REQUIRE(result.ok());
        CHECK(value(result, "total") == "540.00");
        for (const Field& f : result.fields) {
            INFO(f.name);
            CHECK(f.source != FieldSource::embedded_xml);
        }
    }

    TEST_CASE("an encrypted PDF needs its password") {
        if (!have_qpdf()) {
            MESSAGE("qpdf not found: encryption test skipped");
            return;
        }
        TempDir dir;
        write_file(dir / "invoice.pdf", one_page_invoice());
        REQUIRE(run_qpdf("--encrypt user-secret owner-secret 256 -- " + quoted(dir / "invoice.pdf") + " " +
                         quoted(dir / "encrypted.pdf")));
        int ocr_calls = 0;
        {
            Pipeline pipeline = text_only_pipeline(ocr_calls);
            const ExtractionResult result = pipeline.run(dir / "encrypted.pdf");
            CHECK_FALSE(result.ok());
            CHECK(result.error_code == ErrorCode::encrypted_document);
            CHECK(result.fields.empty());
        }
        {
            PipelineOptions wrong;
            wrong.load.password = "not-the-password";
            Pipeline pipeline = text_only_pipeline(ocr_calls, wrong);
            CHECK(pipeline.run(dir / "encrypted.pdf").error_code == ErrorCode::encrypted_document);
        }
        PipelineOptions options;
        options.load.password = "user-secret";
        Pipeline pipeline = text_only_pipeline(ocr_calls, options);
        const ExtractionResult result = pipeline.run(dir / "encrypted.pdf");
        INFO(describe(result));
        REQUIRE(result.ok());
        CHECK(value(result, "total") == "540.00");
        CHECK(field(result, "total").source == FieldSource::text_layer);
        CHECK(ocr_calls == 0);
    }

    TEST_CASE("damaged PDFs give a clear error value or are repaired, never a crash") {
        int ocr_calls = 0;
        Pipeline pipeline = text_only_pipeline(ocr_calls);
        const std::string good = one_page_invoice();
        const auto run = [&pipeline](const std::string& bytes, std::string name) {
            return pipeline.run(std::as_bytes(std::span(bytes.data(), bytes.size())), std::move(name));
        };

        SUBCASE("zero pages") {
            const ExtractionResult result = run(build_pdf({}), "zero-pages.pdf");
            CHECK(result.error_code == ErrorCode::corrupt_input);
            CHECK(result.error.value_or("").find("zero-pages.pdf") != std::string::npos);
        }
        SUBCASE("a page count larger than the page tree") {
            const ExtractionResult result = run(build_pdf({invoice_first_page()}, 100000), "bad-count.pdf");
            CHECK(result.error_code == ErrorCode::corrupt_input);
        }
        SUBCASE("truncated in the middle") {
            const ExtractionResult result = run(good.substr(0, good.size() / 2), "truncated.pdf");
            CHECK(result.error_code == ErrorCode::corrupt_input);
        }
        SUBCASE("only the header") {
            CHECK(run("%PDF-1.7\n", "header-only.pdf").error_code == ErrorCode::corrupt_input);
        }
        SUBCASE("no cross-reference table or trailer") {
            const ExtractionResult result = run(good.substr(0, good.find("xref\n")), "no-xref.pdf");
            CHECK(result.error_code == ErrorCode::corrupt_input);
        }
        SUBCASE("wrong xref offsets are repaired by reconstruction") {
            std::string shifted = good;
            std::size_t at = shifted.find("xref\n");
            while ((at = shifted.find(" 00000 n", at)) != std::string::npos) {
                shifted.replace(at - 10, 10, "0000000003"); // every object "at" byte 3
                at += 8;
            }
            const ExtractionResult result = run(shifted, "wrong-offsets.pdf");
            INFO(describe(result));
            REQUIRE(result.ok());
            CHECK(value(result, "total") == "540.00");
        }
        SUBCASE("garbage in place of the xref table") {
            std::string garbage = good.substr(0, good.find("xref\n"));
            const std::size_t xref = garbage.size();
            garbage +=
                "xref\n0 6\nthis is not a cross-reference table\ntrailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n" +
                std::to_string(xref) + "\n%%EOF\n";
            const ExtractionResult result = run(garbage, "garbage-xref.pdf");
            INFO(describe(result));
            if (result.ok()) { // poppler rebuilt the table from the objects
                CHECK(value(result, "total") == "540.00");
            } else {
                CHECK(result.error_code == ErrorCode::corrupt_input);
            }
        }
        SUBCASE("a loop in the page tree") {
            std::string loop = good;
            const std::size_t kids = loop.find("/Kids [4 0 R ]");
            REQUIRE(kids != std::string::npos);
            loop.replace(kids, 14, "/Kids [2 0 R ]"); // same length: offsets stay valid
            const ExtractionResult result = run(loop, "page-loop.pdf");
            CHECK(result.error_code == ErrorCode::corrupt_input); // failed reading the page, before any OCR
        }
        CHECK(ocr_calls == 0);
    }

    TEST_CASE("page count and page size limits are enforced before any rendering") {
        int ocr_calls = 0;
        SUBCASE("more pages than max_pages") {
            std::vector<PdfPage> pages(3, invoice_first_page());
            const std::string pdf = build_pdf(pages);
            PipelineOptions options;
            options.load.max_pages = 2;
            Pipeline pipeline = text_only_pipeline(ocr_calls, options);
            const ExtractionResult result = pipeline.run(std::as_bytes(std::span(pdf.data(), pdf.size())), "three.pdf");
            CHECK(result.error_code == ErrorCode::limit_exceeded);
            CHECK(result.error.value_or("").find("max_pages") != std::string::npos);
            options.load.max_pages = 3;
            Pipeline enough = text_only_pipeline(ocr_calls, options);
            CHECK(enough.run(std::as_bytes(std::span(pdf.data(), pdf.size())), "three.pdf").ok());
        }
        SUBCASE("the default limit of 50 pages") {
            std::vector<PdfPage> pages(51);
            for (std::size_t i = 0; i < pages.size(); ++i) {
                add_row(pages[i], 700, {{56, "Statement of account, continuation sheet"}});
            }
            const std::string pdf = build_pdf(pages);
            Pipeline pipeline = text_only_pipeline(ocr_calls);
            CHECK(pipeline.run(std::as_bytes(std::span(pdf.data(), pdf.size())), "long.pdf").error_code ==
                  ErrorCode::limit_exceeded);
        }
        SUBCASE("a 200 x 200 inch page at 300 dpi") {
            PdfPage huge;
            huge.width = 14400;
            huge.height = 14400; // 60000 x 60000 pixels at 300 dpi: 3.6e9, over the default 1e8
            const std::string pdf = build_pdf({huge});
            Pipeline pipeline = text_only_pipeline(ocr_calls);
            const ExtractionResult result = pipeline.run(std::as_bytes(std::span(pdf.data(), pdf.size())), "huge.pdf");
            CHECK(result.error_code == ErrorCode::limit_exceeded);
            // The size check names the limit: it ran before poppler was asked for the pixels.
            CHECK(result.error.value_or("").find("max_page_pixels") != std::string::npos);
        }
        CHECK(ocr_calls == 0);
    }

} // TEST_SUITE

TEST_SUITE("ocr") {

    TEST_CASE("force_ocr reads a text-layer PDF through OCR") {
        TempDir dir;
        write_file(dir / "invoice.pdf", one_page_invoice());
        PipelineOptions options;
        options.force_ocr = true;
        Pipeline pipeline(options);
        const ExtractionResult result = pipeline.run(dir / "invoice.pdf");
        INFO(describe(result));
        REQUIRE(result.ok());
        REQUIRE(result.pages.size() == 1);
        CHECK(result.pages[0].source == TextSource::ocr);
        CHECK(result.pages[0].preprocess.has_value());
        CHECK(value(result, "invoice_number") == "NT-2024-0815");
        CHECK(value(result, "total") == "540.00");
        for (const Field& f : result.fields) {
            if (f.value) {
                INFO(f.name);
                CHECK(f.source == FieldSource::ocr);
                CHECK(f.page == 0);
            }
        }
    }

    TEST_CASE("a two-page TIFF is one document: the total comes from page 2") {
        TempDir dir;
        write_file(dir / "two-pages.pdf", two_page_invoice());
        // Render the PDF pages and store them as a two-page TIFF: a scan of the same invoice.
        PipelineOptions options;
        options.load.dpi = 200;
        const docextract::Document pdf = docextract::Document::open(dir / "two-pages.pdf", options.load);
        std::vector<cv::Mat> frames;
        for (int index = 0; index < pdf.page_count(); ++index) {
            const docextract::Image page = pdf.render_page(index);
            REQUIRE(page.format() == docextract::PixelFormat::rgb8);
            const cv::Mat rgb(page.height(), page.width(), CV_8UC3, const_cast<std::uint8_t*>(page.data()),
                              static_cast<std::size_t>(page.stride()));
            frames.push_back(rgb.clone());
        }
        REQUIRE(cv::imwrite((dir / "scan.tiff").string(), frames));

        options.ocr.dpi = 200;
        Pipeline pipeline(options);
        const ExtractionResult result = pipeline.run(dir / "scan.tiff");
        INFO(describe(result));
        REQUIRE(result.ok());
        REQUIRE(result.pages.size() == 2);
        CHECK(result.pages[1].source == TextSource::ocr);
        CHECK(value(result, "total") == "540.00");
        CHECK(field(result, "total").page == 1);
        CHECK(field(result, "total").source == FieldSource::ocr);
        CHECK(value(result, "invoice_number") == "NT-2024-0815");
        CHECK(field(result, "invoice_number").page == 0);
    }

} // TEST_SUITE
