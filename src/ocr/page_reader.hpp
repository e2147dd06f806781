// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/text.hpp>

namespace tesseract {
class ResultIterator;
}

namespace docextract::detail {

/// Reads the words of a recognised page into lines and blocks, in Tesseract's reading order.
/// `iterator` may be null (nothing recognised); it is consumed but not deleted.
/// Word confidences are scaled from Tesseract's 0..100 to 0..1; empty words and lines are dropped. Words with digits
/// get the recogniser's runner-up digits as alternatives when it kept its choices (lstm_choice_mode).
[[nodiscard]] PageText read_page_text(tesseract::ResultIterator* iterator, int width, int height);

} // namespace docextract::detail
