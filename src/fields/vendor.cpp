// SPDX-License-Identifier: MIT
#include "fields/vendor.hpp"

#include "fields/amounts.hpp"
#include "fields/dates.hpp"
#include "fields/name_spelling.hpp"
#include "fields/names.hpp"
#include "fields/umlaut_spelling.hpp"
#include "fields/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <map>
#include <span>

namespace docextract::detail {

namespace {

constexpr std::size_t sentence_words = 8;
constexpr double tallest_ratio = 1.8;
constexpr double tall_ratio = 1.4;
constexpr int max_repeats = 2;
/// At most this many marks of misreading count as a feature.
constexpr int max_marks = 3;
constexpr float logo_confidence = 0.35F;
constexpr double taller_ratio = 1.15;

const Regex& separator_regex() {
    static const Regex re(R"(\s+[-–—|]\s+|\s*[·•]\s*)");
    return re;
}

/// Sentences that name the shop or the payee: "Thank you for shopping at X", "Payment received by X" (the
/// vocabulary's [naming_phrases]).
const Regex& naming_phrase_regex() {
    static const Regex re(alternation(shipped_vocabulary().naming_phrases) + R"(\s+)");
    return re;
}

/// Longest name a naming sentence is taken to end with, in words.
constexpr std::size_t max_named_words = 6;

const Regex& address_regex() {
    static const Regex re(R"((?<![\p{L}]))" + alternation(shipped_vocabulary().address_words) + R"((?![\p{L}]))");
    return re;
}

const Regex& postcode_regex() {
    static const Regex re(
        R"((?<![\p{L}\p{N}])(?:[0-9]{4,5}|[0-9]{4}\s?[A-Z]{2}|[A-Z]{1,2}[0-9][0-9A-Z]?\s[0-9][A-Z]{2})(?![\p{L}\p{N}]))",
        Regex::none);
    return re;
}

const Regex& phone_regex() {
    static const Regex re(R"((?:\+|\()?[0-9][0-9 ()./\-]{6,}[0-9])");
    return re;
}

const Regex& generic_regex() {
    static const Regex re(R"((?<![\p{L}]))" + alternation(shipped_vocabulary().generic_words) + R"((?![\p{L}]))");
    return re;
}

/// Pronouns and verbs that names do not contain but sentences do ("The issuer encapsulated their company").
const Regex& prose_regex() {
    static const Regex re(R"((?<![\p{L}]))" + alternation(shipped_vocabulary().prose_words) + R"((?![\p{L}]))");
    return re;
}

const Regex& business_regex() {
    static const Regex re(R"((?<![\p{L}]))" + alternation(shipped_vocabulary().business_words) + R"((?![\p{L}]))");
    return re;
}

bool has_alnum(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return std::isalnum(u) != 0 || u >= 0xC0; // UTF-8 lead bytes: letters of other scripts
    });
}

bool has_upper_or_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

/// Lower-case words that start names ("de Boer", "van Dijk", "la Maison").
bool is_name_particle(std::string_view w) {
    static constexpr std::array<std::string_view, 12> particles{"de",  "da",  "di",  "du",  "la",  "le",
                                                                "van", "von", "der", "den", "del", "el"};
    return std::find(particles.begin(), particles.end(), w) != particles.end();
}

bool has_money(std::string_view s) {
    const auto amounts = find_amounts(s);
    return std::any_of(amounts.begin(), amounts.end(), [](const AmountMatch& m) { return m.amount.has_decimals; });
}

/// Letterheads are printed in capitals or title case; all-lower-case text is handwriting or prose.
bool is_all_lower(std::string_view s) {
    bool letters = false;
    for (const char c : s) {
        if (c >= 'A' && c <= 'Z') {
            return false;
        }
        letters = letters || (c >= 'a' && c <= 'z');
    }
    return letters;
}

std::size_t word_count(std::string_view s) {
    std::size_t n = 0;
    bool in = false;
    for (const char c : s) {
        if (c == ' ') {
            in = false;
        } else if (!in) {
            in = true;
            ++n;
        }
    }
    return n;
}

std::size_t count_if_digit(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

std::size_t count_letters(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0xC0) {
            ++n;
        }
    }
    return n;
}

