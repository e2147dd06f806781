// SPDX-License-Identifier: MIT
// Tests of the fit: the minimiser, grouped folds, the ranker and its calibration, and a whole training run on
// documents made here from text (no OCR, no data set).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "fit.hpp"
#include "lbfgs.hpp"
#include "training.hpp"

#include <docextract/error.hpp>
#include <docextract/field_model.hpp>
#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fmt/format.h>
#include <memory>
#include <set>
#include <string>
#include <vector>

using namespace docextract;
using namespace docextract::train;

namespace {

/// A small deterministic generator (the tests must not depend on the library's random engine).
struct Lcg {
    std::uint64_t state;
    std::uint32_t next() {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(state >> 33U);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint32_t>(n)); }
};

std::size_t feature_index(std::string_view name) {
    const auto names = candidate_feature_names();
    return static_cast<std::size_t>(std::find(names.begin(), names.end(), name) - names.begin());
}

/// An example with n candidates where candidate `right` has the given label strength and the others none.
Example labelled_example(int n, int right, float strength) {
    Example e;
    e.none_features.assign(none_feature_names().size(), 0.0F);
    e.none_features[0] = 1.0F;
    for (int c = 0; c < n; ++c) {
        std::vector<float> f(candidate_feature_names().size(), 0.0F);
        f[feature_index("bias")] = 1.0F;
        f[feature_index("label")] = c == right ? strength : 0.0F;
        f[feature_index("relative_y")] = static_cast<float>(c) / static_cast<float>(n);
        e.candidates.push_back(f);
        e.values.push_back(std::to_string(c));
        e.correct.push_back(c == right ? 1 : 0);
    }
    return e;
}

/// A receipt as text: items, then subtotal, tax, total, cash and change in a shuffled order of the money lines.
struct Receipt {
    std::string text;
    std::string total;
};

Receipt make_receipt(Lcg& rng, int index) {
    const int items = 1 + rng.below(4);
    long cents = 0;
    std::string text = fmt::format("SHOP NUMBER {} SDN BHD\nNO {} JALAN BESAR\nDATE 0{}/0{}/2019\n", index,
                                   10 + rng.below(80), 1 + rng.below(8), 1 + rng.below(8));
    for (int i = 0; i < items; ++i) {
        const long price = 100 + rng.below(5000);
        cents += price;
        text += fmt::format("ITEM {} {}.{:02}\n", i + 1, price / 100, price % 100);
    }
    const long tax = cents * 6 / 100;
    const long total = cents + tax;
    const long cash = (total / 1000 + 1) * 1000;
    std::vector<std::string> money{fmt::format("SUBTOTAL {}.{:02}", cents / 100, cents % 100),
                                   fmt::format("GST 6% {}.{:02}", tax / 100, tax % 100),
                                   fmt::format("TOTAL {}.{:02}", total / 100, total % 100)};
    for (const auto& line : money) {
        text += line + "\n";
    }
    // The cash handed over is printed twice, the total once: counting candidates alone picks the cash.
    text += fmt::format("CASH {0}.{1:02}\nTENDERED {0}.{1:02}\nCHANGE {2}.{3:02}\nTHANK YOU\n", cash / 100, cash % 100,
                        (cash - total) / 100, (cash - total) % 100);
    return {text, fmt::format("{}.{:02}", total / 100, total % 100)};
}

} // namespace

TEST_CASE("the minimiser finds the minimum of a convex quadratic") {
    const Objective f = [](const std::vector<double>& x, std::vector<double>& g) {
        g[0] = 2 * (x[0] - 3);
        g[1] = 8 * (x[1] + 1);
        return (x[0] - 3) * (x[0] - 3) + 4 * (x[1] + 1) * (x[1] + 1);
    };
    std::vector<double> x{0, 0};
    const double value = minimise(f, x);
    CHECK(value == doctest::Approx(0.0).epsilon(1e-6));
    CHECK(x[0] == doctest::Approx(3.0).epsilon(1e-4));
    CHECK(x[1] == doctest::Approx(-1.0).epsilon(1e-4));
}

TEST_CASE("grouped folds keep every group in one fold and balance the sizes") {
    std::vector<std::string> groups;
    for (int i = 0; i < 40; ++i) {
        groups.push_back("shop" + std::to_string(i % 13));
    }
    const auto folds = assign_folds(groups, 5);
    std::map<std::string, std::set<int>> seen;
    std::vector<int> sizes(5, 0);
    for (std::size_t i = 0; i < groups.size(); ++i) {
        seen[groups[i]].insert(folds[i]);
        ++sizes[static_cast<std::size_t>(folds[i])];
    }
    for (const auto& [group, in] : seen) {
        CHECK(in.size() == 1);
    }
    CHECK(*std::max_element(sizes.begin(), sizes.end()) - *std::min_element(sizes.begin(), sizes.end()) <= 4);
    CHECK(assign_folds(groups, 5) == folds); // deterministic
}

