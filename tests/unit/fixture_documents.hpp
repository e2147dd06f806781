// SPDX-License-Identifier: MIT
#pragma once

// Test fixtures: small documents of every supported format, generated in code.

#include <docextract/image.hpp>

#include <opencv2/core.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fixture {

/// A temporary directory, removed with its contents when the object goes out of scope.
class TempDir {
public:
    TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();

    /// The directory.
    [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
    /// Writes bytes to a file in the directory and returns its path.
    std::filesystem::path write(const std::string& file_name, std::string_view bytes) const;
    /// Writes bytes to a file in the directory and returns its path.
    std::filesystem::path write(const std::string& file_name, const std::vector<std::byte>& bytes) const;

private:
    std::filesystem::path path_;
};

/// Reads a whole file.
std::vector<std::byte> read_file(const std::filesystem::path& path);

/// Bytes of a string.
std::vector<std::byte> as_bytes(std::string_view text);

/// Encodes a BGR/gray/BGRA matrix with cv::imencode (extension ".png", ".jpg", ".tif").
std::vector<std::byte> encode(const cv::Mat& image, const std::string& extension);

/// A PNG header (signature and IHDR with a valid CRC) declaring the given size, without image data.
std::vector<std::byte> png_header_only(std::uint32_t width, std::uint32_t height);

/// Inserts an EXIF APP1 segment with the given orientation tag right after the SOI of a JPEG.
std::vector<std::byte> with_exif_orientation(const std::vector<std::byte>& jpeg, int orientation);

/// A multi-page TIFF of the given images (gray8 or rgb8), written with Leptonica.
std::vector<std::byte> multipage_tiff(const std::vector<docextract::Image>& pages);

/// A line of text placed on a PDF page, in PDF points from the bottom-left corner.
struct PdfText {
    double x = 72;
    double y = 720;
    double size = 12;
    std::string text;
};

/// A gray picture (an image XObject) placed on a PDF page, in PDF points from the bottom-left corner.
struct PdfPicture {
    cv::Mat gray; ///< 8-bit, one channel.
    double x = 72;
    double y = 600;
    double width = 300;
    double height = 100;
};

/// One PDF page.
struct PdfPage {
    double width = 612;
    double height = 792;
    std::vector<PdfText> texts;
    std::vector<PdfPicture> pictures;
};

/// A minimal valid PDF (Helvetica text objects, uncompressed gray pictures, correct xref table).
std::string make_pdf(const std::vector<PdfPage>& pages);

/// True when a program can be run from PATH.
bool have_program(const std::string& name);

/// Runs a shell command quietly; returns true on exit status 0.
bool run_quietly(const std::string& command);

} // namespace fixture
