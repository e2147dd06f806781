// SPDX-License-Identifier: MIT
// Assembles the seed corpora of the fuzz targets from the repository's test fixtures, into <out>/<target>/:
//   document     the golden documents, plus documents the unit-test fixtures generate (multi-page TIFF, 16-bit and
//                transparent PNG, JPEG with an EXIF orientation, PDFs with text, pictures and an e-invoice)
//   pdf_text     every PDF of the above
//   einvoice_xml the XML documents written in tests/unit/test_einvoice.cpp
//   fields_text  the page texts written in the field tests (tests/unit/test_fields*.cpp)
//   upload       multipart bodies carrying the smaller documents, and malformed ones
// Usage: docextract-fuzz-corpora <repository> <out>

#include "fixture_documents.hpp"
#include "fixture_pages.hpp"

#include <docextract/image.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

std::string_view as_text(const std::vector<std::byte>& bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

/// The raw string literals R"(...)" of a C++ source file.
std::vector<std::string> raw_strings(const fs::path& source) {
    const std::string text = read_text(source);
    std::vector<std::string> found;
    std::size_t at = 0;
    while ((at = text.find("R\"(", at)) != std::string::npos) {
        const std::size_t begin = at + 3;
        const std::size_t end = text.find(")\"", begin);
        if (end == std::string::npos) {
            break;
        }
        found.push_back(text.substr(begin, end - begin));
        at = end + 2;
    }
    return found;
}

std::string multipart(std::string_view file_name, std::string_view content) {
    std::string body = "--docextract-fuzz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nfuzz\r\n";
    body += "--docextract-fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"";
    body += file_name;
    body += "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    body += content;
    body += "\r\n--docextract-fuzz--\r\n";
    return body;
}

fs::path make_dir(const fs::path& path) {
    fs::create_directories(path);
    return path;
}

} // namespace

int main(int argc, char** argv) try {
    if (argc != 3) {
        std::cerr << "usage: docextract-fuzz-corpora <repository> <out>\n";
        return 2;
    }
    const fs::path repo = argv[1];
    const fs::path out = argv[2];
    const fs::path golden = repo / "tests" / "golden";
    const fs::path unit = repo / "tests" / "unit";
    const fs::path document = make_dir(out / "document");
    const fs::path pdf_text = make_dir(out / "pdf_text");
    const fs::path einvoice = make_dir(out / "einvoice_xml");
    const fs::path fields = make_dir(out / "fields_text");
    const fs::path upload = make_dir(out / "upload");

    std::size_t count = 0;
    const auto add_document = [&](const std::string& name, std::string_view bytes) {
        write(document / name, bytes);
        if (bytes.starts_with("%PDF")) {
            write(pdf_text / name, bytes);
        }
        count += 1;
    };

    for (const auto& entry : fs::directory_iterator(golden)) {
        const std::string extension = entry.path().extension().string();
        if (extension == ".png" || extension == ".jpg" || extension == ".pdf") {
            add_document(entry.path().filename().string(), read_text(entry.path()));
        }
    }

    // Small generated documents of every format and of the variants the loaders treat apart.
    const cv::Mat page = fixture::text_page(240, 320, 6);
    const docextract::Image gray_page = docextract::Image::copy_of(
        {page.data, page.cols, page.rows, static_cast<std::ptrdiff_t>(page.step), docextract::PixelFormat::gray8});
    add_document("pages.tif", as_text(fixture::multipage_tiff(
                                  {gray_page, docextract::Image(40, 30, docextract::PixelFormat::rgb8)})));
    cv::Mat deep;
    cv::Mat colour;
    cv::cvtColor(page, colour, cv::COLOR_GRAY2BGR);
    colour.convertTo(deep, CV_16UC3, 257.0);
    add_document("deep16.png", as_text(fixture::encode(deep, ".png")));
    cv::Mat transparent;
    cv::cvtColor(page, transparent, cv::COLOR_GRAY2BGRA);
    add_document("alpha.png", as_text(fixture::encode(transparent, ".png")));
    add_document("rotated.jpg", as_text(fixture::with_exif_orientation(fixture::encode(colour, ".jpg"), 6)));
    add_document("header_only.png", as_text(fixture::png_header_only(4000, 3000)));

    fixture::PdfPage text_page;
    text_page.texts = {{72, 720, 18, "Northwind Traders Ltd"},
                       {72, 690, 12, "Invoice No: INV-2024-0042"},
                       {72, 670, 12, "Invoice Date: 05/03/2024"},
                       {360, 500, 12, "Total EUR 120.00"}};
    const std::string text_pdf = fixture::make_pdf({text_page, text_page});
    add_document("text.pdf", text_pdf);
    fixture::PdfPage picture_page = text_page;
    picture_page.pictures.push_back({fixture::text_page(160, 60, 2), 72, 560, 200, 75});
    add_document("picture.pdf", fixture::make_pdf({picture_page}));

    // The e-invoice XML of the unit tests, and one of them attached to a PDF as Factur-X does (with qpdf).
    const std::vector<std::string> xml_documents = raw_strings(unit / "test_einvoice.cpp");
    for (std::size_t i = 0; i < xml_documents.size(); ++i) {
        write(einvoice / ("test_einvoice_" + std::to_string(i) + ".xml"), xml_documents[i]);
    }
    if (!xml_documents.empty() && fixture::have_program("qpdf")) {
        const fixture::TempDir scratch;
        const fs::path plain = scratch.write("plain.pdf", text_pdf);
        const fs::path xml = scratch.write("factur-x.xml", xml_documents.front());
        const fs::path attached = scratch.path() / "facturx.pdf";
        if (fixture::run_quietly("qpdf '" + plain.string() + "' '" + attached.string() + "' --add-attachment '" +
                                 xml.string() + "' --")) {
            add_document("facturx.pdf", read_text(attached));
        }
    }

    std::size_t texts = 0;
    for (const auto& entry : fs::directory_iterator(unit)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("test_fields") || entry.path().extension() != ".cpp") {
            continue;
        }
        for (const std::string& text : raw_strings(entry.path())) {
            write(fields / (entry.path().stem().string() + "_" + std::to_string(texts++) + ".txt"), text);
        }
    }

    write(upload / "receipt.txt", multipart("receipt_small.png", read_text(golden / "receipt_small.png")));
    write(upload / "text_pdf.txt", multipart("invoice_text.pdf", read_text(golden / "invoice_text.pdf")));
    write(upload / "no_file.txt", "--docextract-fuzz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n"
                                  "x\r\n--docextract-fuzz--\r\n");
    write(upload / "not_a_document.txt", multipart("../../etc/passwd", "root:x:0:0"));
    write(upload / "truncated.txt", multipart("a.png", "\x89PNG\r\n").substr(0, 120));

    std::cout << "fuzz corpora in " << out.string() << ": " << count << " documents, " << xml_documents.size()
              << " XML, " << texts << " page texts, 5 uploads\n";
    return 0;
} catch (const std::exception& error) {
    std::cerr << "docextract-fuzz-corpora: " << error.what() << '\n';
    return 1;
}