/// Marks that never start or end a printed name: separators, and quotes, dashes and specks that OCR reads from
/// logos, rules and dirt at the edges of a line.
bool strip_prefix_mark(std::string_view& s, bool front) {
    static constexpr std::array<std::string_view, 17> marks{" ",      ",",      ":",      "*",      "-",     "|",
                                                            "~",      "_",      "\"",     "'",      "`",     "\u2018",
                                                            "\u2019", "\u201c", "\u201d", "\u2014", "\u2013"};
    static constexpr std::array<std::string_view, 4> more{"\u00ab", "\u00bb", "\u00a9", "\u00ae"};
    for (const auto group : {std::span<const std::string_view>(marks), std::span<const std::string_view>(more)}) {
        for (const auto m : group) {
            if (front ? s.starts_with(m) : s.ends_with(m)) {
                front ? s.remove_prefix(m.size()) : s.remove_suffix(m.size());
                return true;
            }
        }
    }
    if (!front && s.ends_with(";")) {
        s.remove_suffix(1);
        return true;
    }
    return false;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && strip_prefix_mark(s, true)) {
    }
    while (!s.empty() && strip_prefix_mark(s, false)) {
    }
    return s;
}

/// Removes a trailing company registration number ("(742014-W)", "1110644-V", "(682288-V )") and a leading
/// "Owned by:" ("Dimiliki:").
std::string_view drop_registration(std::string_view s) {
    static const Regex trailing(R"(\s*(?:[\(\[][0-9A-Za-z][0-9A-Za-z\-./ ]{3,}[\)\]]?|[0-9]{5,}\s*-\s*\S{1,2})\s*$)");
    static const Regex owned(
        R"(^\s*(?:(?:owned|own|owner|[o0q]wn(?:ed)?)\s*by|dimiliki(?:\s+oleh)?|milik)\s*[:.]?\s*)");
    if (const auto m = trailing.search(s)) {
        const std::string_view group = m->whole.in(s);
        if (group.find_first_of("0123456789") != std::string_view::npos && m->whole.begin > 0) {
            s = trim(s.substr(0, m->whole.begin));
        }
    }
    if (const auto m = owned.search(s); m && m->whole.end < s.size()) {
        s = trim(s.substr(m->whole.end));
    }
    return s;
}

/// Rows one under the other, at most about one line apart, that overlap horizontally.
bool close_rows(const Row& a, const Row& b) {
    return a.page == b.page && b.box.y - a.box.bottom() < 3 * std::max(a.height, b.height) / 2 &&
           std::min(a.box.right(), b.box.right()) - std::max(a.box.x, b.box.x) > 0;
}

/// A phrase that stops on a connector ("&", "and", "dan", "+") goes on in the next line.
bool ends_with_connector(std::string_view s) {
    static const Regex re(R"((?:^|\s)(?:&|\+|and|dan|und|en|et|y)\s*$)");
    return re.search(s).has_value();
}

struct Piece {
    std::size_t row;
    Span span; // in row text
};

/// Whether a word of upper-case letters is the initials of the words after it ("CB" before "Caldwell & Benson",
/// words without a letter or digit skipped).
bool initials_of(const Row& row, std::size_t mark, std::size_t last) {
    const std::string& letters = row.words[mark].text;
    std::size_t next = 0;
    for (std::size_t w = mark + 1; w < last && next < letters.size(); ++w) {
        const std::string& word = row.words[w].text;
        if (!has_alnum(word)) {
            continue;
        }
        if (std::toupper(static_cast<unsigned char>(word.front())) != letters[next]) {
            return false;
        }
        ++next;
    }
    return next == letters.size();
}

