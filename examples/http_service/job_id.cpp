// SPDX-License-Identifier: MIT
#include "job_id.hpp"

#include <array>
#include <cerrno>
#include <sys/random.h>
#include <system_error>

namespace docextract::service {

void secure_random_bytes(std::span<std::byte> out) {
    while (!out.empty()) {
        // Requests over 256 bytes can be cut short by a signal: go on from where it stopped.
        const ssize_t n = ::getrandom(out.data(), out.size(), 0);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw std::system_error(errno, std::generic_category(), "getrandom");
        }
        out = out.subspan(static_cast<std::size_t>(n));
    }
}

std::string new_job_id() {
    std::array<std::byte, 16> bytes{};
    secure_random_bytes(bytes);
    static constexpr std::string_view digits = "0123456789abcdef";
    std::string id;
    id.reserve(2 * bytes.size());
    for (std::byte b : bytes) {
        const auto value = std::to_integer<unsigned>(b);
        id.push_back(digits[value >> 4U]);
        id.push_back(digits[value & 0xFU]);
    }
    return id;
}

bool is_valid_job_id(std::string_view text) noexcept {
    if (text.size() != 32) {
        return false;
    }
    for (char c : text) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (!hex) {
            return false;
        }
    }
    return true;
}

} // namespace docextract::service
