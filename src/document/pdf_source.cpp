// SPDX-License-Identifier: MIT
// PDF pages rendered with poppler-cpp; text layer and embedded e-invoice XML read from the same document.

#include "document/image_header.hpp"
#include "document/page_source.hpp"
#include "document/pdf_pictures.hpp"
#include "document/text_layout.hpp"
#include "preprocess/mat_view.hpp"

#include <docextract/error.hpp>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <poppler-document.h>
#include <poppler-embedded-file.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace docextract::detail {

namespace {

/// Largest embedded file read as an e-invoice.
constexpr int max_embedded_bytes = 10 << 20;

/// poppler reports syntax problems of damaged files on stderr; docextract reports failures as Errors instead.
void silence_poppler() {
    static std::once_flag once;
    std::call_once(once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string to_utf8(const poppler::ustring& text) {
    const poppler::byte_array bytes = text.to_utf8();
    return {bytes.begin(), bytes.end()};
}

bool ends_with_xml(std::string_view name) {
    if (name.size() < 4) {
        return false;
    }
    const auto ext = name.substr(name.size() - 4);
    return std::equal(ext.begin(), ext.end(), std::string_view(".xml").begin(), [](char a, char b) {
        return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
    });
}

bool looks_like_invoice_xml(std::string_view data) {
    if (data.starts_with("\xEF\xBB\xBF")) {
        data.remove_prefix(3);
    }
    const auto start = data.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || data.substr(start, 5) != "<?xml") {
        return false;
    }
    return data.find("CrossIndustry") != std::string_view::npos || data.find("Invoice") != std::string_view::npos;
}

class PdfSource final : public PageSource {
public:
    PdfSource(std::vector<std::byte> bytes, std::string name, LoadOptions options)
        : bytes_(std::move(bytes)), name_(std::move(name)), options_(std::move(options)) {
        if (options_.dpi < 1 || options_.dpi > 4800) {
            throw Error(ErrorCode::invalid_argument,
                        name_ + ": dpi " + std::to_string(options_.dpi) + " is outside 1..4800");
        }
        if (bytes_.size() > static_cast<std::size_t>(INT_MAX)) {
            throw Error(ErrorCode::limit_exceeded, name_ + ": PDF data is larger than 2 GiB");
        }
        silence_poppler();
        // poppler keeps pointing into bytes_, which this object owns for its whole life.
        document_.reset(poppler::document::load_from_raw_data(reinterpret_cast<const char*>(bytes_.data()),
                                                              static_cast<int>(bytes_.size()), options_.password,
                                                              options_.password));
        if (!document_) {
            throw Error(ErrorCode::corrupt_input, name_ + ": the PDF could not be parsed");
        }
        if (document_->is_locked()) {
            document_->unlock(options_.password, options_.password);
        }
        if (document_->is_locked()) {
            throw Error(ErrorCode::encrypted_document,
                        name_ + (options_.password.empty()
                                     ? ": the PDF is encrypted; pass its password (LoadOptions::password)"
                                     : ": the PDF is encrypted and the password given does not open it"));
        }
        pages_ = document_->pages();
        if (pages_ <= 0) {
            throw Error(ErrorCode::corrupt_input, name_ + ": the PDF has no pages");
        }
        if (pages_ > options_.max_pages) {
            throw Error(ErrorCode::limit_exceeded, name_ + ": the PDF has " + std::to_string(pages_) +
                                                       " pages, more than the limit of " +
                                                       std::to_string(options_.max_pages) + " (max_pages)");
        }
    }

    [[nodiscard]] int page_count() const noexcept override { return pages_; }

    [[nodiscard]] Image render_page(int index) const override {
        const auto page = load_page(index);
        check_page_size(pixel_size(*page, index), options_, name_, index);
        poppler::page_renderer renderer;
        renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
        renderer.set_render_hint(poppler::page_renderer::text_antialiasing, true);
        renderer.set_image_format(poppler::image::format_argb32);
        const double dpi = options_.dpi;
        poppler::image rendered = renderer.render_page(page.get(), dpi, dpi);
        if (!rendered.is_valid() || rendered.width() <= 0 || rendered.height() <= 0) {
            throw Error(ErrorCode::corrupt_input, where(index) + " could not be rendered");
        }
        try {
            // ARGB32 is stored as native-endian 32-bit words: B, G, R, A in memory on little-endian machines.
            const cv::Mat argb(rendered.height(), rendered.width(), CV_8UC4, rendered.data(),
                               static_cast<std::size_t>(rendered.bytes_per_row()));
            cv::Mat rgb;
            cv::cvtColor(argb, rgb, cv::COLOR_BGRA2RGB);
            return image_from_mat(rgb, PixelFormat::rgb8);
        } catch (const cv::Exception& e) {
            throw Error(ErrorCode::corrupt_input, where(index) + " could not be converted: " + e.what());
        }
    }

    [[nodiscard]] std::optional<PageText> page_text(int index) const override {
        const auto page = load_page(index);
        const ImageSize size = pixel_size(*page, index);
        const double scale = options_.dpi / 72.0;
        std::vector<TextWord> words;
        for (const auto& box : page->text_list()) {
            std::string text = to_utf8(box.text());
            const poppler::rectf r = box.bbox();
            const double left = std::floor(r.x() * scale);
            const double top = std::floor(r.y() * scale);
            const double right = std::ceil((r.x() + r.width()) * scale);
            const double bottom = std::ceil((r.y() + r.height()) * scale);
            if (!(right > left && bottom > top) || std::abs(left) > 1e7 || std::abs(top) > 1e7 ||
                std::abs(right) > 1e7 || std::abs(bottom) > 1e7) {
                continue; // degenerate or absurd coordinates
            }
            TextWord word;
            word.text = std::move(text);
            word.confidence = 1.0F;
            word.box = {static_cast<int>(left), static_cast<int>(top), static_cast<int>(right - left),
                        static_cast<int>(bottom - top)};
            words.push_back(std::move(word));
        }
        PageText text = layout_words(std::move(words), static_cast<int>(size.width), static_cast<int>(size.height),
                                     index, TextSource::text_layer);
        if (text.lines.empty()) {
            return std::nullopt;
        }
        return text;
    }

    /// Pictures smaller than this many pixels (icons, small logos: 200 x 100) cannot hold lines of text worth OCR.
    static constexpr long min_picture_pixels = 20'000;

    [[nodiscard]] bool has_pictures() const override { return pdf_declares_images(bytes_, min_picture_pixels); }

    [[nodiscard]] std::vector<EmbeddedInvoice> embedded_invoices() const override {
        std::vector<EmbeddedInvoice> invoices;
        if (!document_->has_embedded_files()) {
            return invoices;
        }
        for (const poppler::embedded_file* file : document_->embedded_files()) {
            if (file == nullptr || !file->is_valid() || file->size() > max_embedded_bytes) {
                continue;
            }
            const poppler::byte_array data = file->data();
            if (data.empty() || data.size() > static_cast<std::size_t>(max_embedded_bytes)) {
                continue;
            }
            EmbeddedInvoice invoice{file->name(), std::string(data.begin(), data.end())};
            if (ends_with_xml(invoice.file_name) || looks_like_invoice_xml(invoice.xml)) {
                invoices.push_back(std::move(invoice));
            }
        }
        return invoices;
    }

private:
    [[nodiscard]] std::string where(int index) const { return name_ + ": page " + std::to_string(index + 1); }

    [[nodiscard]] std::unique_ptr<poppler::page> load_page(int index) const {
        std::unique_ptr<poppler::page> page(document_->create_page(index));
        if (!page) {
            throw Error(ErrorCode::corrupt_input, where(index) + " could not be read");
        }
        return page;
    }

    /// The size render_page produces: the crop box at options_.dpi, turned by the page rotation.
    [[nodiscard]] ImageSize pixel_size(const poppler::page& page, int index) const {
        const poppler::rectf box = page.page_rect(poppler::crop_box);
        const double scale = options_.dpi / 72.0;
        double width = std::round(std::abs(box.width()) * scale);
        double height = std::round(std::abs(box.height()) * scale);
        const auto orientation = page.orientation();
        if (orientation == poppler::page::landscape || orientation == poppler::page::seascape) {
            std::swap(width, height);
        }
        if (!(width >= 1 && height >= 1)) {
            throw Error(ErrorCode::corrupt_input, where(index) + " has an empty page box");
        }
        constexpr double huge = 1e12; // keeps the int64 conversion defined; the pixel limit rejects it anyway
        // Rendered as ARGB32: four bytes a pixel.
        return {.width = static_cast<std::int64_t>(std::min(width, huge)),
                .height = static_cast<std::int64_t>(std::min(height, huge)),
                .channels = 4,
                .bytes_per_sample = 1};
    }

    std::vector<std::byte> bytes_;
    std::string name_;
    LoadOptions options_;
    std::unique_ptr<poppler::document> document_;
    int pages_ = 0;
};

} // namespace

std::unique_ptr<PageSource> open_pdf(std::vector<std::byte> bytes, const std::string& name,
                                     const LoadOptions& options) {
    return std::make_unique<PdfSource>(std::move(bytes), name, options);
}

} // namespace docextract::detail
