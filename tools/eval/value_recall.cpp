// SPDX-License-Identifier: MIT
#include "value_recall.hpp"

#include "matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <ostream>

namespace docextract::eval {

namespace {

/// Consecutive lines joined when searching a name or number (a vendor name broken over two lines).
constexpr std::size_t joined_lines = 3;

bool digit(char c) noexcept {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

/// Every amount printed in the text, in cents: runs of digits with '.' or ',' inside, the last separator followed
/// by two digits read as the decimal point, the others as thousands separators; spaces inside a run are not read.
std::vector<long long> amounts_in(std::string_view text) {
    std::vector<long long> out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (!digit(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() &&
               (digit(text[j]) || ((text[j] == '.' || text[j] == ',') && j + 1 < text.size() && digit(text[j + 1])))) {
            ++j;
        }
        const std::string_view run = text.substr(i, j - i);
        std::string digits;
        std::size_t decimals = 0;
        const std::size_t last = run.find_last_of(".,");
        for (std::size_t k = 0; k < run.size(); ++k) {
            if (digit(run[k])) {
                digits += run[k];
            }
        }
        if (last != std::string_view::npos && run.size() - last - 1 == 2) {
            decimals = 2;
        }
        if (!digits.empty() && digits.size() <= 15) {
            const long long number = std::stoll(digits);
            out.push_back(decimals == 2 ? number : number * 100);
            if (decimals == 0 && last != std::string_view::npos && run.size() - last - 1 == 1) {
                out.push_back(number * 10); // "12.5"
            }
        }
        i = j;
    }
    return out;
}

std::string lower_alnum(std::string_view text, bool keep_at_dot = false) {
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) != 0 || (keep_at_dot && (c == '@' || c == '.' || c == '-' || c == '_'))) {
            out += static_cast<char>(std::tolower(u));
        }
    }
    return out;
}

/// The text in lower case without spaces ("12 Mar 2018" -> "12mar2018").
std::string squeezed_lower(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c != ' ') {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    return out;
}

/// The first letters of each month's name in the languages of the data (English, German, Dutch, French, Spanish,
/// Malay), lower case.
const std::array<std::vector<std::string_view>, 12>& month_prefixes() {
    static const std::array<std::vector<std::string_view>, 12> prefixes = {{
        {"jan", "ene"},
        {"feb", "f\xc3\xa9v", "fev", "peb"},
        {"mar", "m\xc3\xa4r", "maa", "mrt"},
        {"apr", "avr", "abr"},
        {"may", "mai", "mei"},
        {"jun", "juin"},
        {"jul", "juil"},
        {"aug", "ao\xc3\xbb", "aou", "ago", "ogo"},
        {"sep", "set"},
        {"oct", "okt"},
        {"nov"},
        {"dec", "dez",
         "d\xc3\xa9"
         "c",
         "dic", "dis"},
    }};
    return prefixes;
}

/// The number printed at [at, ...) of up to max_digits digits, and where it ends; -1 when none.
std::pair<int, std::size_t> number_at(const std::string& text, std::size_t at, std::size_t max_digits) {
    std::size_t end = at;
    while (end < text.size() && end - at < max_digits && digit(text[end])) {
        ++end;
    }
    if (end == at || (end < text.size() && digit(text[end]))) {
        return {-1, at};
    }
    return {std::stoi(text.substr(at, end - at)), end};
}

bool year_matches(int printed, std::size_t digits, int year) {
    return digits == 4 ? printed == year : digits == 2 && printed == year % 100;
}

