// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string_view>

namespace docextract::cli {

/// A one-line progress bar on stderr: "[#####.....] 5/10 name". Draws nothing when disabled.
class ProgressBar {
public:
    /// A bar for `total` documents; enabled only when `enabled` (the caller checks the terminal).
    ProgressBar(std::size_t total, bool enabled) : total_(total), enabled_(enabled) {}
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;
    /// Erases the bar.
    ~ProgressBar() { finish(); }

    /// Counts one more finished document and redraws.
    void advance(std::string_view name);
    /// Erases the bar so that later messages start on a clean line.
    void finish();

    /// True when stderr is a terminal, the only place a bar belongs.
    [[nodiscard]] static bool stderr_is_terminal() noexcept;

private:
    std::size_t total_;
    std::size_t done_ = 0;
    bool enabled_;
    bool drawn_ = false;
};

} // namespace docextract::cli
