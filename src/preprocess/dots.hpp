// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core.hpp>

#include <cstddef>

namespace docextract::detail {

/// A pixel darker than all 8 of its neighbours, or brighter than all of them, by more than this many gray levels
/// is a dot of impulse (salt-and-pepper) noise. Print never does that: even a 1-px stroke has ink beside it.
inline constexpr int dot_contrast = 40;

/// Replaces the isolated dots of an 8-bit gray page (see dot_contrast) by the median of their 3x3 neighbourhood,
/// leaving every other pixel as it is; returns how many were replaced. The page is replaced by a new image only when
/// there are dots, so a view of the caller's pixels is never written to.
std::size_t remove_dots(cv::Mat& gray);

} // namespace docextract::detail
