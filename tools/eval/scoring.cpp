// SPDX-License-Identifier: MIT
#include "scoring.hpp"

#include <cmath>

#include "matching.hpp"

#include <algorithm>

namespace docextract::eval {

namespace {

double ratio(int a, int b) noexcept {
    return b > 0 ? static_cast<double>(a) / b : 0.0;
}

void add(FieldStats& s, const FieldOutcome& f) {
    ++s.labelled;
    if (!f.extracted) {
        return;
    }
    ++s.emitted;
    s.correct += f.correct ? 1 : 0;
    s.fuzzy_correct += f.fuzzy ? 1 : 0;
    if (!f.needs_review) {
        ++s.accepted;
        s.accepted_correct += f.correct ? 1 : 0;
    }
}

} // namespace

double FieldStats::precision() const noexcept {
    return ratio(correct, emitted);
}
double FieldStats::recall() const noexcept {
    return ratio(correct, labelled);
}
double FieldStats::f1() const noexcept {
    const double p = precision();
    const double r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}
double FieldStats::accepted_precision() const noexcept {
    return ratio(accepted_correct, accepted);
}
double FieldStats::coverage() const noexcept {
    return ratio(accepted_correct, labelled);
}

double CalibrationBin::mean_confidence() const noexcept {
    return count > 0 ? confidence_sum / count : 0.0;
}
double CalibrationBin::accuracy() const noexcept {
    return ratio(correct, count);
}

DocumentOutcome score_document(const Sample& sample, const ExtractionResult& result) {
    DocumentOutcome out;
    out.name = sample.document.filename().string();
    out.error = result.error;
    out.milliseconds = result.timings.total_ms;
    for (const auto& [name, expected] : sample.truth) {
        FieldOutcome f;
        f.name = name;
        f.expected = expected;
        if (const auto alt = sample.alternates.find(name); alt != sample.alternates.end()) {
            f.alternates = alt->second;
        }
        if (const Field* field = result.field(name); field != nullptr) {
            f.extracted = field->value;
            f.confidence = field->confidence;
            f.needs_review = field->needs_review;
            for (const auto reason : field->reasons) {
                f.reasons.emplace_back(to_string(reason));
            }
        }
        if (f.extracted) {
            f.correct = matches_any(name, expected, f.alternates, *f.extracted);
            f.fuzzy = name == "vendor" && vendor_distance(expected, *f.extracted) <= fuzzy_vendor_distance;
        }
        out.fields.push_back(std::move(f));
    }
    return out;
}

Summary summarise(const std::vector<DocumentOutcome>& outcomes) {
    Summary s;
    for (std::size_t b = 0; b < s.calibration.size(); ++b) {
        s.calibration[b].from = static_cast<double>(b) / 10.0;
        s.calibration[b].to = static_cast<double>(b + 1) / 10.0;
    }
    std::vector<std::string> seen;
    for (const auto& doc : outcomes) {
        ++s.documents;
        s.failed += doc.error ? 1 : 0;
        for (const auto& f : doc.fields) {
            if (std::find(seen.begin(), seen.end(), f.name) == seen.end()) {
                seen.push_back(f.name);
            }
            add(s.fields[f.name], f);
            add(s.overall, f);
            if (f.extracted) {
                const auto bin = std::min<std::size_t>(s.calibration.size() - 1,
                                                       static_cast<std::size_t>(std::max(0.0F, f.confidence) * 10.0F));
                ++s.calibration[bin].count;
                s.calibration[bin].correct += f.correct ? 1 : 0;
                s.calibration[bin].confidence_sum += static_cast<double>(f.confidence);
            }
        }
    }
    // Core fields in their output order, then the others by name.
    for (const auto core : core_field_names) {
        if (std::find(seen.begin(), seen.end(), core) != seen.end()) {
            s.field_order.emplace_back(core);
        }
    }
    std::sort(seen.begin(), seen.end());
    for (const auto& name : seen) {
        if (std::find(s.field_order.begin(), s.field_order.end(), name) == s.field_order.end()) {
            s.field_order.push_back(name);
        }
    }
    return s;
}

double expected_calibration_error(const std::array<CalibrationBin, 10>& bins) noexcept {
    int total = 0;
    double sum = 0;
    for (const auto& bin : bins) {
        total += bin.count;
        sum += bin.count * std::abs(bin.mean_confidence() - bin.accuracy());
    }
    return total > 0 ? sum / total : 0.0;
}

} // namespace docextract::eval
