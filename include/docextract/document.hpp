// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/export.hpp>
#include <docextract/image.hpp>
#include <docextract/text.hpp>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace docextract {

/// File formats docextract reads, detected from the bytes.
enum class DocumentType { unknown, png, jpeg, tiff, pdf };

/// Stable lower-case name of a document type, e.g. "pdf".
DOCEXTRACT_API std::string_view to_string(DocumentType type) noexcept;

/// Detects the format from the first bytes (magic numbers); the file name plays no part.
DOCEXTRACT_API DocumentType detect_type(std::span<const std::byte> bytes) noexcept;

/// Limits and settings for opening a document.
struct LoadOptions {
    int dpi = 300;                              ///< Resolution PDF pages are rendered at (default 300).
    int max_pages = 50;                         ///< Documents with more pages are rejected (default 50).
    std::int64_t max_page_pixels = 100'000'000; ///< A page larger than this many pixels is rejected (default 1e8).
    std::int64_t max_page_bytes = 192LL << 20U; ///< A page whose decoded pixels would take more bytes (width x
                                                ///< height x channels x bytes per sample, from the header, before
                                                ///< decoding) is rejected; large JPEGs are decoded reduced to fit
                                                ///< first (default 192 MiB).
    std::size_t max_bytes = 200u << 20U;        ///< Larger inputs are rejected (default 200 MiB).
    std::string password;                       ///< Password for encrypted PDFs (default none).
    std::int64_t decode_min_pixels = 0; ///< JPEG pages with 4x this many pixels or more are decoded at 1/2, 1/4 or
                                        ///< 1/8 size (libjpeg's scaled decoding), keeping at least this many; 0
                                        ///< never (default; the pipeline passes half its preprocess max_pixels).
    bool gray = false; ///< Decode colour PNG, JPEG and TIFF pages straight to gray8, a third of the memory (default
                       ///< off; the pipeline turns it on when its grayscale step is on). Transparent images keep alpha.
};

/// Embedded structured invoice data (Factur-X / ZUGFeRD / XRechnung) found in a PDF.
struct EmbeddedInvoice {
    std::string file_name; ///< Name of the embedded file.
    std::string xml;       ///< The XML text.
};

/// An opened document: its pages can be rendered to pixels or, for PDFs, read as text.
/// Not thread-safe: use one Document per thread.
class DOCEXTRACT_API Document {
public:
    /// Opens a file; throws Error (io_error, empty_input, unsupported_format, corrupt_input, ...) on failure.
    static Document open(const std::filesystem::path& path, const LoadOptions& options = {});
    /// Opens a document held in memory; `name` is used in messages and results.
    static Document from_bytes(std::span<const std::byte> bytes, std::string name, const LoadOptions& options = {});

    Document(Document&&) noexcept;
    Document& operator=(Document&&) noexcept;
    ~Document();

    /// The name given at opening (file name for paths).
    [[nodiscard]] const std::string& name() const noexcept;
    /// The detected format.
    [[nodiscard]] DocumentType type() const noexcept;
    /// Number of pages (frames for TIFF, 1 for PNG/JPEG).
    [[nodiscard]] int page_count() const noexcept;
    /// Renders or decodes a page to pixels; throws Error on failure or when a limit is exceeded.
    [[nodiscard]] Image render_page(int index) const;
    /// The text layer of a PDF page in the pixel space of render_page, or nullopt (images, pages without text).
    [[nodiscard]] std::optional<PageText> page_text(int index) const;
    /// True for a PDF holding a raster picture of 20,000 pixels or more, which may show text its text layer lacks.
    [[nodiscard]] bool has_pictures() const;
    /// Embedded e-invoice XML files of a PDF, empty when there are none.
    [[nodiscard]] std::vector<EmbeddedInvoice> embedded_invoices() const;

private:
    struct Impl;
    explicit Document(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

} // namespace docextract
