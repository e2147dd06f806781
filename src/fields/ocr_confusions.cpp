// SPDX-License-Identifier: MIT
#include "fields/ocr_confusions.hpp"

#include "fields/regex.hpp"

namespace docextract::detail {

namespace {

bool ascii_letter(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char lower(char c) noexcept {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// A character as a member of a PCRE2 character class.
std::string class_member(char c) {
    if (c == ']' || c == '\\' || c == '^' || c == '-' || c == '[') {
        return std::string("\\") + c;
    }
    return std::string(1, c);
}

/// The pattern of one letter: itself, or a class / group of it and its confusions.
std::string letter_pattern(char letter, const OcrConfusions& confusions) {
    const auto it = confusions.find(lower(letter));
    if (it == confusions.end() || it->second.empty()) {
        return std::string(1, letter);
    }
    bool single = true;
    for (const auto& alternative : it->second) {
        single = single && alternative.size() == 1;
    }
    std::string out;
    if (single) {
        out += '[';
        out += class_member(letter);
        for (const auto& alternative : it->second) {
            out += class_member(alternative[0]);
        }
        out += ']';
        return out;
    }
    out += "(?:";
    out += letter;
    for (const auto& alternative : it->second) {
        out += '|';
        out += regex_literal(alternative);
    }
    out += ')';
    return out;
}

} // namespace

std::string expand_ocr_words(std::string_view pattern, const OcrConfusions& confusions) {
    std::string out;
    out.reserve(pattern.size() * 2);
    std::size_t i = 0;
    while (i < pattern.size()) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) { // an escaped character is never a word mark
            out += pattern.substr(i, 2);
            i += 2;
            continue;
        }
        if (c != '~') {
            out += c;
            ++i;
            continue;
        }
        ++i;
        if (i == pattern.size() || !ascii_letter(pattern[i])) {
            out += '~'; // not a word mark: a literal tilde
            continue;
        }
        while (i < pattern.size() && ascii_letter(pattern[i])) {
            out += letter_pattern(pattern[i], confusions);
            ++i;
        }
    }
    return out;
}

} // namespace docextract::detail
