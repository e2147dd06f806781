// SPDX-License-Identifier: MIT
#include "fields/candidates.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace docextract::detail {

double span_confidence(const Row& row, Span span) noexcept {
    const auto [first, last] = row.words_in(span);
    if (first >= last) {
        return 1.0;
    }
    return static_cast<double>(row.confidence_of(first, last));
}

Span trim_separators(std::string_view text, Span span) noexcept {
    auto is_sep = [](char c) {
        return c == ' ' || c == ':' || c == '.' || c == '#' || c == '-' || c == '=' || c == ';' || c == ',' ||
               c == '|' || c == '\t';
    };
    while (span.begin < span.end && is_sep(text[span.begin])) {
        ++span.begin;
    }
    while (span.end > span.begin && (text[span.end - 1] == ' ' || text[span.end - 1] == '\t')) {
        --span.end;
    }
    return span;
}

Choice choose(std::vector<Candidate> candidates, const ConfidenceModel& model, bool labelled_field) {
    Choice choice;
    if (candidates.empty()) {
        choice.reasons.push_back(ReviewReason::not_found);
        return choice;
    }
    for (auto& c : candidates) {
        c.score = candidate_score(c.evidence, model);
    }
    // Best candidate per value.
    std::map<std::string, std::size_t> best_of;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto it = best_of.find(candidates[i].value);
        if (it == best_of.end() || candidates[i].score > candidates[it->second].score) {
            best_of[candidates[i].value] = i;
        }
    }
    std::vector<double> logits;
    std::vector<std::pair<std::size_t, int>> values; // best index, support
    for (const auto& [value, index] : best_of) {
        const double top = candidates[index].score;
        std::set<std::size_t> rows;
        for (const auto& c : candidates) {
            if (c.value == value && c.score >= top - support_window) {
                rows.insert(c.row);
            }
        }
        const int support = static_cast<int>(rows.size()) - 1;
        logits.push_back(value_logit(top, support, model));
        values.emplace_back(index, support);
    }
    std::size_t winner = 0;
    for (std::size_t v = 1; v < logits.size(); ++v) {
        const auto& a = candidates[values[v].first];
        const auto& b = candidates[values[winner].first];
        // Ties go to the candidate nearer the top of the document.
        if (logits[v] > logits[winner] || (logits[v] == logits[winner] && a.row < b.row)) {
            winner = v;
        }
    }
    choice.best = candidates[values[winner].first];
    choice.logit = logits[winner];
    choice.support = values[winner].second;
    choice.share = value_share(choice.logit, logits, model.share_temperature);
    choice.confidence = probability(choice.logit, choice.share, model);
    choice.reasons = evidence_reasons(choice.best->evidence, choice.share, labelled_field);
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    choice.all = std::move(candidates);
    return choice;
}

Field make_field(std::string_view name, const Choice& choice, const Analysis& analysis) {
    Field field;
    field.name = std::string(name);
    field.reasons = choice.reasons;
    if (!choice.best) {
        field.confidence = 0.0F;
        field.needs_review = true;
        if (std::find(field.reasons.begin(), field.reasons.end(), ReviewReason::not_found) == field.reasons.end()) {
            field.reasons.push_back(ReviewReason::not_found);
        }
        return field;
    }
    const Candidate& c = *choice.best;
    const Row& row = analysis.rows()[c.row];
    field.value = c.value;
    field.confidence = choice.confidence;
    field.raw_text = c.raw;
    const auto [first, last] = row.words_in(c.span);
    if (first < last) {
        field.box = row.box_of(first, last);
    }
    field.page = row.page;
    field.source = row.source == TextSource::text_layer ? FieldSource::text_layer : FieldSource::ocr;
    return field;
}

} // namespace docextract::detail
