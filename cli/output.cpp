// SPDX-License-Identifier: MIT
#include "output.hpp"

#include <fmt/format.h>

#include <string>

namespace docextract::cli {
namespace {

std::string reasons_text(const Field& field) {
    std::string text;
    for (const ReviewReason reason : field.reasons) {
        if (!text.empty()) {
            text += ", ";
        }
        text += to_string(reason);
    }
    return text;
}

} // namespace

void print_table(std::ostream& out, const ExtractionResult& result) {
    out << result.filename << '\n';
    if (!result.ok()) {
        out << fmt::format("  error ({}): {}\n", result.error_code ? to_string(*result.error_code) : "unknown",
                           *result.error);
        return;
    }
    out << fmt::format("  {:<16} {:<34} {:>10}  {}\n", "field", "value", "confidence", "review");
    for (const Field& field : result.fields) {
        std::string value = field.value.value_or("-");
        if (value.size() > 34) {
            std::size_t cut = 31;
            while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0U) == 0x80U) {
                --cut; // never split a UTF-8 sequence
            }
            value = value.substr(0, cut) + "...";
        }
        const std::string review = field.needs_review ? "yes: " + reasons_text(field) : "";
        out << fmt::format("  {:<16} {:<34} {:>10.2f}  {}\n", field.name, value, field.confidence, review);
    }
    out << "  " << result.summary << '\n';
}

} // namespace docextract::cli
