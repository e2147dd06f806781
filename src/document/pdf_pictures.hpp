// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <span>

namespace docextract::detail {

/// True when the bytes of a PDF declare an image XObject (`/Subtype /Image`) of at least `min_pixels` pixels
/// (0: of any size; a size written as an indirect reference counts as large). Image XObjects are streams, and
/// streams never sit inside compressed object streams, so their dictionaries are always readable in the file.
[[nodiscard]] bool pdf_declares_images(std::span<const std::byte> pdf, long min_pixels = 0) noexcept;

} // namespace docextract::detail
