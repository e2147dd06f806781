// SPDX-License-Identifier: MIT
#include "fit.hpp"

#include "lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <set>
#include <utility>

namespace docextract::train {

namespace {

/// A candidate's non-zero features.
using Sparse = std::vector<std::pair<std::uint32_t, double>>;

Sparse sparse(const std::vector<float>& dense) {
    Sparse out;
    for (std::size_t i = 0; i < dense.size(); ++i) {
        if (dense[i] != 0.0F) {
            out.emplace_back(static_cast<std::uint32_t>(i), static_cast<double>(dense[i]));
        }
    }
    return out;
}

double dot(const Sparse& f, const std::vector<double>& x, std::size_t offset = 0) {
    double s = 0;
    for (const auto& [i, v] : f) {
        s += v * x[offset + i];
    }
    return s;
}

/// An example prepared for the objective.
struct Prepared {
    std::vector<Sparse> candidates;
    std::vector<char> correct;
    Sparse none;
    bool target_none = false;
};

/// Penalty on the calibration's distance from the identity (keeps a small field from a wild fit).
constexpr double calibration_l2 = 0.01;
/// Probabilities are kept this far from 0 and 1 before taking their log-odds.
constexpr double edge = 1e-6;
/// The review thresholds tried, from 0.50 in steps of 0.01.
constexpr int threshold_steps = 50;

double logit(double p) {
    p = std::clamp(p, edge, 1.0 - edge);
    return std::log(p / (1.0 - p));
}

} // namespace

bool Example::target_none() const noexcept {
    return std::none_of(correct.begin(), correct.end(), [](char c) { return c != 0; });
}

std::vector<int> assign_folds(const std::vector<std::string>& groups, int folds) {
    std::map<std::string, std::vector<std::size_t>> members;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        members[groups[i]].push_back(i);
    }
    std::vector<std::pair<std::string, std::vector<std::size_t>>> order(members.begin(), members.end());
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
    std::vector<int> fold_of(groups.size(), 0);
    std::vector<std::size_t> sizes(static_cast<std::size_t>(std::max(1, folds)), 0);
    for (const auto& [name, docs] : order) {
        const auto smallest = static_cast<std::size_t>(std::min_element(sizes.begin(), sizes.end()) - sizes.begin());
        for (const auto d : docs) {
            fold_of[d] = static_cast<int>(smallest);
        }
        sizes[smallest] += docs.size();
    }
    return fold_of;
}

FieldWeights fit_weights(const std::vector<const Example*>& examples, double l2,
                         const std::vector<std::size_t>& dropped) {
    const std::size_t nf = candidate_feature_names().size();
    const std::size_t nn = none_feature_names().size();
    std::vector<Prepared> data;
    data.reserve(examples.size());
    for (const Example* e : examples) {
        Prepared p;
        for (auto c : e->candidates) {
            for (const auto d : dropped) {
                if (d < c.size()) {
                    c[d] = 0.0F;
                }
            }
            p.candidates.push_back(sparse(c));
        }
        p.correct = e->correct;
        p.none = sparse(e->none_features);
        p.target_none = e->target_none();
        data.push_back(std::move(p));
    }
    const Objective objective = [&](const std::vector<double>& x, std::vector<double>& g) {
        std::fill(g.begin(), g.end(), 0.0);
        double loss = 0;
        std::vector<double> s;
        for (const Prepared& p : data) {
            s.resize(p.candidates.size());
            const double none = dot(p.none, x, nf);
            double top = none;
            for (std::size_t c = 0; c < p.candidates.size(); ++c) {
                s[c] = dot(p.candidates[c], x);
                top = std::max(top, s[c]);
            }
            double z = std::exp(none - top);
            double right = p.target_none ? z : 0.0;
            for (std::size_t c = 0; c < s.size(); ++c) {
                const double m = std::exp(s[c] - top);
                z += m;
                if (!p.target_none && p.correct[c] != 0) {
                    right += m;
                }
            }
            loss += std::log(z) - std::log(right);
            // d loss / d score = p(model) - p(target)
            const double none_p = std::exp(none - top) / z;
            const double none_q = p.target_none ? 1.0 : 0.0;
            for (const auto& [i, v] : p.none) {
                g[nf + i] += (none_p - none_q) * v;
            }
            for (std::size_t c = 0; c < s.size(); ++c) {
                const double m = std::exp(s[c] - top);
                const double q = !p.target_none && p.correct[c] != 0 ? m / right : 0.0;
                const double d = m / z - q;
                for (const auto& [i, v] : p.candidates[c]) {
                    g[i] += d * v;
                }
            }
        }
        for (std::size_t i = 0; i < x.size(); ++i) {
            loss += 0.5 * l2 * x[i] * x[i];
            g[i] += l2 * x[i];
        }
        return loss;
    };
    std::vector<double> x(nf + nn, 0.0);
    (void)minimise(objective, x);
    FieldWeights w;
    w.weights.assign(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(nf));
    w.none_weights.assign(x.begin() + static_cast<std::ptrdiff_t>(nf), x.end());
    return w;
}

