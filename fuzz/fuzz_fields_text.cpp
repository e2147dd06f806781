// SPDX-License-Identifier: MIT
// Fuzz target: field extraction from arbitrary page text, no OCR. The input is split into pages at form feeds;
// each page's words are built from its text (synthetic boxes, as for a text layer), odd pages marked as OCR so the
// OCR-only rules (misreadings, confidence) run too. Every field must come back named, with a confidence in 0..1.

#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace {

constexpr std::size_t max_pages = 4;

const docextract::FieldExtractor& extractor() {
    static const std::unique_ptr<docextract::FieldExtractor> instance = docextract::make_rule_extractor();
    return *instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<docextract::PageText> pages;
    while (pages.size() < max_pages) {
        const std::size_t end = text.find('\f');
        const auto source = pages.size() % 2 == 0 ? docextract::TextSource::text_layer : docextract::TextSource::ocr;
        docextract::PageText page = docextract::page_from_text(text.substr(0, end), source);
        page.page = static_cast<int>(pages.size());
        pages.push_back(std::move(page));
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    const std::vector<docextract::Field> fields = extractor().extract(pages);
    for (const docextract::Field& field : fields) {
        if (field.name.empty() || !(field.confidence >= 0.0F && field.confidence <= 1.0F)) {
            __builtin_trap();
        }
    }
    return 0;
}