/// A logo's letters before a name on its line: "A" drawn twice the height of "Girard & Fils SARL", "CB" (its
/// initials) before "Caldwell & Benson". The span's first word is one to three characters, no digit, and either
/// at least `mark_height_ratio` times as tall as the tallest of the words after it, or in capitals the initials
/// of the words after it. Returns the span without it.
std::optional<Span> after_leading_mark(const Row& row, Span span) {
    constexpr double mark_height_ratio = 1.6;
    const auto [first, last] = row.words_in(span);
    if (last < first + 3) {
        return std::nullopt; // a mark and a one-word name is too little to tell
    }
    const LayoutWord& mark = row.words[first];
    const std::size_t letters = count_letters(mark.text);
    if (letters == 0 || mark.text.size() > 3 || count_if_digit(mark.text) > 0) {
        return std::nullopt;
    }
    int tallest = 0;
    for (std::size_t w = first + 1; w < last; ++w) {
        tallest = std::max(tallest, row.words[w].box.height);
    }
    if (!std::isalnum(static_cast<unsigned char>(row.words[first + 1].text.front()))) {
        return std::nullopt; // "B & BEST RESTAURANT": a name goes on after a connector, it does not start there
    }
    const bool capitals = letters == mark.text.size() && std::all_of(mark.text.begin(), mark.text.end(), [](char c) {
                              return std::isupper(static_cast<unsigned char>(c)) != 0;
                          });
    const bool tall = tallest > 0 && mark.box.height >= mark_height_ratio * tallest;
    if (!tall && !(capitals && initials_of(row, first, last))) {
        return std::nullopt;
    }
    const Span rest = row.span_of(first + 1, last);
    return Span{std::max(rest.begin, span.begin), std::min(rest.end, span.end)};
}

/// The text of a chunk that could be a name: cut before labels (other than titles that fill the chunk).
/// Whether a label inside a phrase really labels something there. Words such as "Freight", "Card" or "Service"
/// are labels elsewhere but parts of names here: only a label followed by ':', '#', a number or the end of the
/// phrase, or one that names a field outright, ends a name.
bool acts_as_label(std::string_view text, const LabelMatch& l, const Span& phrase) {
    switch (l.kind) {
    case LabelKind::bill_to:
    case LabelKind::ship_to:
    case LabelKind::invoice_number:
    case LabelKind::receipt_number:
    case LabelKind::date_invoice:
    case LabelKind::date_due:
    case LabelKind::date_other:
    case LabelKind::email:
        return true;
    default:
        break;
    }
    std::size_t i = l.span.end;
    while (i < phrase.end && text[i] == ' ') {
        ++i;
    }
    if (i >= phrase.end) {
        // A bare word such as "Station", "Counter" or "Table" at the end of a phrase is part of a name
        // ("SHELL SERVICE STATION"); as a label its number would follow it.
        return l.kind != LabelKind::other_number || l.span.begin <= phrase.begin;
    }
    const char c = text[i];
    return c == ':' || c == '#' || c == '.' || (c >= '0' && c <= '9');
}