Prediction predict(const Example& example, const FieldWeights& weights) {
    FieldCandidates pool;
    pool.none_features = example.none_features;
    pool.page_noise = example.page_noise;
    for (std::size_t c = 0; c < example.candidates.size(); ++c) {
        FieldCandidate candidate;
        candidate.value = example.values[c];
        candidate.features = example.candidates[c];
        pool.all.push_back(std::move(candidate));
    }
    const FieldScores scores = score_candidates(pool, weights);
    Prediction out;
    out.page_noise = example.page_noise;
    if (scores.values.empty()) {
        return out;
    }
    out.emitted = true;
    out.probability = scores.values.front().probability;
    for (std::size_t c = 0; c < example.values.size(); ++c) {
        if (example.values[c] == scores.values.front().value && example.correct[c] != 0) {
            out.correct = true;
        }
    }
    return out;
}

Calibration fit_calibration(const std::vector<Prediction>& predictions) {
    std::vector<const Prediction*> emitted;
    for (const auto& p : predictions) {
        if (p.emitted) {
            emitted.push_back(&p);
        }
    }
    if (emitted.empty()) {
        return {};
    }
    const Objective objective = [&](const std::vector<double>& x, std::vector<double>& g) {
        std::fill(g.begin(), g.end(), 0.0);
        double loss = 0;
        for (const Prediction* p : emitted) {
            const double l = logit(p->probability);
            const double z = x[0] * l + x[1] + x[2] * p->page_noise;
            const double q = 1.0 / (1.0 + std::exp(-z));
            const double y = p->correct ? 1.0 : 0.0;
            loss += std::log1p(std::exp(-std::abs(z))) + std::max(z, 0.0) - y * z; // -log-likelihood, stable
            const double d = q - y;
            g[0] += d * l;
            g[1] += d;
            g[2] += d * p->page_noise;
        }
        const std::vector<double> identity{1.0, 0.0, 0.0};
        for (std::size_t i = 0; i < x.size(); ++i) {
            loss += 0.5 * calibration_l2 * (x[i] - identity[i]) * (x[i] - identity[i]);
            g[i] += calibration_l2 * (x[i] - identity[i]);
        }
        return loss;
    };
    std::vector<double> x{1.0, 0.0, 0.0};
    (void)minimise(objective, x);
    return {x[0], x[1], x[2]};
}

FieldModel fit_model(const std::vector<TrainingDoc>& docs, const std::vector<std::string>& groups,
                     const FitOptions& options) {
    std::set<std::string> names;
    for (const auto& d : docs) {
        for (const auto& [name, example] : d.fields) {
            names.insert(name);
        }
    }
    const std::vector<int> fold_of = assign_folds(groups, options.calibration_folds);
    FieldModel model;
    model.version = options.version;
    model.fitted_on = options.fitted_on;
    std::vector<std::pair<float, bool>> pooled; // calibrated out-of-fold confidence, right
    for (const auto& name : names) {
        std::vector<const Example*> all;
        std::vector<int> folds;
        for (std::size_t d = 0; d < docs.size(); ++d) {
            if (const auto it = docs[d].fields.find(name); it != docs[d].fields.end()) {
                all.push_back(&it->second);
                folds.push_back(fold_of[d]);
            }
        }
        std::vector<Prediction> out_of_fold;
        for (int k = 0; k < options.calibration_folds; ++k) {
            std::vector<const Example*> train;
            std::vector<const Example*> held;
            for (std::size_t i = 0; i < all.size(); ++i) {
                (folds[i] == k ? held : train).push_back(all[i]);
            }
            if (held.empty()) {
                continue;
            }
            const FieldWeights w = fit_weights(train, options.l2, options.dropped);
            for (const Example* e : held) {
                out_of_fold.push_back(predict(*e, w));
            }
        }
        FieldWeights weights = fit_weights(all, options.l2, options.dropped);
        weights.calibration = fit_calibration(out_of_fold);
        for (const auto& p : out_of_fold) {
            if (p.emitted) {
                pooled.emplace_back(calibrate(p.probability, weights.calibration, p.page_noise), p.correct);
            }
        }
        model.fields.emplace(name, std::move(weights));
    }
    // The lowest threshold whose accepted values are right often enough.
    model.review_threshold = 0.99F;
    for (int step = 0; step < threshold_steps; ++step) {
        const float t = 0.5F + 0.01F * static_cast<float>(step);
        int accepted = 0;
        int right = 0;
        for (const auto& [confidence, correct] : pooled) {
            if (confidence >= t) {
                ++accepted;
                right += correct ? 1 : 0;
            }
        }
        if (accepted > 0 && static_cast<double>(right) >= options.target_precision * accepted) {
            model.review_threshold = t;
            break;
        }
    }
    return model;
}

} // namespace docextract::train
