// SPDX-License-Identifier: MIT
#include "fixture_documents.hpp"

#include <leptonica/allheaders.h>
#include <opencv2/imgcodecs.hpp>

#include <array>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

namespace fixture {

namespace {

std::uint32_t crc32(const std::vector<std::byte>& bytes, std::size_t begin, std::size_t end) {
    std::uint32_t crc = 0xFFFFFFFFU;
    for (std::size_t i = begin; i < end; ++i) {
        crc ^= std::to_integer<std::uint32_t>(bytes[i]);
        for (int k = 0; k < 8; ++k) {
            crc = (crc >> 1U) ^ (0xEDB88320U & (0U - (crc & 1U)));
        }
    }
    return ~crc;
}

void put_be32(std::vector<std::byte>& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<std::byte>((value >> static_cast<unsigned>(shift)) & 0xFFU));
    }
}

void put(std::vector<std::byte>& out, std::initializer_list<int> values) {
    for (const int v : values) {
        out.push_back(static_cast<std::byte>(v));
    }
}

std::string pdf_escape(const std::string& text) {
    std::string out;
    for (const char c : text) {
        if (c == '(' || c == ')' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

} // namespace

TempDir::TempDir() {
    static std::atomic<int> counter{0};
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("docextract-test-" + std::to_string(::getpid()) + "-" +
                                                      std::to_string(counter++) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path TempDir::write(const std::string& file_name, std::string_view bytes) const {
    const auto file = path_ / file_name;
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + file.string());
    }
    return file;
}

std::filesystem::path TempDir::write(const std::string& file_name, const std::vector<std::byte>& bytes) const {
    return write(file_name, std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::vector<std::byte> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return as_bytes(text);
}

std::vector<std::byte> as_bytes(std::string_view text) {
    std::vector<std::byte> bytes(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        bytes[i] = static_cast<std::byte>(text[i]);
    }
    return bytes;
}

std::vector<std::byte> encode(const cv::Mat& image, const std::string& extension) {
    std::vector<std::uint8_t> buffer;
    if (!cv::imencode(extension, image, buffer)) {
        throw std::runtime_error("cv::imencode failed for " + extension);
    }
    std::vector<std::byte> bytes(buffer.size());
    for (std::size_t i = 0; i < buffer.size(); ++i) {
        bytes[i] = static_cast<std::byte>(buffer[i]);
    }
    return bytes;
}

std::vector<std::byte> png_header_only(std::uint32_t width, std::uint32_t height) {
    std::vector<std::byte> png;
    put(png, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    put_be32(png, 13);
    const std::size_t type_start = png.size();
    put(png, {'I', 'H', 'D', 'R'});
    put_be32(png, width);
    put_be32(png, height);
    put(png, {8, 0, 0, 0, 0}); // 8-bit gray, deflate, adaptive filter, no interlace
    put_be32(png, crc32(png, type_start, png.size()));
    return png;
}

std::vector<std::byte> with_exif_orientation(const std::vector<std::byte>& jpeg, int orientation) {
    std::vector<std::byte> exif;
    put(exif, {'E', 'x', 'i', 'f', 0, 0});
    put(exif, {'M', 'M', 0, 0x2A, 0, 0, 0, 8});                      // big-endian TIFF header, IFD at 8
    put(exif, {0, 1});                                               // one entry
    put(exif, {0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0}); // Orientation, SHORT, 1 value
    put(exif, {0, 0, 0, 0});                                         // no next IFD
    std::vector<std::byte> out(jpeg.begin(), jpeg.begin() + 2);      // SOI
    put(out, {0xFF, 0xE1});
    const auto length = static_cast<int>(exif.size() + 2);
    put(out, {(length >> 8) & 0xFF, length & 0xFF});
    out.insert(out.end(), exif.begin(), exif.end());
    out.insert(out.end(), jpeg.begin() + 2, jpeg.end());
    return out;
}

std::vector<std::byte> multipage_tiff(const std::vector<docextract::Image>& pages) {
    PIXA* pixa = pixaCreate(static_cast<l_int32>(pages.size()));
    for (const auto& page : pages) {
        const bool gray = page.format() == docextract::PixelFormat::gray8;
        PIX* pix = pixCreate(page.width(), page.height(), gray ? 8 : 32);
        for (int y = 0; y < page.height(); ++y) {
            for (int x = 0; x < page.width(); ++x) {
                const std::uint8_t* p =
                    page.data() + y * page.stride() + x * docextract::bytes_per_pixel(page.format());
                if (gray) {
                    pixSetPixel(pix, x, y, p[0]);
                } else {
                    l_uint32 value = 0;
                    composeRGBPixel(p[0], p[1], p[2], &value);
                    pixSetPixel(pix, x, y, value);
                }
            }
        }
        pixaAddPix(pixa, pix, L_INSERT);
    }
    l_uint8* data = nullptr;
    size_t size = 0;
    const l_ok failed = pixaWriteMemMultipageTiff(&data, &size, pixa);
    pixaDestroy(&pixa);
    if (failed != 0 || data == nullptr) {
        throw std::runtime_error("pixaWriteMemMultipageTiff failed");
    }
    std::vector<std::byte> bytes(size);
    for (std::size_t i = 0; i < size; ++i) {
        bytes[i] = static_cast<std::byte>(data[i]);
    }
    lept_free(data);
    return bytes;
}

std::string make_pdf(const std::vector<PdfPage>& pages) {
    // Objects: 1 catalog, 2 page tree, 3 font, then per page: page object and content stream, then the pictures.
    std::vector<std::string> objects;
    std::string kids;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        kids += std::to_string(4 + 2 * i) + " 0 R ";
    }
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
    objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    std::vector<std::string> pictures;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const auto& page = pages[i];
        std::ostringstream content;
        std::ostringstream xobjects;
        content << std::fixed << std::setprecision(2);
        for (std::size_t k = 0; k < page.pictures.size(); ++k) {
            const PdfPicture& picture = page.pictures[k];
            const cv::Mat gray = picture.gray.isContinuous() ? picture.gray : picture.gray.clone();
            const std::string pixels(reinterpret_cast<const char*>(gray.data), gray.total());
            const std::size_t number = 4 + 2 * pages.size() + pictures.size();
            pictures.push_back("<< /Type /XObject /Subtype /Image /Width " + std::to_string(gray.cols) + " /Height " +
                               std::to_string(gray.rows) + " /ColorSpace /DeviceGray /BitsPerComponent 8 /Length " +
                               std::to_string(pixels.size()) + " >>\nstream\n" + pixels + "\nendstream");
            xobjects << "/Im" << k << ' ' << number << " 0 R ";
            content << "q " << picture.width << " 0 0 " << picture.height << ' ' << picture.x << ' ' << picture.y
                    << " cm /Im" << k << " Do Q\n";
        }
        for (const auto& text : page.texts) {
            content << "BT /F1 " << text.size << " Tf " << text.x << ' ' << text.y << " Td (" << pdf_escape(text.text)
                    << ") Tj ET\n";
        }
        const std::string stream = content.str();
        std::ostringstream page_object;
        page_object << "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " << page.width << ' ' << page.height
                    << "] /Resources << /Font << /F1 3 0 R >> /XObject << " << xobjects.str() << ">> >> /Contents "
                    << 5 + 2 * i << " 0 R >>";
        objects.push_back(page_object.str());
        objects.push_back("<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "endstream");
    }
    objects.insert(objects.end(), pictures.begin(), pictures.end());
    std::string pdf = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    std::ostringstream table;
    table << "xref\n0 " << objects.size() + 1 << "\n0000000000 65535 f \n";
    for (const auto offset : offsets) {
        table << std::setw(10) << std::setfill('0') << offset << " 00000 n \n";
    }
    table << "trailer\n<< /Size " << objects.size() + 1 << " /Root 1 0 R >>\nstartxref\n" << xref << "\n%%EOF\n";
    return pdf + table.str();
}

bool have_program(const std::string& name) {
    return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

bool run_quietly(const std::string& command) {
    return std::system((command + " >/dev/null 2>&1").c_str()) == 0;
}

} // namespace fixture
