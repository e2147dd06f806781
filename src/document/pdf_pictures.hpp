// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <span>

namespace docextract::detail {

/// True when the bytes of a PDF declare an image XObject (`/Subtype /Image`). Image XObjects are streams, and
/// streams never sit inside compressed object streams, so their dictionaries are always readable in the file.
[[nodiscard]] bool pdf_declares_images(std::span<const std::byte> pdf) noexcept;

} // namespace docextract::detail