std::optional<Span> usable_span(const Analysis& analysis, std::size_t r, int chunk) {
    const Row& row = analysis.rows()[r];
    const auto [first, last] = row.chunk_words(chunk);
    if (first >= last) {
        return std::nullopt;
    }
    Span span = row.span_of(first, last);
    for (const auto& l : analysis.info(r).labels) {
        if (l.span.end <= span.begin || l.span.begin >= span.end) {
            continue;
        }
        if (l.kind == LabelKind::number_word || l.kind == LabelKind::table_header ||
            (l.kind != LabelKind::document_title && !acts_as_label(row.text, l, span))) {
            continue;
        }
        if (l.span.begin <= span.begin) {
            if (l.kind == LabelKind::document_title && l.span.end < span.end) {
                span.begin = l.span.end; // "INVOICE  ACME Ltd" in one phrase
                continue;
            }
            return std::nullopt;
        }
        span.end = l.span.begin;
        // "TAR INVOICE", "PRO INVOICE": one short word before a title qualifies the title (a misread "TAX").
        const std::string_view before = trim(Span{span.begin, span.end}.in(row.text));
        if (l.kind == LabelKind::document_title && word_count(before) == 1 && count_letters(before) <= 3) {
            return std::nullopt;
        }
    }
    // Logo glyphs read as text before the name: "(m) Mercier", "P il Lorenz & Vogel e.K.".
    auto [wf, wl] = row.words_in(span);
    bool dropped = false;
    while (wf + 1 < wl) {
        const std::string_view w = row.words[wf].text;
        const bool glyph = (w.size() <= 6 && w.front() == '(' && w.back() == ')') || !has_alnum(w);
        // An unsure short word is a logo scrap, unless it is a capitalised word of the name's own height and case
        // ("TEO HENG STATIONERY" with TEO read at low confidence).
        const auto all_upper = [](std::string_view t) {
            return !t.empty() && std::all_of(t.begin(), t.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
        };
        const Box& this_box = row.words[wf].box;
        const Box& next_box = row.words[wf + 1].box;
        const bool same_print = all_upper(w) && w.size() >= 2 && all_upper(row.words[wf + 1].text) &&
                                10 * std::abs(this_box.height - next_box.height) <= 2 * next_box.height;
        const bool unsure = row.words[wf].confidence < logo_confidence && w.size() <= 3 && !same_print;
        // "ll Lorenz", "ii} Meijer": a short lower-case scrap before a capitalised word (name particles excepted).
        const std::string_view next = row.words[wf + 1].text;
        const bool lower_scrap = w.size() <= 3 && !has_upper_or_digit(w) && !is_name_particle(w) && !next.empty() &&
                                 next.front() >= 'A' && next.front() <= 'Z';
        if (!glyph && !unsure && !lower_scrap && !(dropped && w.size() <= 2 && !has_upper_or_digit(w))) {
            break;
        }
        dropped = true;
        ++wf;
        span.begin = std::max(span.begin, row.word_begin[wf]);
    }
    const std::string_view text = trim(span.in(row.text));
    if (text.empty()) {
        return std::nullopt;
    }
    // The same when the title stands in the next phrase of the row ("TAR   INVOICE").
    if (chunk + 1 < row.chunks && word_count(text) == 1 && count_letters(text) <= 3) {
        const auto [next_first, next_last] = row.chunk_words(chunk + 1);
        if (next_first < next_last) {
            const std::size_t next_begin = row.word_begin[next_first];
            for (const auto& l : analysis.info(r).labels) {
                if (l.kind == LabelKind::document_title && l.span.begin == next_begin) {
                    return std::nullopt;
                }
            }
        }
    }
    const std::size_t offset = static_cast<std::size_t>(text.data() - row.text.data());
    return Span{offset, offset + text.size()};
}

/// True when the rows just above and below row r (same page) both hold an address: a street, a postcode.
bool inside_address(const Analysis& analysis, std::size_t r) {
    const auto& rows = analysis.rows();
    if (r == 0 || r + 1 >= rows.size() || rows[r - 1].page != rows[r].page || rows[r + 1].page != rows[r].page) {
        return false;
    }
    const auto address = [](std::string_view text) {
        return address_regex().search(text) || (postcode_regex().search(text) && count_if_digit(text) >= 4);
    };
    return address(rows[r - 1].text) && address(rows[r + 1].text);
}

Candidate make_candidate(const Analysis& analysis, std::size_t r, Span span, std::string value,
                         const std::vector<std::string>& row_keys, std::size_t first_usable_row) {
    const auto& layout = analysis.layout();
    const Row& row = analysis.rows()[r];
    Candidate c;
    c.row = r;
    c.span = span;
    c.raw = std::string(span.in(row.text));
    c.value = std::move(value);
    c.evidence.ocr = span_confidence(row, span);
    Evidence& e = c.evidence;
    const std::string_view v = c.value;
    const bool suffix = has_legal_suffix(v);
    if (suffix) {
        e.add(Feature::vendor_legal_suffix);
    } else if (business_regex().search(v)) {
        e.add(Feature::vendor_business_word);
    }
    const double y = row.relative_y();
    e.add(y < 0.15   ? Feature::vendor_top
          : y < 0.3  ? Feature::vendor_upper
          : y > 0.85 ? Feature::vendor_footer
                     : Feature::vendor_middle);
    if (r == first_usable_row) {
        e.add(Feature::vendor_first_row);
    }
    const double ratio = static_cast<double>(row.height) / std::max(1, layout.median_height);
    if (ratio >= tallest_ratio) {
        e.add(Feature::vendor_tallest);
    } else if (ratio >= tall_ratio) {
        e.add(Feature::vendor_tall);
    } else if (ratio >= taller_ratio) {
        e.add(Feature::vendor_taller);
    }
    // Vendors print their name more than once (letterhead, sender line, footer, signature); customers rarely.
    const std::string core = fold_key(strip_legal_suffix(v));
    if (core.size() >= 4) {
        int others = 0;
        for (std::size_t i = 0; i < row_keys.size(); ++i) {
            if (i != r && row_keys[i].find(core) != std::string::npos) {
                ++others;
            }
        }
        e.add(Feature::vendor_repeated, std::min(max_repeats, others));
    }
    const auto [first, last] = row.words_in(span);
    if (analysis.in_customer_block(r, first, last)) {
        e.add(Feature::vendor_customer);
    }
    // A phrase in a row of labels is a column or field header, not a name.
    int labels = 0;
    for (const auto& l : analysis.info(r).labels) {
        const Span whole{0, row.text.size()};
        labels +=
            l.kind != LabelKind::number_word && l.kind != LabelKind::document_title && acts_as_label(row.text, l, whole)
                ? 1
                : 0;
    }
    if (labels >= 2 || analysis.info(r).table_header) {
        e.add(Feature::vendor_label_row);
    }
    // "PREPAY CHIT NUMBER", "Account No.": a phrase ending in a number word labels the number after or below it.
    for (const auto& l : analysis.info(r).labels) {
        if (l.kind == LabelKind::number_word && l.span.begin > span.begin &&
            trim(Span{l.span.end, span.end}.in(row.text)).empty()) {
            e.add(Feature::vendor_number_label);
        }
    }
    const std::size_t digits = count_if_digit(v);
    // A legal name may carry a place in parentheses ("BOOK TAK (TAMAN DAYA) SDN BHD"): only its postcode counts.
    // A legal name may carry a place ("(TAMAN DAYA) SDN BHD"); with a number it is an address ("Unit 25, Enterprise").
    if ((address_regex().search(v) && (!suffix || digits > 0)) || (postcode_regex().search(v) && digits >= 4)) {
        e.add(Feature::vendor_address);
    } else if (!suffix && inside_address(analysis, r)) {
        e.add(Feature::vendor_town_line); // "Lot 1626, Mukim Kampung Laut / Tumpat / 16200 Palekbang": the town line
    }
    if (!detail::find_dates(v).empty() || has_money(v)) {
        e.add(Feature::vendor_date_or_amount);
    } else if (has_money(row.text)) {
        e.add(Feature::vendor_amount_row); // a name beside an amount is an item line
    }
    if (is_all_lower(v)) {
        e.add(Feature::vendor_lower_case);
    }
    if (word_count(v) > sentence_words) {
        e.add(Feature::vendor_sentence);
    } else if (word_count(v) >= 3 && prose_regex().search(v)) {
        e.add(Feature::vendor_sentence); // a shorter piece of prose
    }
    if (!suffix && generic_regex().search(v)) {
        e.add(Feature::vendor_generic);
    }
    if (!suffix && word_count(v) == 1 && count_letters(v) < 4) {
        e.add(Feature::vendor_short);
    }
    if (digits * 2 > count_letters(v)) {
        e.add(Feature::vendor_digits);
    }
    e.set(Feature::vendor_misread_marks, std::min(max_marks, misreading_marks(v)));
    return c;
}

} // namespace

