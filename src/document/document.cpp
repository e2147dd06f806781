// SPDX-License-Identifier: MIT
#include <docextract/document.hpp>
#include <docextract/error.hpp>

#include "document/page_source.hpp"

#include <fstream>
#include <string>
#include <system_error>
#include <utility>

namespace docextract {

struct Document::Impl {
    std::string name;
    DocumentType type = DocumentType::unknown;
    std::unique_ptr<detail::PageSource> source;

    /// Detects the format and opens the matching page source; takes ownership of the bytes.
    static std::unique_ptr<Impl> create(std::vector<std::byte> bytes, std::string name, const LoadOptions& options);

    void check_index(int index) const {
        if (index < 0 || index >= source->page_count()) {
            throw Error(ErrorCode::invalid_argument, name + ": page index " + std::to_string(index) +
                                                         " is outside 0.." + std::to_string(source->page_count() - 1));
        }
    }
};

namespace {

void check_options(const LoadOptions& options, const std::string& name) {
    if (options.dpi < 1 || options.dpi > 4800) {
        throw Error(ErrorCode::invalid_argument, name + ": dpi " + std::to_string(options.dpi) + " is outside 1..4800");
    }
    if (options.max_pages < 1) {
        throw Error(ErrorCode::invalid_argument, name + ": max_pages must be at least 1");
    }
    if (options.max_page_pixels < 1) {
        throw Error(ErrorCode::invalid_argument, name + ": max_page_pixels must be at least 1");
    }
    if (options.max_page_bytes < 1) {
        throw Error(ErrorCode::invalid_argument, name + ": max_page_bytes must be at least 1");
    }
}

void check_byte_count(std::uintmax_t size, const LoadOptions& options, const std::string& name) {
    if (size == 0) {
        throw Error(ErrorCode::empty_input, name + ": the input is empty (0 bytes)");
    }
    if (size > options.max_bytes) {
        throw Error(ErrorCode::limit_exceeded, name + ": the input has " + std::to_string(size) +
                                                   " bytes, more than the limit of " +
                                                   std::to_string(options.max_bytes) + " (max_bytes)");
    }
}

template <typename T> void check_open(const T* impl) {
    if (impl == nullptr) {
        throw Error(ErrorCode::invalid_argument, "the document was moved from");
    }
}

} // namespace

Document::Document(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Document::Document(Document&&) noexcept = default;
Document& Document::operator=(Document&&) noexcept = default;
Document::~Document() = default;

Document Document::open(const std::filesystem::path& path, const LoadOptions& options) {
    const std::string shown = path.string();
    check_options(options, shown);
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status)) {
        throw Error(ErrorCode::io_error,
                    shown + ": cannot open file (" + (error ? error.message() : std::string("no such file")) + ")");
    }
    if (std::filesystem::is_directory(status)) {
        throw Error(ErrorCode::io_error, shown + ": is a directory, not a file");
    }
    const auto size = std::filesystem::file_size(path, error);
    if (error) {
        throw Error(ErrorCode::io_error, shown + ": cannot read file size (" + error.message() + ")");
    }
    check_byte_count(size, options, shown); // before reading: never load an oversized file

    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorCode::io_error, shown + ": cannot open file for reading");
    }
    std::vector<std::byte> bytes(static_cast<std::size_t>(size));
    in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (in.gcount() != static_cast<std::streamsize>(bytes.size())) {
        throw Error(ErrorCode::io_error, shown + ": reading the file failed after " + std::to_string(in.gcount()) +
                                             " of " + std::to_string(bytes.size()) + " bytes");
    }
    in.close();
    return Document(Impl::create(std::move(bytes), path.filename().string(), options));
}

std::unique_ptr<Document::Impl> Document::Impl::create(std::vector<std::byte> bytes, std::string name,
                                                       const LoadOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->name = std::move(name);
    impl->type = detect_type(bytes);
    switch (impl->type) {
    case DocumentType::png:
    case DocumentType::jpeg:
        impl->source = detail::open_raster(std::move(bytes), impl->type, impl->name, options);
        break;
    case DocumentType::tiff:
        impl->source = detail::open_tiff(std::move(bytes), impl->name, options);
        break;
    case DocumentType::pdf:
        impl->source = detail::open_pdf(std::move(bytes), impl->name, options);
        break;
    case DocumentType::unknown:
        throw Error(ErrorCode::unsupported_format,
                    impl->name + ": unsupported format (not a PNG, JPEG, TIFF or PDF file)");
    }
    return impl;
}

Document Document::from_bytes(std::span<const std::byte> bytes, std::string name, const LoadOptions& options) {
    check_options(options, name);
    check_byte_count(bytes.size(), options, name);
    return Document(Impl::create(std::vector<std::byte>(bytes.begin(), bytes.end()), std::move(name), options));
}

const std::string& Document::name() const noexcept {
    static const std::string moved_from;
    return impl_ ? impl_->name : moved_from;
}

DocumentType Document::type() const noexcept {
    return impl_ ? impl_->type : DocumentType::unknown;
}

int Document::page_count() const noexcept {
    return impl_ ? impl_->source->page_count() : 0;
}

Image Document::render_page(int index) const {
    check_open(impl_.get());
    impl_->check_index(index);
    return impl_->source->render_page(index);
}

std::optional<PageText> Document::page_text(int index) const {
    check_open(impl_.get());
    impl_->check_index(index);
    return impl_->source->page_text(index);
}

bool Document::has_pictures() const {
    check_open(impl_.get());
    return impl_->source->has_pictures();
}

std::vector<EmbeddedInvoice> Document::embedded_invoices() const {
    check_open(impl_.get());
    return impl_->source->embedded_invoices();
}

} // namespace docextract
