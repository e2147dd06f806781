// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core.hpp>

namespace docextract::detail {

/// The median height in pixels of the character-like ink blobs of an 8-bit gray page (0 when fewer than 20 are
/// found). Lower-case letters, capitals and digits are mixed, so it lies between the x-height and the cap height.
[[nodiscard]] double estimate_text_height(const cv::Mat& gray);

} // namespace docextract::detail