std::vector<Candidate> vendor_candidates(const Analysis& analysis) {
    const auto& rows = analysis.rows();
    // Usable phrases.
    std::vector<Piece> pieces;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (int chunk = 0; chunk < rows[r].chunks; ++chunk) {
            if (const auto span = usable_span(analysis, r, chunk)) {
                const std::string_view text = span->in(rows[r].text);
                if (text.find('@') != std::string_view::npos || text.find("www.") != std::string_view::npos ||
                    text.find("http") != std::string_view::npos || count_letters(text) < 2) {
                    continue;
                }
                if (phone_regex().full_match(text)) {
                    continue;
                }
                pieces.push_back(Piece{r, *span});
                if (const auto rest = after_leading_mark(rows[r], *span)) {
                    pieces.push_back(Piece{r, *rest});
                }
                // A legal name followed by a branch or place on the same line.
                if (const std::size_t end = legal_name_end(text); end > 0) {
                    pieces.push_back(Piece{r, Span{span->begin, span->begin + end}});
                }
                // Sender lines: "ACME GmbH · Street 1 · 12345 City".
                const auto seps = separator_regex().find_all(text);
                if (!seps.empty()) {
                    std::size_t start = 0;
                    for (std::size_t i = 0; i <= seps.size(); ++i) {
                        const std::size_t end = i < seps.size() ? seps[i].whole.begin : text.size();
                        const std::string_view part = trim(text.substr(start, end - start));
                        if (!part.empty() && part.size() < text.size()) {
                            const std::size_t offset = static_cast<std::size_t>(part.data() - rows[r].text.data());
                            pieces.push_back(Piece{r, Span{offset, offset + part.size()}});
                        }
                        if (i < seps.size()) {
                            start = seps[i].whole.end;
                        }
                    }
                }
            }
        }
    }
    // Row texts without email and web addresses (a domain match is counted on its own).
    std::vector<std::string> row_keys;
    for (const auto& row : rows) {
        std::string key;
        if (has_money(row.text)) {
            row_keys.emplace_back(); // item lines repeat item names, not the vendor's
            continue;
        }
        for (const auto& w : row.words) {
            if (w.text.find('@') == std::string::npos && w.text.find("www.") == std::string::npos &&
                w.text.find("http") == std::string::npos) {
                key += fold_key(w.text);
            }
        }
        row_keys.push_back(std::move(key));
    }
    std::size_t first_usable_row = rows.size();
    for (const auto& piece : pieces) {
        if (rows[piece.row].page == 0) {
            first_usable_row = std::min(first_usable_row, piece.row);
        }
    }
    std::vector<Candidate> out;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        const auto& piece = pieces[i];
        const std::string_view text = piece.span.in(rows[piece.row].text);
        std::string value = fix_legal_suffix(drop_registration(text));
        if (value.empty() || fold_key(strip_legal_suffix(value)).size() < 2 || only_legal_form(value)) {
            continue; // a legal form alone ("(CO.", "SDN BHD") names nobody
        }
        out.push_back(make_candidate(analysis, piece.row, piece.span, value, row_keys, first_usable_row));
        if (after_leading_mark(rows[piece.row], piece.span)) {
            out.back().evidence.add(Feature::vendor_leading_mark);
        }
        // A name broken after a connector: "HOME MASTER HARDWARE &" / "ELECTRICAL". The broken half is no name.
        if (ends_with_connector(value)) {
            out.back().evidence.add(Feature::vendor_dangling);
            const std::size_t below = piece.row + 1;
            if (below < rows.size() && close_rows(rows[piece.row], rows[below])) {
                if (const auto span = usable_span(analysis, below, 0)) {
                    const std::string joined =
                        value + " " + fix_legal_suffix(drop_registration(span->in(rows[below].text)));
                    Candidate c = make_candidate(analysis, piece.row, piece.span, joined, row_keys, first_usable_row);
                    c.raw = joined;
                    c.evidence.add(Feature::vendor_joined_lines);
                    out.push_back(std::move(c));
                }
            }
        }
        // A legal name broken over two lines: "CT281 - TEALIVE SHELL KEPONG" / "OTTOGO ENTERPRISE".
        if (has_legal_suffix(value) && word_count(value) <= 2 && piece.row > 0) {
            const std::size_t above = piece.row - 1;
            const Row& a = rows[above];
            const Row& b = rows[piece.row];
            if (a.chunks == 1 && analysis.info(above).labels.empty() && close_rows(a, b)) {
                if (const auto span = usable_span(analysis, above, 0)) {
                    const std::string joined = std::string(span->in(a.text)) + " " + value;
                    Candidate c = make_candidate(analysis, piece.row, piece.span, joined, row_keys, first_usable_row);
                    c.raw = joined;
                    c.evidence.add(Feature::vendor_joined_lines);
                    out.push_back(std::move(c));
                }
            }
        }
    }
    return out;
}

