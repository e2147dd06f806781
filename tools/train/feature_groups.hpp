// SPDX-License-Identifier: MIT
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::train {

/// A named group of candidate features, for ablations (docextract-eval --drop GROUP).
struct FeatureGroup {
    std::string_view name;                  ///< e.g. "geometry".
    std::vector<std::string_view> features; ///< Names of its features.
};

/// The groups: label, geometry, ocr, support, arithmetic, document, vocabulary (every feature in one group).
[[nodiscard]] std::span<const FeatureGroup> feature_groups();

/// Indices (candidate_feature_names() order) of the features of the named groups; throws std::invalid_argument
/// for an unknown group.
[[nodiscard]] std::vector<std::size_t> features_of_groups(const std::vector<std::string>& groups);

} // namespace docextract::train
