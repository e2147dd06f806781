// SPDX-License-Identifier: MIT
#include "fields/vocabulary.hpp"

#include "fields/ascii.hpp"
#include "fields/ocr_confusions.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

namespace {

constexpr LabelKind all_kinds[] = {
    LabelKind::invoice_number, LabelKind::receipt_number,
    LabelKind::document_title, LabelKind::number_word,
    LabelKind::other_number,   LabelKind::date_invoice,
    LabelKind::date_generic,   LabelKind::date_due,
    LabelKind::date_other,     LabelKind::total_strong,
    LabelKind::total,          LabelKind::amount_due,
    LabelKind::subtotal,       LabelKind::tax,
    LabelKind::rounding,       LabelKind::discount,
    LabelKind::shipping,       LabelKind::payment,
    LabelKind::change,         LabelKind::paid,
    LabelKind::balance,        LabelKind::quantity,
    LabelKind::bill_to,        LabelKind::ship_to,
    LabelKind::email,          LabelKind::contact,
    LabelKind::table_header,
};

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

/// The first word of `s` and the rest, trimmed.
std::pair<std::string_view, std::string_view> split_word(std::string_view s) noexcept {
    s = trim(s);
    const auto space = s.find_first_of(" \t");
    if (space == std::string_view::npos) {
        return {s, {}};
    }
    return {s.substr(0, space), trim(s.substr(space))};
}

/// One entry line of a section, where it came from.
struct Line {
    std::string_view file;
    std::size_t number = 0;
    std::size_t locale = 0;
    std::string_view text;
};

[[noreturn]] void fail(const Line& line, std::string_view what) {
    throw std::runtime_error("vocabulary " + std::string(line.file) + ":" + std::to_string(line.number) + ": " +
                             std::string(what));
}

float parse_strength(const Line& line, std::string_view text) {
    float value = -1;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0 || value > 1) {
        fail(line, "a strength must be a number in (0, 1], not \"" + std::string(text) + "\"");
    }
    return value;
}

LabelKind parse_kind(const Line& line, std::string_view text) {
    LabelKind kind{};
    if (!label_kind_from_string(text, kind)) {
        fail(line, "unknown label kind \"" + std::string(text) + "\"");
    }
    return kind;
}

/// Replaces each {name} by its fragment; fragments may use fragments defined before them.
std::string expand_fragments(const Line& line, std::string_view pattern,
                             const std::map<std::string, std::string, std::less<>>& fragments) {
    std::string out;
    std::size_t i = 0;
    while (i < pattern.size()) {
        const char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {
            out += pattern.substr(i, 2);
            i += 2;
            continue;
        }
        const auto close = pattern.find('}', i);
        if (c == '{' && close != std::string_view::npos && i + 1 < pattern.size() && pattern[i + 1] >= 'a' &&
            pattern[i + 1] <= 'z') {
            const auto name = pattern.substr(i + 1, close - i - 1);
            const auto it = fragments.find(name);
            if (it == fragments.end()) {
                fail(line, "unknown fragment {" + std::string(name) + "}");
            }
            out += it->second;
            i = close + 1;
            continue;
        }
        out += c;
        ++i;
    }
    return out;
}

/// The word-list section of this name, or null.
std::vector<std::string>* word_list(Vocabulary& vocabulary, std::string_view section) {
    if (section == "naming_phrases") {
        return &vocabulary.naming_phrases;
    }
    if (section == "address_words") {
        return &vocabulary.address_words;
    }
    if (section == "business_words") {
        return &vocabulary.business_words;
    }
    if (section == "generic_words") {
        return &vocabulary.generic_words;
    }
    if (section == "prose_words") {
        return &vocabulary.prose_words;
    }
    return nullptr;
}

} // namespace

std::string alternation(const std::vector<std::string>& patterns) {
    std::vector<std::string_view> sorted(patterns.begin(), patterns.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](auto a, auto b) { return a.size() > b.size(); });
    std::string out = "(?:";
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        out += (i == 0 ? "" : "|");
        out += sorted[i];
    }
    return out + ")";
}

bool label_kind_from_string(std::string_view name, LabelKind& kind) noexcept {
    for (const auto k : all_kinds) {
        if (to_string(k) == name) {
            kind = k;
            return true;
        }
    }
    return false;
}