std::vector<std::string> top_vendor_names(const Analysis& analysis, std::size_t count, const FieldModel& model) {
    const FieldWeights& weights = weights_for(model, "vendor");
    auto candidates = vendor_candidates(analysis);
    std::vector<std::pair<double, std::size_t>> order;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        order.emplace_back(-linear_score(candidates[i], analysis, weights), i);
    }
    std::stable_sort(order.begin(), order.end());
    std::vector<std::string> out;
    for (const auto& [score, i] : order) {
        if (out.size() >= count) {
            break;
        }
        if (std::find(out.begin(), out.end(), candidates[i].value) == out.end()) {
            out.push_back(candidates[i].value);
        }
    }
    return out;
}

namespace {

/// The names sentences on the page give ("Thank you for shopping at ENW Hardware Centre (M) Sdn. Bhd."), as
/// printed after the phrase, without the closing stop.
std::vector<std::string> names_in_sentences(const Analysis& analysis) {
    std::vector<std::string> out;
    for (const Row& row : analysis.rows()) {
        for (const auto& m : naming_phrase_regex().find_all(row.text)) {
            std::string_view rest = trim(std::string_view(row.text).substr(m.whole.end));
            // The closing stop goes, unless it ends an abbreviated legal form ("Sdn. Bhd.", "Inc.").
            while (!rest.empty() &&
                   (rest.back() == '!' || rest.back() == ',' || (rest.back() == '.' && !has_legal_suffix(rest)))) {
                rest.remove_suffix(1);
            }
            if (count_letters(rest) >= 2 && word_count(rest) <= max_named_words) {
                out.push_back(fix_legal_suffix(drop_registration(rest)));
            }
        }
    }
    return out;
}

/// The chosen name printed a second time on the page with fewer marks of misreading (a footer, a closing sentence,
/// a sender line) lends it that spelling: "ENW Hardwa. 2 Centre" read in the letterhead, "ENW Hardware Centre" in
/// "Thank you for shopping at ...".
void respell_from_repeats(const Analysis& analysis, Choice& choice) {
    if (!choice.best) {
        return;
    }
    std::vector<std::string> spellings = names_in_sentences(analysis);
    for (const auto& c : choice.all) {
        spellings.push_back(c.value);
    }
    const std::string chosen = choice.best->value;
    int marks = misreading_marks(chosen);
    for (const auto& spelling : spellings) {
        if (marks > 0 && same_name_misread(choice.best->value, spelling) && misreading_marks(spelling) < marks) {
            choice.best->value = spelling;
            marks = misreading_marks(spelling);
        }
    }
    for (auto& c : choice.all) {
        if (c.value == chosen) {
            c.value = choice.best->value; // the pool of all readings sees the better spelling too
        }
    }
}

/// An OCR'd name whose umlauts were misread ("Keller Bérobedarf GmbH") takes them from the vendor's own email or web
/// domain, which writes them as ae, oe, ue ("keller-buerobedarf.de").
void respell_umlauts_from_domains(const Analysis& analysis, const std::vector<Contact>& contacts, Choice& choice) {
    if (!choice.best || analysis.rows()[choice.best->row].source != TextSource::ocr) {
        return;
    }
    std::vector<std::string> words;
    for (const auto& contact : contacts) {
        if (!contact.customer) {
            for (auto& w : domain_words(contact.value)) {
                words.push_back(std::move(w));
            }
        }
    }
    if (words.empty()) {
        return;
    }
    const std::string chosen = choice.best->value;
    choice.best->value = respelled_umlauts(chosen, words);
    for (auto& c : choice.all) {
        if (c.value == chosen) {
            c.value = choice.best->value;
        }
    }
}

} // namespace

