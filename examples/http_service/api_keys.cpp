// SPDX-License-Identifier: MIT
#include "api_keys.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>
#include <utility>

namespace docextract::service {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

/// Compares all of max(|a|, |b|) bytes whatever they hold; equal only when the lengths are equal too.
bool equal_constant_time(std::string_view a, std::string_view b) noexcept {
    const std::size_t length = std::max(a.size(), b.size());
    unsigned difference = a.size() == b.size() ? 0U : 1U;
    for (std::size_t i = 0; i < length; ++i) {
        const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
        const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
        difference |= static_cast<unsigned>(x ^ y);
    }
    return difference == 0;
}

} // namespace

ApiKeys::ApiKeys(std::vector<std::string> keys) : keys_(std::move(keys)) {}

ApiKeys ApiKeys::load(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) {
        throw std::runtime_error("cannot read the API key file " + path.string());
    }
    std::vector<std::string> keys;
    std::string line;
    while (std::getline(in, line)) {
        const std::string_view key = trim(line);
        if (!key.empty() && key.front() != '#') {
            keys.emplace_back(key);
        }
    }
    if (keys.empty()) {
        throw std::runtime_error("the API key file " + path.string() + " holds no key");
    }
    return ApiKeys(std::move(keys));
}

bool ApiKeys::accepts(std::string_view presented) const noexcept {
    bool found = false;
    for (const std::string& key : keys_) {
        found = equal_constant_time(presented, key) || found; // every key is compared
    }
    return found && !presented.empty();
}

std::string_view ApiKeys::presented_key(std::string_view authorization, std::string_view x_api_key) {
    constexpr std::string_view bearer = "Bearer ";
    if (authorization.size() > bearer.size()) {
        std::string_view scheme = authorization.substr(0, bearer.size());
        const bool is_bearer = std::equal(scheme.begin(), scheme.end(), bearer.begin(), bearer.end(),
                                          [](char a, char b) { return std::tolower(a) == std::tolower(b); });
        if (is_bearer) {
            return trim(authorization.substr(bearer.size()));
        }
    }
    return trim(x_api_key);
}

} // namespace docextract::service
