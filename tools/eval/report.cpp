// SPDX-License-Identifier: MIT
#include "report.hpp"

#include "matching.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ostream>

namespace docextract::eval {

namespace {

void write_row(std::ostream& out, const std::string& name, const FieldStats& s) {
    fmt::print(out, "{:<16} {:>8} {:>7} {:>7} {:>9.3f} {:>6.3f} {:>6.3f} {:>9.3f} {:>8.3f}\n", name, s.labelled,
               s.emitted, s.correct, s.precision(), s.recall(), s.f1(), s.accepted_precision(), s.coverage());
}

nlohmann::json stats_json(const FieldStats& s) {
    return nlohmann::json{{"labelled", s.labelled},
                          {"emitted", s.emitted},
                          {"correct", s.correct},
                          {"accepted", s.accepted},
                          {"accepted_correct", s.accepted_correct},
                          {"precision", s.precision()},
                          {"recall", s.recall()},
                          {"f1", s.f1()},
                          {"accepted_precision", s.accepted_precision()},
                          {"coverage", s.coverage()}};
}

std::string quoted(const std::optional<std::string>& v) {
    return v ? "\"" + *v + "\"" : std::string("-");
}

} // namespace

void write_summary_text(std::ostream& out, const Summary& s) {
    fmt::print(out, "{} documents ({} failed) in {:.1f} s with {} worker(s), review threshold {}; {}\n\n", s.documents,
               s.failed, s.seconds, s.workers,
               s.threshold >= 0 ? fmt::format("{:.2f}", s.threshold) : std::string("the field model's"), s.mode);
    fmt::print(out, "{:<16} {:>8} {:>7} {:>7} {:>9} {:>6} {:>6} {:>9} {:>8}\n", "field", "labelled", "emitted",
               "correct", "precision", "recall", "F1", "acc.prec", "coverage");
    for (const auto& name : s.field_order) {
        const FieldStats& f = s.fields.at(name);
        write_row(out, name, f);
        if (name == "vendor") {
            fmt::print(out, "{:<16} {:>8} {:>7} {:>7} {:>9.3f} {:>6.3f}\n",
                       fmt::format("  fuzzy <= {:.2f}", fuzzy_vendor_distance), f.labelled, f.emitted, f.fuzzy_correct,
                       f.emitted > 0 ? static_cast<double>(f.fuzzy_correct) / f.emitted : 0.0,
                       f.labelled > 0 ? static_cast<double>(f.fuzzy_correct) / f.labelled : 0.0);
        }
    }
    write_row(out, "overall", s.overall);
    fmt::print(out, "\ncalibration (every emitted, labelled value)\n{:<12} {:>7} {:>10} {:>9}\n", "confidence",
               "values", "mean conf", "accuracy");
    for (const auto& bin : s.calibration) {
        if (bin.count == 0) {
            continue;
        }
        fmt::print(out, "{:.1f} - {:.1f}   {:>7} {:>10.3f} {:>9.3f}\n", bin.from, bin.to, bin.count,
                   bin.mean_confidence(), bin.accuracy());
    }
    fmt::print(out, "expected calibration error (ECE) {:.3f}\n", expected_calibration_error(s.calibration));
}

nlohmann::json summary_json(const Summary& s) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& name : s.field_order) {
        const FieldStats& f = s.fields.at(name);
        auto j = stats_json(f);
        if (name == "vendor") {
            j["fuzzy_correct"] = f.fuzzy_correct;
            j["fuzzy_max_distance"] = fuzzy_vendor_distance;
        }
        fields[name] = std::move(j);
    }
    nlohmann::json calibration = nlohmann::json::array();
    for (const auto& bin : s.calibration) {
        calibration.push_back({{"from", bin.from},
                               {"to", bin.to},
                               {"count", bin.count},
                               {"correct", bin.correct},
                               {"mean_confidence", bin.mean_confidence()},
                               {"accuracy", bin.accuracy()}});
    }
    return nlohmann::json{{"documents", s.documents},
                          {"failed", s.failed},
                          {"seconds", s.seconds},
                          {"workers", s.workers},
                          {"threshold", s.threshold},
                          {"mode", s.mode},
                          {"ece", expected_calibration_error(s.calibration)},
                          {"fields", std::move(fields)},
                          {"overall", stats_json(s.overall)},
                          {"calibration", std::move(calibration)}};
}

nlohmann::json document_json(const DocumentOutcome& d) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : d.fields) {
        nlohmann::json j{{"name", f.name},
                         {"expected", f.expected},
                         {"extracted", f.extracted ? nlohmann::json(*f.extracted) : nlohmann::json(nullptr)},
                         {"confidence", f.confidence},
                         {"needs_review", f.needs_review},
                         {"reasons", f.reasons},
                         {"correct", f.correct}};
        if (!f.alternates.empty()) {
            j["alternates"] = f.alternates;
        }
        if (f.name == "vendor") {
            j["fuzzy"] = f.fuzzy;
        }
        fields.push_back(std::move(j));
    }
    nlohmann::json j{{"document", d.name}, {"milliseconds", d.milliseconds}, {"fields", std::move(fields)}};
    if (d.error) {
        j["error"] = *d.error;
    }
    return j;
}

void write_document_report(std::ostream& out, const std::vector<DocumentOutcome>& outcomes, bool as_json) {
    for (const auto& d : outcomes) {
        if (as_json) {
            out << document_json(d).dump() << '\n';
            continue;
        }
        fmt::print(out, "{}{}\n", d.name, d.error ? "  ERROR: " + *d.error : std::string());
        for (const auto& f : d.fields) {
            const char* verdict = !f.extracted ? "MISSING" : f.correct ? "ok" : (f.fuzzy ? "fuzzy" : "WRONG");
            std::string reasons;
            for (const auto& r : f.reasons) {
                reasons += (reasons.empty() ? "" : ", ") + r;
            }
            fmt::print(out, "  {:<15} {:<7} {:.2f}{} expected \"{}\" extracted {}{}\n", f.name, verdict, f.confidence,
                       f.needs_review ? "*" : " ", f.expected, quoted(f.extracted),
                       reasons.empty() ? std::string() : "  [" + reasons + "]");
        }
    }
}

} // namespace docextract::eval
