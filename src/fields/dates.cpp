// SPDX-License-Identifier: MIT
#include "fields/dates.hpp"

#include "fields/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <utility>

namespace docextract::detail {

namespace {

/// Lower-cases ASCII and the upper-case Latin-1 letters used in month names (Ä, É, Û).
std::string fold_case(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if (c == 0xC3 && i + 1 < s.size()) {
            auto next = static_cast<unsigned char>(s[i + 1]);
            if (next >= 0x80 && next <= 0x9E && next != 0x97) { // À..Þ except × -> à..þ
                next = static_cast<unsigned char>(next + 0x20);
            }
            out += static_cast<char>(c);
            out += static_cast<char>(next);
            ++i;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string month_alternation() {
    std::vector<std::string_view> names;
    for (const auto& m : shipped_vocabulary().months) {
        if (std::find(names.begin(), names.end(), m.name) == names.end()) {
            names.push_back(m.name);
        }
    }
    std::sort(names.begin(), names.end(), [](auto a, auto b) { return a.size() > b.size(); });
    std::string out;
    for (const auto name : names) {
        if (!out.empty()) {
            out += '|';
        }
        out += name;
    }
    return out;
}

int to_int(std::string_view digits) {
    int v = 0;
    for (const char c : digits) {
        if (c >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
        }
    }
    return v;
}

int expand_year(std::string_view digits, bool& two_digit) {
    std::string_view d = digits;
    if (!d.empty() && (d.front() == '\'' || d.front() == '\xE2')) {
        // "'24" or "’24": skip the apostrophe (ASCII or U+2019, 3 bytes)
        d.remove_prefix(d.front() == '\'' ? 1 : std::min<std::size_t>(3, d.size()));
    }
    const int y = to_int(d);
    two_digit = d.size() <= 2;
    if (two_digit) {
        return y <= 69 ? 2000 + y : 1900 + y;
    }
    return y;
}

bool leap(int y) noexcept {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int days_in_month(int y, int m) noexcept {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) {
        return 0;
    }
    return m == 2 && leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

std::optional<Date> make_date(int y, int m, int d) {
    const Date date{y, m, d};
    if (!plausible_date(date)) {
        return std::nullopt;
    }
    return date;
}

const Regex& iso_regex() {
    static const Regex re(R"((?<![0-9])((?:19|20)[0-9]{2})\s?([-/.])\s?([0-9]{1,2})\s?\2\s?([0-9]{1,2})(?![0-9]))");
    return re;
}

const Regex& numeric_regex() {
    // OCR may put a quote speck after a separator ("23- “06- 2018").
    static const Regex re(R"((?<![0-9][./-]|[0-9])([0-9]{1,2})\s?([./-])\s?[“”"‘’']?([0-9]{1,2})\s?\2\s?[“”"‘’']?)"
                          R"(([0-9]{4}|[0-9]{2})(?![0-9]|[./-][0-9]))");
    return re;
}

const Regex& day_month_name_regex() {
    static const Regex re(R"((?<![\p{L}\p{N}])([0-9]{1,2})(?:st|nd|rd|th|er|e)?\.?[\s\-/]*(?:de\s+)?()" +
                          month_alternation() +
                          R"()(?![\p{L}])\.?[\s\-/,.]*(?:de\s+|del\s+)?((?:19|20)[0-9]{2}|['’]?[0-9]{2})(?![\p{N}]))");
    return re;
}

const Regex& month_day_name_regex() {
    static const Regex re(
        R"((?<![\p{L}])()" + month_alternation() +
        R"()(?![\p{L}])\.?\s*['’]?\s*([0-9]{1,2})(?:st|nd|rd|th)?(?![0-9])\s*,?\s*((?:19|20)[0-9]{2}|['’][0-9]{2}))"
        R"((?![\p{N}]))");
    return re;
}

const Regex& compact_regex() {
    static const Regex re(R"((?<![0-9])((?:19|20)[0-9]{2})(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])(?![0-9]))");
    return re;
}

bool overlaps(const Span& a, const Span& b) noexcept {
    return a.begin < b.end && b.begin < a.end;
}

const Regex& lost_first_separator_regex() {
    static const Regex re(R"((?<![0-9][./-]|[0-9])([0-9]{2})([0-9]{2})[./-]((?:19|20)[0-9]{2})(?![0-9]|[./-][0-9]))");
    return re;
}

const Regex& lost_second_separator_regex() {
    static const Regex re(R"((?<![0-9][./-]|[0-9])([0-9]{1,2})[./-]([0-9]{2})((?:19|20)[0-9]{2})(?![0-9]|[./-][0-9]))");
    return re;
}

/// The match without its readings dated after latest_document_year(): "11/05/2078" is no date of a document read
/// today, but a misreading.
DateMatch within_horizon(DateMatch m) {
    const int latest = latest_document_year();
    for (auto* reading : {&m.day_first, &m.month_first}) {
        if (*reading && (*reading)->year > latest) {
            reading->reset();
        }
    }
    return m;
}

/// The first reading of the digit groups, changed in one digit as [digit_confusions] says (groups left to right,
/// digits left to right, confusions likeliest first), that makes a date within the horizon; a match without a
/// reading when none does.
template <typename Read> DateMatch repaired(std::array<std::string, 3> groups, const Read& read) {
    const auto& confusions = shipped_vocabulary().digit_confusions;
    for (auto& group : groups) {
        for (char& digit : group) {
            const auto confusion = std::find_if(confusions.begin(), confusions.end(),
                                                [&](const DigitConfusion& c) { return c.read == digit; });
            if (confusion == confusions.end()) {
                continue;
            }
            const char as_read = digit;
            for (const char printed : confusion->printed) {
                digit = printed;
                DateMatch m = within_horizon(read(groups));
                if (m.day_first || m.month_first) {
                    m.repaired = true;
                    return m;
                }
            }
            digit = as_read;
        }
    }
    return {};
}

} // namespace

std::string Date::iso() const {
    std::array<char, 16> buf{};
    const int n = std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02d", year, month, day);
    return {buf.data(), static_cast<std::size_t>(n > 0 ? n : 0)};
}

bool DateMatch::ambiguous() const noexcept {
    return form == DateForm::numeric && day_first && month_first && *day_first != *month_first;
}

std::optional<Date> DateMatch::resolve(DateOrder order) const noexcept {
    if (order == DateOrder::month_first && month_first) {
        return month_first;
    }
    if (day_first) {
        return day_first;
    }
    return month_first;
}

bool plausible_date(const Date& date) noexcept {
    return date.year >= 1990 && date.year <= 2100 && date.month >= 1 && date.month <= 12 && date.day >= 1 &&
           date.day <= days_in_month(date.year, date.month);
}

int month_from_name(std::string_view name) {
    std::string key = fold_case(name);
    while (!key.empty() && key.back() == '.') {
        key.pop_back();
    }
    for (const auto& m : shipped_vocabulary().months) {
        if (key == m.name) {
            return m.month;
        }
    }
    return 0;
}

int latest_document_year() noexcept {
    static const int year = [] {
        const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
        return static_cast<int>(std::chrono::year_month_day{today}.year()) + 2;
    }();
    return year;
}

std::vector<DateMatch> find_dates(std::string_view text, bool repair) {
    std::vector<DateMatch> found;
    auto add = [&](DateMatch m) {
        if (!m.day_first && !m.month_first) {
            return;
        }
        // Earlier (stronger) forms win over later ones that overlap them.
        for (const auto& existing : found) {
            if (overlaps(existing.span, m.span)) {
                return;
            }
        }
        found.push_back(std::move(m));
    };
    // Each form reads its digit groups (day, month, year in the form's own order) into a match; with `repair`, a
    // match without a reading is read again with one digit changed.
    const auto take = [&](const RegexMatch& r, DateForm form, std::array<std::size_t, 3> group_numbers,
                          const auto& read) {
        std::array<std::string, 3> groups;
        for (std::size_t g = 0; g < groups.size(); ++g) {
            if (group_numbers[g] > 0) {
                groups[g] = std::string(r.group(text, group_numbers[g]));
            }
        }
        DateMatch m = read(groups);
        if (repair) {
            m = within_horizon(std::move(m));
            if (!m.day_first && !m.month_first) {
                m = repaired(groups, read);
            }
        }
        m.span = r.whole;
        m.form = form;
        add(std::move(m));
    };
    // A month written as a name: groups are day and year, in either order around it.
    const auto named_month = [](int month) {
        return [month](const std::array<std::string, 3>& g) {
            DateMatch m;
            m.day_first = make_date(expand_year(g[1], m.two_digit_year), month, to_int(g[0]));
            return m;
        };
    };
    for (const auto& r : day_month_name_regex().find_all(text)) {
        take(r, DateForm::month_name, {1, 3, 0}, named_month(month_from_name(r.group(text, 2))));
    }
    for (const auto& r : month_day_name_regex().find_all(text)) {
        take(r, DateForm::month_name, {2, 3, 0}, named_month(month_from_name(r.group(text, 1))));
    }
    for (const auto& r : iso_regex().find_all(text)) {
        take(r, DateForm::iso, {1, 3, 4}, [](const std::array<std::string, 3>& g) {
            DateMatch m;
            m.day_first = make_date(to_int(g[0]), to_int(g[1]), to_int(g[2]));
            return m;
        });
    }
    const auto numeric = [](const std::array<std::string, 3>& g) {
        DateMatch m;
        const int a = to_int(g[0]);
        const int b = to_int(g[1]);
        const int y = expand_year(g[2], m.two_digit_year);
        m.day_first = make_date(y, b, a);
        m.month_first = make_date(y, a, b);
        return m;
    };
    for (const auto& r : numeric_regex().find_all(text)) {
        // Only a numeric date printed with two-digit day and month is repaired: "91.1.15" is a version number.
        const bool date_shaped = r.group(text, 1).size() == 2 && r.group(text, 3).size() == 2;
        if (date_shaped) {
            take(r, DateForm::numeric, {1, 3, 4}, numeric);
        } else {
            DateMatch m =
                numeric({std::string(r.group(text, 1)), std::string(r.group(text, 3)), std::string(r.group(text, 4))});
            m.span = r.whole;
            m.form = DateForm::numeric;
            add(repair ? within_horizon(std::move(m)) : std::move(m));
        }
    }
    for (const auto& r : compact_regex().find_all(text)) {
        DateMatch m;
        m.span = r.whole;
        m.form = DateForm::compact;
        m.day_first = make_date(to_int(r.group(text, 1)), to_int(r.group(text, 2)), to_int(r.group(text, 3)));
        add(repair ? within_horizon(std::move(m)) : std::move(m));
    }
    if (repair) {
        // "1202/2018", "12/022018": OCR lost one separator of a numeric date.
        for (const auto* re : {&lost_first_separator_regex(), &lost_second_separator_regex()}) {
            for (const auto& r : re->find_all(text)) {
                DateMatch m = within_horizon(numeric(
                    {std::string(r.group(text, 1)), std::string(r.group(text, 2)), std::string(r.group(text, 3))}));
                m.span = r.whole;
                m.form = DateForm::numeric;
                m.repaired = true;
                add(std::move(m));
            }
        }
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.span.begin < b.span.begin; });
    return found;
}

std::optional<Date> parse_date(std::string_view text, DateOrder order) {
    const auto dates = find_dates(text);
    if (dates.empty()) {
        return std::nullopt;
    }
    return dates.front().resolve(order);
}

DateOrderDecision decide_date_order(const std::vector<DateMatch>& dates, const DateOrderHints& hints) {
    int only_day_first = 0;
    int only_month_first = 0;
    for (const auto& d : dates) {
        if (d.form != DateForm::numeric) {
            continue;
        }
        if (d.day_first && !d.month_first) {
            ++only_day_first;
        } else if (d.month_first && !d.day_first) {
            ++only_month_first;
        }
    }
    if (only_day_first > 0 && only_month_first == 0) {
        return {DateOrder::day_first, DateOrderEvidence::other_dates};
    }
    if (only_month_first > 0 && only_day_first == 0) {
        return {DateOrder::month_first, DateOrderEvidence::other_dates};
    }
    if (hints.day_first_language_labels > 0) {
        return {DateOrder::day_first, DateOrderEvidence::language};
    }
    if (hints.currency == "USD") {
        return {DateOrder::month_first, DateOrderEvidence::currency};
    }
    if (!hints.currency.empty()) {
        return {DateOrder::day_first, DateOrderEvidence::currency};
    }
    return {DateOrder::day_first, DateOrderEvidence::none};
}

} // namespace docextract::detail