Choice find_vendor(const Analysis& analysis, const std::vector<Contact>& contacts, const FieldModel& model) {
    const FieldWeights& weights = weights_for(model, "vendor");
    auto candidates = vendor_candidates(analysis);
    for (auto& c : candidates) {
        double match = 0;
        for (const auto& contact : contacts) {
            if (!contact.customer) {
                match = std::max(match, name_matches_owner(c.value, contact.owner));
            }
        }
        c.evidence.add(Feature::vendor_domain, match);
    }
    // The full legal name completes a brand or short name printed elsewhere ("Wagner Transporte" in the letterhead,
    // "Wagner Transporte GmbH" in the footer), or stands on the line of a brand it trades as.
    for (std::size_t b = 0; b < candidates.size(); ++b) {
        if (!has_legal_suffix(candidates[b].value)) {
            continue;
        }
        const std::string core = fold_key(strip_legal_suffix(candidates[b].value));
        // The legal name's whole line, web address included: "e-Luscious Nederland B.V. iov Saeco.com" names the
        // company that trades as the brand printed above it ("iov", "t/a", "for").
        const std::string line = fold_key(analysis.rows()[candidates[b].row].text);
        for (std::size_t a = 0; a < candidates.size(); ++a) {
            if (a == b || has_legal_suffix(candidates[a].value)) {
                continue;
            }
            const std::string brand = fold_key(candidates[a].value);
            const bool completes = core.size() >= 4 && brand == core;
            const bool beside =
                brand.size() >= 4 && candidates[a].row != candidates[b].row && line.find(brand) != std::string::npos;
            if (completes || beside) {
                candidates[b].evidence.set(Feature::vendor_completes_name, 1.0);
            }
        }
    }
    Choice choice = choose(std::move(candidates), analysis, weights, false);
    respell_from_repeats(analysis, choice);
    respell_umlauts_from_domains(analysis, contacts, choice);
    return choice;
}

} // namespace docextract::detail
