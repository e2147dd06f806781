// SPDX-License-Identifier: MIT
#include "job_id.hpp"

#include <array>
#include <cstdint>
#include <mutex>
#include <random>

namespace docextract::service {

std::string new_job_id() {
    // One generator seeded from the OS; ids need to be unique and unpredictable, not cryptographic keys.
    static std::mutex mutex;
    static std::mt19937_64 generator = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    std::array<std::uint64_t, 2> words{};
    {
        const std::lock_guard lock(mutex);
        words = {generator(), generator()};
    }
    static constexpr std::string_view digits = "0123456789abcdef";
    std::string id;
    id.reserve(32);
    for (std::uint64_t word : words) {
        for (int shift = 60; shift >= 0; shift -= 4) {
            id.push_back(digits[(word >> shift) & 0xFU]);
        }
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