/// A date with the month's name: "12mar2018", "12.march2018", "march12,2018", "mar-12-18" (the text squeezed).
bool named_date_occurs(const std::string& text, int y, int m, int d) {
    const auto skip = [&](std::size_t i, std::string_view chars) {
        while (i < text.size() && chars.find(text[i]) != std::string_view::npos) {
            ++i;
        }
        return i;
    };
    const auto year_at = [&](std::size_t i) {
        const auto [printed, end] = number_at(text, i, 4);
        return printed >= 0 && year_matches(printed, end - i, y);
    };
    for (const std::string_view prefix : month_prefixes()[static_cast<std::size_t>(m - 1)]) {
        for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at + 1)) {
            std::size_t after = at + prefix.size();
            while (after < text.size() && (std::isalpha(static_cast<unsigned char>(text[after])) != 0 ||
                                           static_cast<unsigned char>(text[after]) >= 0x80)) {
                ++after;
            }
            after = skip(after, ".,-/");
            // The day before the name: "12mar2018", "12.march,2018".
            std::size_t before = at;
            while (before > 0 && std::string_view(".-/").find(text[before - 1]) != std::string_view::npos) {
                --before;
            }
            std::size_t start = before;
            while (start > 0 && before - start < 2 && digit(text[start - 1])) {
                --start;
            }
            if (start < before && (start == 0 || !digit(text[start - 1])) &&
                std::stoi(text.substr(start, before - start)) == d && year_at(after)) {
                return true;
            }
            // The day after the name: "march12,2018".
            const auto [day, day_end] = number_at(text, after, 2);
            if (day == d && year_at(skip(day_end, ".,-/"))) {
                return true;
            }
        }
    }
    return false;
}

/// The numeric forms of a date, lower case without spaces: day, month and year in every order, with '/', '-', '.'
/// or none between them, with or without leading zeros, two- or four-digit year.
std::vector<std::string> numeric_date_forms(int y, int m, int d) {
    std::vector<std::string> forms;
    const std::array<std::string, 2> years = {fmt::format("{:04d}", y), fmt::format("{:02d}", y % 100)};
    const std::array<std::string, 2> months = {fmt::format("{:02d}", m), fmt::format("{}", m)};
    const std::array<std::string, 2> days = {fmt::format("{:02d}", d), fmt::format("{}", d)};
    for (const char* sep : {"/", "-", ".", ""}) {
        for (const auto& yy : years) {
            for (const auto& mm : months) {
                for (const auto& dd : days) {
                    forms.push_back(dd + sep + mm + sep + yy);
                    forms.push_back(mm + sep + dd + sep + yy);
                    forms.push_back(yy + sep + mm + sep + dd);
                }
            }
        }
    }
    return forms;
}

bool date_occurs(std::string_view iso, const std::string& text) {
    int y = 0;
    int m = 0;
    int d = 0;
    if (iso.size() != 10 || std::sscanf(std::string(iso).c_str(), "%d-%d-%d", &y, &m, &d) != 3 || m < 1 || m > 12) {
        return false;
    }
    for (const auto& form : numeric_date_forms(y, m, d)) {
        for (std::size_t at = text.find(form); at != std::string::npos; at = text.find(form, at + 1)) {
            // Digits must not run on at either end ("112/03/2018" is not the 12th).
            const std::size_t end = at + form.size();
            if ((at == 0 || !digit(text[at - 1])) && (end >= text.size() || !digit(text[end]))) {
                return true;
            }
        }
    }
    return named_date_occurs(text, y, m, d);
}

bool is_amount_field(std::string_view field) {
    return field == "total" || field == "subtotal" || field == "tax";
}

} // namespace

bool value_occurs(std::string_view field, std::string_view expected, const std::vector<const TextLine*>& lines) {
    if (is_amount_field(field)) {
        const auto want = amount_cents(expected);
        if (!want) {
            return false;
        }
        for (const TextLine* line : lines) {
            // Words are searched one by one and, for amounts split by OCR ("12 .50"), also joined.
            std::string joined;
            for (const TextWord& word : line->words) {
                joined += word.text;
                const auto found = amounts_in(word.text);
                if (std::find(found.begin(), found.end(), *want) != found.end()) {
                    return true;
                }
            }
            const auto found = amounts_in(joined);
            if (std::find(found.begin(), found.end(), *want) != found.end()) {
                return true;
            }
        }
        return false;
    }
    if (field == "date" || field == "due_date") {
        for (const TextLine* line : lines) {
            // Spaces kept ("19/10/2018 20:49" ends at the space), then closed up ("19 / 10 / 2018", "12 Mar 2018").
            std::string lower = line->text();
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            if (date_occurs(expected, lower) || date_occurs(expected, squeezed_lower(line->text()))) {
                return true;
            }
        }
        return false;
    }
    std::string want;
    if (field == "vendor") {
        want = normalise_vendor(expected);
    } else {
        want = lower_alnum(expected, field == "email");
    }
    if (want.empty()) {
        return false;
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string text;
        for (std::size_t k = i; k < std::min(lines.size(), i + joined_lines); ++k) {
            text += field == "vendor" ? normalise_vendor(lines[k]->text())
                                      : lower_alnum(lines[k]->text(), field == "email");
            if (text.find(want) != std::string::npos) {
                return true;
            }
        }
    }
    return false;
}

