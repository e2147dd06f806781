// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <vector>

namespace docextract::train {

/// A function to minimise: returns f(x) and writes its gradient.
using Objective = std::function<double(const std::vector<double>& x, std::vector<double>& gradient)>;

/// Settings of the minimiser.
struct LbfgsOptions {
    int max_iterations = 500; ///< Stop after this many steps.
    int history = 8;          ///< Curvature pairs kept.
    double tolerance = 1e-7;  ///< Stop when the gradient's largest entry is below this (relative to max(1, |f|)).
};

/// Minimises a smooth function from x (updated in place) by limited-memory BFGS with a backtracking line search.
/// Deterministic: the same objective and start give the same result. Returns the final value.
double minimise(const Objective& objective, std::vector<double>& x, const LbfgsOptions& options = {});

} // namespace docextract::train
