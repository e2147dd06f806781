// SPDX-License-Identifier: MIT
#include "fields/currency.hpp"

#include "fields/amounts.hpp"
#include "fields/vocabulary.hpp"

#include <string>
#include <vector>

namespace docextract::detail {

namespace {

/// Codes and marks standing on their own ("Summe (EUR)", "RM", "€"), as printed; not "$" or "¥", which several
/// currencies share.
std::string code_word_pattern() {
    std::vector<std::string> words;
    for (const auto& c : shipped_vocabulary().currencies) {
        if (c.beside_amounts && c.text.find('$') == std::string::npos && c.text != "¥") {
            words.push_back(regex_literal(c.text));
        }
    }
    return alternation(words);
}

const Regex& code_word_regex() {
    static const Regex re(R"((?<![\p{L}\p{N}])()" + code_word_pattern() + R"()(?![\p{L}]))", Regex::none);
    return re;
}

} // namespace

Choice find_currency(const Analysis& analysis, const Choice& total, const std::string& total_currency,
                     const FieldModel& model) {
    const auto& rows = analysis.rows();
    std::vector<Candidate> candidates;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const Row& row = rows[r];
        std::vector<Span> attached;
        for (const auto& m : find_amounts(row.text)) {
            if (m.amount.currency.empty()) {
                continue;
            }
            Candidate c;
            c.row = r;
            c.span = m.span;
            c.raw = std::string(m.span.in(row.text));
            c.value = m.amount.currency;
            c.evidence.ocr = span_confidence(row, m.span);
            c.evidence.add(Feature::currency_on_amount);
            if (total.best && total.best->row == r && total.best->span.begin <= m.span.begin &&
                m.span.end <= total.best->span.end + 8 && m.amount.currency == total_currency) {
                c.evidence.add(Feature::currency_on_total);
            }
            if (c.raw.find('$') != std::string::npos && c.value == "USD" && c.raw.find("US") == std::string::npos) {
                c.evidence.add(Feature::currency_dollar_only);
            }
            attached.push_back(m.span);
            candidates.push_back(std::move(c));
        }
        for (const auto& m : code_word_regex().find_all(row.text)) {
            bool inside = false;
            for (const auto& s : attached) {
                if (s.begin <= m.whole.begin && m.whole.end <= s.end) {
                    inside = true;
                }
            }
            if (inside) {
                continue;
            }
            Candidate c;
            c.row = r;
            c.span = m.whole;
            c.raw = std::string(m.whole.in(row.text));
            c.value = currency_code(c.raw);
            if (c.value.empty()) {
                continue;
            }
            c.evidence.ocr = span_confidence(row, m.whole);
            c.evidence.add(Feature::currency_code_word);
            candidates.push_back(std::move(c));
        }
    }
    return choose(std::move(candidates), analysis, weights_for(model, "currency"), false);
}

} // namespace docextract::detail