std::vector<PassSet> reported_pass_sets() {
    using P = ReadingPass;
    return {
        {"page", {P::page, P::picture}},
        {"+missed_text", {P::page, P::picture, P::missed_text}},
        {"+line", {P::page, P::picture, P::missed_text, P::line}},
        {"+second", {P::page, P::picture, P::missed_text, P::line, P::second_reading}},
        {"page+missed+second", {P::page, P::picture, P::missed_text, P::second_reading}},
        {"line alone", {P::line}},
        {"second alone", {P::second_reading}},
    };
}

ValueRecall value_recall(const std::vector<Sample>& samples, const PageCache& cache) {
    ValueRecall recall;
    recall.sets = reported_pass_sets();
    for (const Sample& sample : samples) {
        const auto entry = cache.load(cache.key(sample.document));
        if (!entry) {
            continue;
        }
        ++recall.documents;
        bool ocr = false;
        for (const auto& reading : entry->readings) {
            for (const PageText& page : reading) {
                ocr = ocr || page.source == TextSource::ocr;
            }
        }
        recall.ocr_documents += ocr ? 1 : 0;
        recall.ocr.ocr_ms += entry->timings.ocr_ms;
        recall.ocr.ocr_page_ms += entry->timings.ocr_page_ms;
        recall.ocr.ocr_missed_text_ms += entry->timings.ocr_missed_text_ms;
        recall.ocr.ocr_line_ms += entry->timings.ocr_line_ms;
        recall.ocr.ocr_second_ms += entry->timings.ocr_second_ms;
        for (const auto& [field, expected] : sample.truth) {
            if (expected.empty()) {
                continue;
            }
            auto& found = recall.found[field];
            found.resize(recall.sets.size(), 0);
            ++recall.labelled[field];
            for (std::size_t s = 0; s < recall.sets.size(); ++s) {
                const auto& passes = recall.sets[s].passes;
                std::vector<const TextLine*> lines;
                for (const auto& reading : entry->readings) {
                    for (const PageText& page : reading) {
                        for (const TextLine& line : page.lines) {
                            if (std::find(passes.begin(), passes.end(), line.pass) != passes.end()) {
                                lines.push_back(&line);
                            }
                        }
                    }
                }
                found[s] += value_occurs(field, expected, lines) ? 1 : 0;
            }
        }
    }
    return recall;
}

void write_value_recall(std::ostream& out, const ValueRecall& recall) {
    out << fmt::format("value recall: labelled values that occur in the recognised words ({} documents, {} OCR'd)\n",
                       recall.documents, recall.ocr_documents);
    out << fmt::format("{:<16}{:>7}", "field", "n");
    for (const auto& set : recall.sets) {
        out << fmt::format("{:>20}", set.name);
    }
    out << '\n';
    for (const auto& [field, n] : recall.labelled) {
        out << fmt::format("{:<16}{:>7}", field, n);
        for (const int found : recall.found.at(field)) {
            out << fmt::format("{:>20.3f}", n > 0 ? static_cast<double>(found) / n : 0.0);
        }
        out << '\n';
    }
    const double docs = std::max(1, recall.ocr_documents);
    out << fmt::format("OCR ms per OCR'd document (all passes made): page {:.0f}, missed_text {:.0f}, line {:.0f}, "
                       "second_reading {:.0f}; all {:.0f}\n",
                       recall.ocr.ocr_page_ms / docs, recall.ocr.ocr_missed_text_ms / docs,
                       recall.ocr.ocr_line_ms / docs, recall.ocr.ocr_second_ms / docs, recall.ocr.ocr_ms / docs);
}

} // namespace docextract::eval
