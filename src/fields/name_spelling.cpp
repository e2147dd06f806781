// SPDX-License-Identifier: MIT
#include "fields/name_spelling.hpp"

#include "fields/edit_distance.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>

namespace docextract::detail {

namespace {

/// ASCII letters and digits, upper case: what a name comparison looks at.
std::string letters_and_digits(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c >= 'a' && c <= 'z') {
            out += static_cast<char>(c - 'a' + 'A');
        } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            out += c;
        }
    }
    return out;
}

} // namespace

bool same_name_misread(std::string_view a, std::string_view b) {
    if (a == b) {
        return false;
    }
    const std::string x = letters_and_digits(a);
    const std::string y = letters_and_digits(b);
    const std::size_t limit = std::min(x.size(), y.size()) >= 12 ? 2 : 1;
    return !x.empty() && !y.empty() && edit_distance(x, y, limit) <= limit;
}

namespace {

/// The kinds of characters a name is judged by.
enum class Glyph { letter, digit, name_punctuation, symbol };

/// The kind of the UTF-8 character starting at name[i], and its length in bytes.
std::pair<Glyph, std::size_t> glyph_at(std::string_view name, std::size_t i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return {Glyph::letter, 1};
        }
        if (c >= '0' && c <= '9') {
            return {Glyph::digit, 1};
        }
        return {std::string_view("&.,'-()/+ ").find(static_cast<char>(c)) != std::string_view::npos
                    ? Glyph::name_punctuation
                    : Glyph::symbol,
                1};
    }
    const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    // U+0080-U+00BF (0xC2: ¢ ¥ © « ...), general punctuation and symbols (0xE2: ‘ ’ “ ” • ™ ...) and emoji
    // (four bytes) are no letters; Latin letters with accents, Greek, Cyrillic and CJK are.
    const bool symbol = c == 0xC2 || c == 0xE2 || c >= 0xF0;
    return {symbol ? Glyph::symbol : Glyph::letter, std::min(length, name.size() - i)};
}
} // namespace

int misreading_marks(std::string_view name) {
    int marks = 0;
    std::size_t i = 0;
    while (i < name.size()) {
        // One word: up to the next space.
        int letters = 0;
        int digits = 0;
        int glyphs = 0;
        bool lower_letter = false;
        while (i < name.size() && name[i] != ' ') {
            const auto [glyph, length] = glyph_at(name, i);
            letters += static_cast<int>(glyph == Glyph::letter);
            digits += static_cast<int>(glyph == Glyph::digit);
            marks += static_cast<int>(glyph == Glyph::symbol);
            lower_letter = name[i] >= 'a' && name[i] <= 'z';
            ++glyphs;
            i += length;
        }
        if (letters > 0) {
            marks += digits;
        }
        marks += static_cast<int>(glyphs == 1 && (digits == 1 || lower_letter));
        ++i;
    }
    return marks;
}

} // namespace docextract::detail
