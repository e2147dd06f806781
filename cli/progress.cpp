// SPDX-License-Identifier: MIT
#include "progress.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <unistd.h>

namespace docextract::cli {
namespace {

constexpr std::size_t bar_width = 30;
constexpr std::size_t name_width = 40;

} // namespace

bool ProgressBar::stderr_is_terminal() noexcept {
    return ::isatty(STDERR_FILENO) == 1;
}

void ProgressBar::advance(std::string_view name) {
    if (!enabled_) {
        return;
    }
    ++done_;
    const std::size_t filled = total_ == 0 ? bar_width : done_ * bar_width / total_;
    std::string shown(name.size() > name_width ? name.substr(name.size() - name_width) : name);
    // \r returns to the start of the line, \x1b[K clears what the previous, longer line left behind.
    fmt::print(stderr, "\r[{}{}] {}/{} {}\x1b[K", std::string(filled, '#'), std::string(bar_width - filled, '.'), done_,
               total_, shown);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    if (drawn_) {
        fmt::print(stderr, "\r\x1b[K");
        std::fflush(stderr);
        drawn_ = false;
    }
}

} // namespace docextract::cli
