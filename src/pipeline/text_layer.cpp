// SPDX-License-Identifier: MIT
#include "pipeline/text_layer.hpp"

#include <cstdint>
#include <string_view>

namespace docextract::detail {
namespace {

constexpr std::size_t min_words = 5;
constexpr std::size_t min_alphanumeric = 20;
constexpr double min_alphanumeric_share = 0.5;
constexpr double max_garbage_share = 0.05;

/// Decodes one UTF-8 code point at `pos` and advances; returns 0xFFFFFFFF for an invalid sequence (one byte skipped).
std::uint32_t next_code_point(std::string_view text, std::size_t& pos) noexcept {
    constexpr std::uint32_t invalid = 0xFFFFFFFFU;
    const auto lead = static_cast<unsigned char>(text[pos]);
    std::size_t length = 0;
    std::uint32_t cp = 0;
    if (lead < 0x80U) {
        ++pos;
        return lead;
    }
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
        cp = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
        cp = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
        cp = lead & 0x07U;
    } else {
        ++pos;
        return invalid;
    }
    if (pos + length > text.size()) {
        ++pos;
        return invalid;
    }
    for (std::size_t i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(text[pos + i]);
        if ((next & 0xC0U) != 0x80U) {
            ++pos;
            return invalid;
        }
        cp = (cp << 6U) | (next & 0x3FU);
    }
    pos += length;
    return cp;
}

bool is_space(std::uint32_t cp) noexcept {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0U;
}

bool is_garbage(std::uint32_t cp) noexcept {
    return cp < 0x20U || cp == 0x7FU || (cp >= 0x80U && cp < 0xA0U) || cp == 0xFFFDU ||
           (cp >= 0xE000U && cp <= 0xF8FFU) || cp == 0xFFFFFFFFU;
}

bool is_alphanumeric(std::uint32_t cp) noexcept {
    if (cp < 0x80U) {
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }
    // Latin-1 letters and every script above it, except symbols blocks we can recognise cheaply.
    const bool latin1_letter = cp >= 0xC0U && cp <= 0x24FU && cp != 0xD7U && cp != 0xF7U;
    const bool other_script = cp >= 0x370U && cp < 0x2000U;
    const bool cjk = cp >= 0x3040U && cp < 0xE000U;
    return latin1_letter || other_script || cjk;
}

} // namespace

TextLayerStats text_layer_stats(const PageText& page) noexcept {
    TextLayerStats stats;
    for (const TextLine& line : page.lines) {
        for (const TextWord& word : line.words) {
            if (word.text.empty()) {
                continue;
            }
            ++stats.words;
            const std::string_view text = word.text;
            std::size_t pos = 0;
            while (pos < text.size()) {
                const std::uint32_t cp = next_code_point(text, pos);
                if (is_space(cp)) {
                    continue;
                }
                ++stats.characters;
                if (is_garbage(cp)) {
                    ++stats.garbage;
                } else if (is_alphanumeric(cp)) {
                    ++stats.alphanumeric;
                }
            }
        }
    }
    return stats;
}

bool usable_text_layer(const PageText& page) noexcept {
    const TextLayerStats stats = text_layer_stats(page);
    if (stats.words < min_words || stats.alphanumeric < min_alphanumeric) {
        return false;
    }
    const auto characters = static_cast<double>(stats.characters);
    return static_cast<double>(stats.alphanumeric) >= min_alphanumeric_share * characters &&
           static_cast<double>(stats.garbage) <= max_garbage_share * characters;
}

} // namespace docextract::detail
