// SPDX-License-Identifier: MIT
#include "output.hpp"

#include <docextract/field_model.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include <string>

namespace docextract::cli {
namespace {

std::string reasons_text(const Field& field) {
    std::string text;
    for (const ReviewReason reason : field.reasons) {
        if (!text.empty()) {
            text += ", ";
        }
        text += to_string(reason);
    }
    return text;
}

} // namespace

void print_table(std::ostream& out, const ExtractionResult& result) {
    out << result.filename << '\n';
    if (!result.ok()) {
        out << fmt::format("  error ({}): {}\n", result.error_code ? to_string(*result.error_code) : "unknown",
                           *result.error);
        return;
    }
    out << fmt::format("  {:<16} {:<34} {:>10}  {}\n", "field", "value", "confidence", "review");
    for (const Field& field : result.fields) {
        std::string value = field.value.value_or("-");
        if (value.size() > 34) {
            std::size_t cut = 31;
            while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0U) == 0x80U) {
                --cut; // never split a UTF-8 sequence
            }
            value = value.substr(0, cut) + "...";
        }
        const std::string review = field.needs_review ? "yes: " + reasons_text(field) : "";
        out << fmt::format("  {:<16} {:<34} {:>10.2f}  {}\n", field.name, value, field.confidence, review);
    }
    out << "  " << result.summary << '\n';
}

void print_explanation(std::ostream& out, const ExtractionResult& result, const FieldModel& model) {
    constexpr std::size_t candidates_shown = 3;
    constexpr std::size_t features_shown = 6;
    const auto names = candidate_feature_names();
    out << fmt::format("  field model {}\n", result.field_model);
    for (FieldCandidates pool : result.explanation) {
        const auto weights = model.fields.find(pool.field);
        if (weights == model.fields.end()) {
            continue;
        }
        const FieldScores scores = score_candidates(pool, weights->second);
        out << fmt::format("  {}: p(no value) {:.3f}\n", pool.field, scores.none);
        for (std::size_t v = 0; v < scores.values.size() && v < candidates_shown; ++v) {
            const FieldCandidate& c = pool.all[scores.values[v].best];
            std::vector<std::pair<double, std::size_t>> parts;
            for (std::size_t f = 0; f < c.features.size() && f < weights->second.weights.size(); ++f) {
                const double part = static_cast<double>(c.features[f]) * weights->second.weights[f];
                if (part != 0.0) {
                    parts.emplace_back(part, f);
                }
            }
            std::sort(parts.begin(), parts.end(),
                      [](const auto& a, const auto& b) { return std::abs(a.first) > std::abs(b.first); });
            std::string why;
            for (std::size_t k = 0; k < parts.size() && k < features_shown; ++k) {
                why += fmt::format(" {}{:+.2f}", names[parts[k].second], parts[k].first);
            }
            out << fmt::format("    {:.3f} {:<32} score {:+.2f}:{}\n", scores.values[v].probability,
                               fmt::format("\"{}\"", scores.values[v].value), c.score, why);
        }
    }
}

} // namespace docextract::cli
