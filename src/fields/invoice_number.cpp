// SPDX-License-Identifier: MIT
#include "fields/invoice_number.hpp"

#include "fields/amounts.hpp"
#include "fields/dates.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace docextract::detail {

namespace {

constexpr std::size_t max_identifier_bytes = 40;

bool is_space(char c) noexcept {
    return c == ' ' || c == '\t';
}

bool is_filler_word(std::string_view w) {
    static const Regex re(R"((?:n[o°º˚]|nr|number|num|nummer|num[ée]ro|n[uú]mero|#|:|\.|-|no\.:|nr\.:|n°:|id))",
                          Regex::caseless);
    return re.full_match(w);
}

const Regex& identifier_shape() {
    // Letters, digits and inner separators; at least one digit.
    static const Regex re(R"([#]?[\p{L}\p{N}][\p{L}\p{N}_./\-]*)");
    return re;
}

const Regex& bare_invoice_pattern() {
    static const Regex re(
        R"((?<![\p{L}\p{N}])(?:INV|INVOICE|RE|RG|FA|FAC|FACT|FV|BILL|RCPT)[-/#.]?[0-9][\p{L}\p{N}/\-]{2,}(?![\p{L}\p{N}]))",
        Regex::none);
    return re;
}

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool has_letter(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
}

std::size_t digit_count(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

/// The shape features of an invoice-number token.
void add_shape(Evidence& e, std::string_view token) {
    const std::size_t digits = digit_count(token);
    if (token.size() <= 3) {
        e.add(Feature::number_too_short);
    } else if (has_letter(token) || token.find_first_of("-/._") != std::string_view::npos) {
        e.add(Feature::number_shape_mixed);
    } else if (digits >= 4) {
        e.add(Feature::number_shape_digits);
    }
    if (digits >= 13 && !has_letter(token)) {
        e.add(Feature::number_too_long);
    }
}

/// Bytes of a quote mark at `pos` (' " ‘ ’ “ ”), 0 when there is none: OCR reads specks beside a number as quotes.
std::size_t quote_at(std::string_view text, std::size_t pos) {
    if (pos < text.size() && (text[pos] == '\'' || text[pos] == '"')) {
        return 1;
    }
    static constexpr std::array<std::string_view, 4> curly = {"\u2018", "\u2019", "\u201C", "\u201D"};
    for (const auto q : curly) {
        if (text.substr(pos, q.size()) == q) {
            return q.size();
        }
    }
    return 0;
}

} // namespace

std::optional<Span> read_identifier(std::string_view text, Span span) {
    std::size_t pos = span.begin;
    // Skip separators and number words ("No.", "#", ":").
    for (int guard = 0; guard < 4; ++guard) {
        while (pos < span.end) {
            if (is_space(text[pos]) || text[pos] == ':' || text[pos] == '.' || text[pos] == '-' || text[pos] == '|' ||
                text[pos] == ',') {
                ++pos;
            } else if (const std::size_t q = quote_at(text, pos); q > 0 && pos + q <= span.end) {
                pos += q;
            } else {
                break;
            }
        }
        std::size_t end = pos;
        while (end < span.end && !is_space(text[end])) {
            ++end;
        }
        if (end > pos && is_filler_word(text.substr(pos, end - pos))) {
            pos = end;
            continue;
        }
        break;
    }
    if (pos >= span.end) {
        return std::nullopt;
    }
    std::size_t end = pos;
    while (end < span.end && !is_space(text[end])) {
        ++end;
    }
    // "INV- 2024" / "2024 /118": pieces split around a separator.
    while (end < span.end) {
        std::size_t next = end;
        while (next < span.end && is_space(text[next])) {
            ++next;
        }
        if (next >= span.end || next - end > 1) {
            break;
        }
        const char last = text[end - 1];
        const char first = text[next];
        if (last != '-' && last != '/' && first != '-' && first != '/') {
            break;
        }
        std::size_t next_end = next;
        while (next_end < span.end && !is_space(text[next_end])) {
            ++next_end;
        }
        end = next_end;
    }
    if (text[pos] == '#') {
        ++pos;
    }
    for (bool trimmed = true; trimmed && end > pos;) {
        trimmed = false;
        if (text[end - 1] == '.' || text[end - 1] == ',' || text[end - 1] == ';' || text[end - 1] == ':' ||
            text[end - 1] == ')') {
            --end;
            trimmed = true;
        }
        for (std::size_t q = 1; q <= 3 && !trimmed && end >= pos + q; ++q) {
            if (quote_at(text, end - q) == q) {
                end -= q;
                trimmed = true;
            }
        }
    }
    if (end <= pos || end - pos > max_identifier_bytes) {
        return std::nullopt;
    }
    std::string token;
    for (std::size_t i = pos; i < end; ++i) {
        if (!is_space(text[i])) {
            token += text[i];
        }
    }
    if (!has_digit(token) || !identifier_shape().full_match(token)) {
        return std::nullopt;
    }
    // Not a date, an amount with decimals, or a percentage.
    const auto dates = detail::find_dates(token);
    if (!dates.empty() && dates.front().span.size() == token.size()) {
        return std::nullopt;
    }
    if (const auto amount = parse_amount(token); amount && amount->has_decimals) {
        return std::nullopt;
    }
    return Span{pos, end};
}

Choice find_invoice_number(const Analysis& analysis, const FieldModel& model) {
    const auto& rows = analysis.rows();
    // Tokens that follow distractor labels (order, customer, VAT id...).
    std::set<std::string> other_tokens;
    for (const auto& ref : analysis.labels_of({LabelKind::other_number, LabelKind::contact})) {
        for (const auto& slot : analysis.value_slots(ref, 1)) {
            if (const auto span = read_identifier(rows[slot.row].text, slot.span)) {
                other_tokens.insert(std::string(span->in(rows[slot.row].text)));
                break;
            }
        }
    }

    std::vector<Candidate> candidates;
    for (const auto& ref : analysis.labels_of({LabelKind::invoice_number, LabelKind::receipt_number,
                                               LabelKind::document_title, LabelKind::number_word})) {
        const LabelMatch& lab = analysis.label(ref);
        const bool weak = lab.kind == LabelKind::document_title || lab.kind == LabelKind::number_word;
        for (const auto& slot : analysis.value_slots(ref, weak ? 1 : 2)) {
            const Row& row = rows[slot.row];
            const auto span = read_identifier(row.text, slot.span);
            if (!span) {
                if (slot.rows_below == 0 && trim_separators(row.text, slot.span).size() > 0 && weak) {
                    break; // a title followed by other words: not a number label here
                }
                continue;
            }
            // A weak label must be followed directly by its number.
            if (weak && slot.rows_below == 0 && trim_separators(row.text, slot.span).begin + 1 < span->begin &&
                row.text[span->begin - 1] != '#') {
                const Span gap{trim_separators(row.text, slot.span).begin, span->begin};
                if (gap.size() > 4) {
                    break;
                }
            }
            Candidate c;
            c.row = slot.row;
            c.span = *span;
            c.raw = std::string(span->in(row.text));
            c.value.clear();
            for (const char ch : c.raw) {
                if (!is_space(ch)) {
                    c.value += ch;
                }
            }
            c.evidence.label = lab.strength;
            c.evidence.rows_below = slot.rows_below;
            c.evidence.ocr = span_confidence(row, *span);
            add_shape(c.evidence, c.value);
            if (other_tokens.count(c.value) > 0) {
                c.evidence.add(Feature::number_is_other);
            }
            candidates.push_back(std::move(c));
            break;
        }
    }
    // Bare tokens shaped like invoice ids.
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (const auto& m : bare_invoice_pattern().find_all(rows[r].text)) {
            Candidate c;
            c.row = r;
            c.span = m.whole;
            c.raw = std::string(m.whole.in(rows[r].text));
            c.value = c.raw;
            c.evidence.ocr = span_confidence(rows[r], m.whole);
            add_shape(c.evidence, c.value);
            c.evidence.add(Feature::number_bare_pattern);
            if (other_tokens.count(c.value) > 0) {
                c.evidence.add(Feature::number_is_other);
            }
            candidates.push_back(std::move(c));
        }
    }
    return choose(std::move(candidates), analysis, weights_for(model, "invoice_number"));
}

} // namespace docextract::detail
