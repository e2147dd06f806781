// SPDX-License-Identifier: MIT
#pragma once

namespace docextract {

/// An axis-aligned rectangle in page pixels; (x, y) is the top-left corner.
struct Box {
    int x = 0;      ///< Left edge.
    int y = 0;      ///< Top edge.
    int width = 0;  ///< Width in pixels.
    int height = 0; ///< Height in pixels.

    /// Right edge (exclusive).
    [[nodiscard]] constexpr int right() const noexcept { return x + width; }
    /// Bottom edge (exclusive).
    [[nodiscard]] constexpr int bottom() const noexcept { return y + height; }
    /// True when the box covers no area.
    [[nodiscard]] constexpr bool empty() const noexcept { return width <= 0 || height <= 0; }
    /// Equality of all four members.
    friend constexpr bool operator==(const Box&, const Box&) = default;
};

} // namespace docextract
