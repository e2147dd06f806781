// SPDX-License-Identifier: MIT
#pragma once

// The format-specific part of a Document: one implementation per file format.

#include <docextract/document.hpp>
#include <docextract/image.hpp>
#include <docextract/text.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace docextract::detail {

/// Pages of one opened document. Implementations own the bytes they need for lazy rendering.
class PageSource {
public:
    PageSource() = default;
    PageSource(const PageSource&) = delete;
    PageSource& operator=(const PageSource&) = delete;
    virtual ~PageSource() = default;

    /// Number of pages (at least 1).
    [[nodiscard]] virtual int page_count() const noexcept = 0;
    /// Decodes or renders one page; index is already range-checked.
    [[nodiscard]] virtual Image render_page(int index) const = 0;
    /// The text layer of one page, when the format has one.
    [[nodiscard]] virtual std::optional<PageText> page_text(int /*index*/) const { return std::nullopt; }
    /// True when the format has a text layer and its pages may also hold pictures (which can carry text).
    [[nodiscard]] virtual bool has_pictures() const { return false; }
    /// Embedded e-invoice XML files, when the format can carry them.
    [[nodiscard]] virtual std::vector<EmbeddedInvoice> embedded_invoices() const { return {}; }
};

/// Opens a PNG or JPEG: checks the declared size against the limits, then decodes it (corrupt_input on failure).
[[nodiscard]] std::unique_ptr<PageSource> open_raster(std::vector<std::byte> bytes, DocumentType type,
                                                      const std::string& name, const LoadOptions& options);

/// Opens a TIFF: walks its page directories (page count and sizes); pages are decoded on demand.
[[nodiscard]] std::unique_ptr<PageSource> open_tiff(std::vector<std::byte> bytes, const std::string& name,
                                                    const LoadOptions& options);

/// Opens a PDF with poppler: unlocks it with the password, checks the page count; pages render on demand.
[[nodiscard]] std::unique_ptr<PageSource> open_pdf(std::vector<std::byte> bytes, const std::string& name,
                                                   const LoadOptions& options);

} // namespace docextract::detail