TEST_CASE("the ranker learns that a labelled candidate is the right one") {
    std::vector<Example> examples;
    Lcg rng{7};
    for (int i = 0; i < 60; ++i) {
        const int n = 2 + rng.below(6);
        examples.push_back(labelled_example(n, rng.below(n), 0.5F + 0.5F * static_cast<float>(rng.below(2))));
    }
    std::vector<const Example*> train;
    for (const auto& e : examples) {
        train.push_back(&e);
    }
    const FieldWeights w = fit_weights(train, 1.0);
    CHECK(w.weights[feature_index("label")] > 2.0);
    const Example unseen = labelled_example(6, 4, 1.0F);
    const Prediction p = predict(unseen, w);
    CHECK(p.emitted);
    CHECK(p.correct);
    CHECK(p.probability > 0.8);
    // A document whose right value was never read teaches "no value".
    Example unread = labelled_example(3, -1, 1.0F);
    CHECK(unread.target_none());
}

TEST_CASE("calibration stretches overconfident probabilities towards the observed accuracy") {
    std::vector<Prediction> predictions;
    for (int i = 0; i < 200; ++i) {
        Prediction p;
        p.emitted = true;
        p.probability = 0.95;
        p.correct = i % 10 < 7; // right 70 % of the time
        predictions.push_back(p);
    }
    const Calibration c = fit_calibration(predictions);
    CHECK(calibrate(0.95, c, 0.0) == doctest::Approx(0.7).epsilon(0.03));
    const Calibration none = fit_calibration({});
    CHECK(none.slope == 1.0);
}

TEST_CASE("a model trained on text receipts picks their totals on receipts it has not seen") {
    Lcg rng{2026};
    std::vector<eval::Sample> samples;
    std::vector<std::vector<std::vector<PageText>>> readings;
    for (int i = 0; i < 48; ++i) {
        const Receipt r = make_receipt(rng, i);
        eval::Sample s;
        s.document = fmt::format("receipt{:02}.txt", i);
        s.stem = s.document.stem().string();
        s.truth["total"] = r.total;
        s.vendor_group = "shop" + std::to_string(i % 12);
        samples.push_back(s);
        readings.push_back({{page_from_text(r.text, TextSource::ocr)}});
    }
    std::vector<LabelledReadings> train_docs;
    for (std::size_t i = 0; i < 36; ++i) {
        train_docs.push_back({&samples[i], readings[i]});
    }
    TrainOptions options;
    options.fit.calibration_folds = 3;
    const FieldModel model = train_model(train_docs, options);
    REQUIRE(model.fields.count("total") == 1);
    CHECK(model.review_threshold >= 0.5F);
    // Deterministic: the same documents give the same weights.
    const FieldModel again = train_model(train_docs, options);
    CHECK(field_model_to_json(again) == field_model_to_json(model));
    // The file format round-trips.
    const FieldModel parsed = parse_field_model(field_model_to_json(model));
    CHECK(field_model_to_json(parsed) == field_model_to_json(model));

    const auto right_totals = [&](const FieldModel& m) {
        ExtractorOptions extraction;
        extraction.model = std::make_shared<const FieldModel>(m);
        const auto extractor = make_rule_extractor(extraction);
        int right = 0;
        for (std::size_t i = 36; i < samples.size(); ++i) {
            const auto fields = extractor->extract_readings(readings[i]);
            const auto total =
                std::find_if(fields.begin(), fields.end(), [](const Field& f) { return f.name == "total"; });
            right += total != fields.end() && total->value == samples[i].truth["total"] ? 1 : 0;
        }
        return right;
    };
    const int fitted = right_totals(model);
    CHECK(fitted >= 11);                             // of 12 unseen receipts
    CHECK(fitted > right_totals(untrained_model())); // the fit, not the generators alone, chose them
}

TEST_CASE("a model file with an unknown feature is refused") {
    CHECK_THROWS_AS((void)parse_field_model(R"({"fields": {"total": {"weights": {"no_such_feature": 1}}}})"),
                    docextract::Error);
    CHECK_THROWS_AS((void)parse_field_model("not json"), docextract::Error);
    CHECK_THROWS_AS((void)parse_field_model(R"({"review_threshold": 3, "fields": {}})"), docextract::Error);
}