Vocabulary parse_vocabulary(std::span<const EmbeddedFile> files) {
    Vocabulary vocabulary;
    std::map<std::string, std::vector<Line>, std::less<>> sections;
    for (const auto& file : files) {
        std::string_view name = file.name;
        if (name.size() <= 4 || name.substr(name.size() - 4) != ".txt") {
            throw std::runtime_error("vocabulary " + std::string(name) + ": not a .txt file");
        }
        const std::size_t locale = vocabulary.locales.size();
        vocabulary.locales.push_back(Locale{std::string(name.substr(0, name.size() - 4)), false, {}});
        std::string section;
        std::size_t number = 0;
        std::string_view rest = file.text;
        while (!rest.empty()) {
            const auto newline = rest.find('\n');
            const std::string_view raw = rest.substr(0, newline);
            rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
            ++number;
            const std::string_view text = trim(raw);
            const Line line{file.name, number, locale, text};
            if (text.empty() || text.front() == '#') {
                continue;
            }
            if (text.front() == '[') {
                if (text.back() != ']' || text.size() < 3) {
                    fail(line, "a section header is written [name]");
                }
                section = std::string(text.substr(1, text.size() - 2));
                if (section != "locale" && section != "ocr_confusions" && section != "fragments" &&
                    section != "labels" && section != "misread" && section != "months" && section != "legal_forms" &&
                    section != "currencies" && section != "currency_words" && section != "glued_marks" &&
                    section != "digit_confusions" && word_list(vocabulary, section) == nullptr) {
                    fail(line, "unknown section [" + section + "]");
                }
                continue;
            }
            if (section.empty()) {
                fail(line, "an entry before the first section");
            }
            sections[section].push_back(line);
        }
    }

    for (const auto& line : sections["locale"]) {
        const auto equals = line.text.find('=');
        const auto key = equals == std::string_view::npos ? std::string_view() : trim(line.text.substr(0, equals));
        const auto value = equals == std::string_view::npos ? std::string_view() : trim(line.text.substr(equals + 1));
        if (key == "day_first") {
            if (value != "yes" && value != "no") {
                fail(line, "day_first is yes or no");
            }
            vocabulary.locales[line.locale].day_first = value == "yes";
        } else if (key == "ocr_language") {
            const bool valid = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '/' || c == '+';
            });
            if (!valid) {
                fail(line, "ocr_language is a Tesseract language name (letters, digits, '_', '/', '+')");
            }
            vocabulary.locales[line.locale].ocr_language = std::string(value);
        } else {
            fail(line, "[locale] knows only \"day_first = yes|no\" and \"ocr_language = <Tesseract language>\"");
        }
    }

    OcrConfusions confusions;
    for (const auto& line : sections["ocr_confusions"]) {
        auto [letter, rest] = split_word(line.text);
        if (letter.size() != 1 || !((letter[0] >= 'a' && letter[0] <= 'z')) || rest.empty()) {
            fail(line, "an OCR confusion is a lower-case letter and what OCR reads it as");
        }
        auto& alternatives = confusions[letter[0]];
        while (!rest.empty()) {
            auto [alternative, after] = split_word(rest);
            alternatives.emplace_back(alternative);
            rest = after;
        }
    }
    const auto pattern_of = [&](const Line& line, std::string_view text,
                                const std::map<std::string, std::string, std::less<>>& fragments) {
        if (text.empty()) {
            fail(line, "an empty pattern");
        }
        return expand_ocr_words(expand_fragments(line, text, fragments), confusions);
    };

    std::map<std::string, std::string, std::less<>> fragments;
    for (const auto& line : sections["fragments"]) {
        const auto equals = line.text.find('=');
        if (equals == std::string_view::npos) {
            fail(line, "a fragment is written \"name = pattern\"");
        }
        const std::string name(trim(line.text.substr(0, equals)));
        if (name.empty() || fragments.count(name) != 0) {
            fail(line, "a fragment needs a name of its own");
        }
        fragments[name] = pattern_of(line, trim(line.text.substr(equals + 1)), fragments);
    }

    for (const auto& line : sections["labels"]) {
        const auto [kind, after_kind] = split_word(line.text);
        const auto [strength, pattern] = split_word(after_kind);
        vocabulary.labels.push_back(LabelWording{parse_kind(line, kind), parse_strength(line, strength),
                                                 pattern_of(line, pattern, fragments), line.locale});
    }
    for (const auto& line : sections["misread"]) {
        const auto [kind, after_kind] = split_word(line.text);
        const auto [strength, word] = split_word(after_kind);
        if (word.size() < 8 || word.find_first_of(" \t") != std::string_view::npos) {
            fail(line, "a misread label is one word of at least 8 letters");
        }
        vocabulary.misread.push_back(
            MisreadWord{parse_kind(line, kind), parse_strength(line, strength), ascii_lower(word), line.locale});
    }
    for (const auto& line : sections["months"]) {
        const auto [name, number] = split_word(line.text);
        int month = 0;
        const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), month);
        if (error != std::errc() || end != number.data() + number.size() || month < 1 || month > 12) {
            fail(line, "a month is written \"name number\" with a number from 1 to 12");
        }
        vocabulary.months.push_back(MonthWord{ascii_lower(name), month});
    }
    for (const auto& line : sections["legal_forms"]) {
        vocabulary.legal_forms.push_back(pattern_of(line, line.text, fragments));
    }
    for (const std::string_view section : {"currencies", "currency_words"}) {
        for (const auto& line : sections[std::string(section)]) {
            auto [code, rest] = split_word(line.text);
            if (code.size() != 3 || code.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos) {
                fail(line, "a currency line starts with its ISO 4217 code");
            }
            const bool beside = section == "currencies";
            if (beside) {
                vocabulary.currencies.push_back(CurrencySpelling{std::string(code), std::string(code), true});
            } else if (rest.empty()) {
                fail(line, "a currency word line names the code and at least one word");
            }
            while (!rest.empty()) {
                const auto [text, after] = split_word(rest);
                vocabulary.currencies.push_back(CurrencySpelling{std::string(code), std::string(text), beside});
                rest = after;
            }
        }
    }
    for (const auto& line : sections["digit_confusions"]) {
        auto [digit, rest] = split_word(line.text);
        const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
        if (digit.size() != 1 || !is_digit(digit[0]) || rest.empty()) {
            fail(line, "a digit confusion is a digit and the digits it may have been printed as");
        }
        DigitConfusion confusion{digit[0], {}};
        while (!rest.empty()) {
            const auto [printed, after] = split_word(rest);
            if (printed.size() != 1 || !is_digit(printed[0]) || printed[0] == digit[0]) {
                fail(line, "a digit confusion lists other digits, one per word");
            }
            confusion.printed += printed[0];
            rest = after;
        }
        vocabulary.digit_confusions.push_back(std::move(confusion));
    }
    for (const auto& line : sections["glued_marks"]) {
        auto [mark, rest] = split_word(line.text);
        GluedMark glued{std::string(mark), {}};
        while (!rest.empty()) {
            const auto [reading, after] = split_word(rest);
            glued.readings.emplace_back(reading);
            rest = after;
        }
        vocabulary.glued_marks.push_back(std::move(glued));
    }
    for (auto& [section, lines] : sections) {
        std::vector<std::string>* list = word_list(vocabulary, section);
        if (list == nullptr) {
            continue;
        }
        for (const auto& line : lines) {
            std::string_view rest = line.text;
            while (!rest.empty()) {
                const auto [word, after] = split_word(rest);
                list->push_back(pattern_of(line, word, fragments));
                rest = after;
            }
        }
    }
    if (vocabulary.labels.empty() || vocabulary.months.empty() || vocabulary.legal_forms.empty() ||
        vocabulary.address_words.empty() || vocabulary.business_words.empty() || vocabulary.generic_words.empty() ||
        vocabulary.prose_words.empty() || vocabulary.naming_phrases.empty() || vocabulary.currencies.empty()) {
        throw std::runtime_error("vocabulary: a section every vocabulary needs is empty");
    }
    return vocabulary;
}

const Vocabulary& shipped_vocabulary() {
    static const Vocabulary vocabulary = parse_vocabulary(shipped_vocabulary_files());
    return vocabulary;
}

} // namespace docextract::detail
