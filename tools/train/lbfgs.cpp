// SPDX-License-Identifier: MIT
#include "lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <deque>

namespace docextract::train {

namespace {

double dot(const std::vector<double>& a, const std::vector<double>& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        s += a[i] * b[i];
    }
    return s;
}

double max_abs(const std::vector<double>& a) {
    double m = 0;
    for (const double v : a) {
        m = std::max(m, std::abs(v));
    }
    return m;
}

/// Armijo sufficient decrease.
constexpr double armijo = 1e-4;
/// Step shrink factor of the backtracking.
constexpr double shrink = 0.5;
/// Steps tried before giving up on a direction.
constexpr int max_backtracks = 40;

} // namespace

double minimise(const Objective& objective, std::vector<double>& x, const LbfgsOptions& options) {
    const std::size_t n = x.size();
    std::vector<double> g(n);
    double f = objective(x, g);
    std::deque<std::vector<double>> s_hist;
    std::deque<std::vector<double>> y_hist;
    std::vector<double> direction(n);
    std::vector<double> x_next(n);
    std::vector<double> g_next(n);
    for (int iteration = 0; iteration < options.max_iterations; ++iteration) {
        if (max_abs(g) < options.tolerance * std::max(1.0, std::abs(f))) {
            break;
        }
        // Two-loop recursion: direction = -H g.
        direction = g;
        std::vector<double> alpha(s_hist.size());
        for (std::size_t k = s_hist.size(); k-- > 0;) {
            alpha[k] = dot(s_hist[k], direction) / dot(y_hist[k], s_hist[k]);
            for (std::size_t i = 0; i < n; ++i) {
                direction[i] -= alpha[k] * y_hist[k][i];
            }
        }
        if (!s_hist.empty()) {
            const double gamma = dot(s_hist.back(), y_hist.back()) / dot(y_hist.back(), y_hist.back());
            for (auto& d : direction) {
                d *= gamma;
            }
        }
        for (std::size_t k = 0; k < s_hist.size(); ++k) {
            const double beta = dot(y_hist[k], direction) / dot(y_hist[k], s_hist[k]);
            for (std::size_t i = 0; i < n; ++i) {
                direction[i] += s_hist[k][i] * (alpha[k] - beta);
            }
        }
        for (auto& d : direction) {
            d = -d;
        }
        double slope = dot(g, direction);
        if (slope >= 0) { // not a descent direction: restart from steepest descent
            s_hist.clear();
            y_hist.clear();
            for (std::size_t i = 0; i < n; ++i) {
                direction[i] = -g[i];
            }
            slope = dot(g, direction);
        }
        double step = s_hist.empty() ? 1.0 / std::max(1.0, max_abs(g)) : 1.0;
        double f_next = f;
        bool moved = false;
        for (int b = 0; b < max_backtracks; ++b) {
            for (std::size_t i = 0; i < n; ++i) {
                x_next[i] = x[i] + step * direction[i];
            }
            f_next = objective(x_next, g_next);
            if (std::isfinite(f_next) && f_next <= f + armijo * step * slope) {
                moved = true;
                break;
            }
            step *= shrink;
        }
        if (!moved) {
            break;
        }
        std::vector<double> s(n);
        std::vector<double> y(n);
        for (std::size_t i = 0; i < n; ++i) {
            s[i] = x_next[i] - x[i];
            y[i] = g_next[i] - g[i];
        }
        if (dot(s, y) > 1e-12) {
            s_hist.push_back(std::move(s));
            y_hist.push_back(std::move(y));
            if (static_cast<int>(s_hist.size()) > options.history) {
                s_hist.pop_front();
                y_hist.pop_front();
            }
        }
        const double change = std::abs(f - f_next);
        x = x_next;
        g = g_next;
        f = f_next;
        if (change < 1e-12 * std::max(1.0, std::abs(f))) {
            break;
        }
    }
    return f;
}

} // namespace docextract::train
