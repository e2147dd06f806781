// SPDX-License-Identifier: MIT
#include "fields/candidates.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace docextract::detail {

namespace {

/// At most this many further rows count as support.
constexpr int max_support = 3;

} // namespace

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

const FieldWeights& weights_for(const FieldModel& model, std::string_view field) {
    static const FieldWeights none;
    const auto it = model.fields.find(std::string(field));
    return it != model.fields.end() ? it->second : none;
}

FeatureVector candidate_features(const Candidate& candidate, const Analysis& analysis, int support) {
    FeatureVector f = candidate.evidence.flags;
    const Evidence& e = candidate.evidence;
    const auto set = [&f](Feature feature, double value) {
        f[static_cast<std::size_t>(feature)] = static_cast<float>(value);
    };
    set(Feature::bias, 1.0);
    set(Feature::label, e.label);
    set(Feature::rows_below, e.rows_below);
    set(Feature::ocr_gap, 1.0 - std::clamp(e.ocr, 0.0, 1.0));
    set(Feature::arithmetic_ok, e.arithmetic > 0 ? 1.0 : 0.0);
    set(Feature::arithmetic_bad, e.arithmetic < 0 ? 1.0 : 0.0);
    set(Feature::ambiguous, e.ambiguous ? 1.0 : 0.0);
    set(Feature::implausible, e.implausible ? 1.0 : 0.0);
    set(Feature::support, std::clamp(support, 0, max_support));
    if (candidate.row < analysis.rows().size()) {
        const Row& row = analysis.rows()[candidate.row];
        set(Feature::relative_y, row.relative_y());
        set(Feature::text_layer, row.source == TextSource::text_layer ? 1.0 : 0.0);
        set(Feature::later_page, row.page > 0 ? 1.0 : 0.0);
    }
    set(Feature::second_reading, analysis.pass() == ReadingPass::second_reading ? 1.0 : 0.0);
    set(Feature::line_reading, analysis.pass() == ReadingPass::line ? 1.0 : 0.0);
    set(Feature::page_noise, analysis.noise());
    return f;
}

namespace {

double dot(const FeatureVector& f, const FieldWeights& weights) {
    double s = 0;
    const std::size_t n = std::min(f.size(), weights.weights.size());
    for (std::size_t i = 0; i < n; ++i) {
        s += static_cast<double>(f[i]) * weights.weights[i];
    }
    return s;
}

} // namespace

double linear_score(const Candidate& candidate, const Analysis& analysis, const FieldWeights& weights) {
    return dot(candidate_features(candidate, analysis, 0), weights);
}

std::vector<float> none_features(const Analysis& analysis) {
    std::vector<float> f(none_feature_count, 0.0F);
    f[static_cast<std::size_t>(NoneFeature::bias)] = 1.0F;
    f[static_cast<std::size_t>(NoneFeature::page_noise)] = static_cast<float>(analysis.noise());
    f[static_cast<std::size_t>(NoneFeature::text_layer)] = analysis.text_layer() ? 1.0F : 0.0F;
    return f;
}

double none_score(const std::vector<float>& features, const FieldWeights& weights) {
    double s = 0;
    const std::size_t n = std::min(features.size(), weights.none_weights.size());
    for (std::size_t i = 0; i < n; ++i) {
        s += static_cast<double>(features[i]) * weights.none_weights[i];
    }
    return s;
}

Choice choose(std::vector<Candidate> candidates, const Analysis& analysis, const FieldWeights& weights,
              bool labelled_field) {
    Choice choice;
    choice.labelled_field = labelled_field;
    if (candidates.empty()) {
        choice.reasons.push_back(ReviewReason::not_found);
        return choice;
    }
    // Support: further rows that give the same value.
    std::map<std::string, std::set<std::size_t>> rows_of;
    for (const auto& c : candidates) {
        rows_of[c.value].insert(c.row);
    }
    for (auto& c : candidates) {
        const int support = static_cast<int>(rows_of[c.value].size()) - 1;
        c.features = candidate_features(c, analysis, support);
        c.score = dot(c.features, weights);
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    // Softmax over candidates and "no value"; the candidates of one value add up.
    const double none = none_score(none_features(analysis), weights);
    const double top = std::max(none, candidates.front().score);
    double total = std::exp(none - top);
    std::map<std::string, double> mass;
    for (const auto& c : candidates) {
        const double m = std::exp(c.score - top);
        mass[c.value] += m;
        total += m;
    }
    // The best value; ties go to the best-scored candidate (the first in the sorted list).
    const Candidate* best = &candidates.front();
    for (const auto& c : candidates) {
        if (mass[c.value] > mass[best->value]) {
            best = &c;
        }
    }
    choice.best = *best;
    choice.share = mass[best->value] / total;
    choice.support = static_cast<int>(rows_of[best->value].size()) - 1;
    choice.confidence = calibrate(choice.share, weights.calibration, analysis.noise());
    choice.reasons = evidence_reasons(best->evidence, labelled_field);
    if (choice.share < conflict_share * (1.0 - std::exp(none - top) / total)) {
        choice.reasons.push_back(ReviewReason::conflicting_candidates);
    }
    choice.all = std::move(candidates);
    return choice;
}

namespace {

/// Words of a label kept at most: the ones nearest the value.
constexpr std::size_t label_words_kept = 4;

/// The text in front of word `first` of a row (its last few words), or the previous row of the page when nothing
/// stands in front: where a value's label is printed.
std::string label_before(const Analysis& analysis, std::size_t row_index, std::size_t first) {
    const Row& row = analysis.rows()[row_index];
    const auto join = [](const Row& r, std::size_t begin, std::size_t end) {
        std::string text;
        for (std::size_t i = begin; i < end; ++i) {
            if (!text.empty()) {
                text += ' ';
            }
            text += r.words[i].text;
        }
        return text;
    };
    if (first > 0 && first <= row.words.size()) {
        return join(row, first > label_words_kept ? first - label_words_kept : 0, first);
    }
    if (row_index > 0 && analysis.rows()[row_index - 1].page == row.page) {
        const Row& above = analysis.rows()[row_index - 1];
        return join(above, 0, std::min(above.words.size(), label_words_kept));
    }
    return {};
}

} // namespace

FieldCandidates public_candidates(std::string_view name, const Choice& choice, const Analysis& analysis) {
    FieldCandidates out;
    out.field = std::string(name);
    out.none_features = none_features(analysis);
    out.page_noise = analysis.noise();
    for (const auto& c : choice.all) {
        FieldCandidate p;
        p.value = c.value;
        p.raw_text = c.raw;
        const Row& row = analysis.rows()[c.row];
        const auto [first, last] = row.words_in(c.span);
        if (first < last) {
            p.box = row.box_of(first, last);
            if (row.page_width > 0 && row.page_height > 0) {
                p.page_x = (p.box->x + p.box->width / 2.0) / row.page_width;
                p.page_y = (p.box->y + p.box->height / 2.0) / row.page_height;
            }
        }
        p.page = row.page;
        p.label = label_before(analysis, c.row, first);
        p.reading = analysis.reading();
        p.source = row.source == TextSource::text_layer ? FieldSource::text_layer : FieldSource::ocr;
        p.features.assign(c.features.begin(), c.features.end());
        p.hints = evidence_reasons(c.evidence, choice.labelled_field);
        p.score = c.score;
        out.all.push_back(std::move(p));
    }
    return out;
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
