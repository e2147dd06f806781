// SPDX-License-Identifier: MIT
#pragma once

// The API keys a client may present (--api-key-file): one key per line, blank lines and lines starting with '#'
// ignored, surrounding spaces trimmed. A request carries a key as "Authorization: Bearer KEY" or "X-API-Key: KEY".
// Keys are compared in constant time (no early exit on the first differing byte, every key compared).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::service {

class ApiKeys {
public:
    ApiKeys() = default; ///< No keys: every request is allowed.
    explicit ApiKeys(std::vector<std::string> keys);

    /// Reads a key file; throws std::runtime_error when it cannot be read or holds no key.
    static ApiKeys load(const std::filesystem::path& path);

    /// True when keys are configured, i.e. requests must carry one.
    [[nodiscard]] bool required() const noexcept { return !keys_.empty(); }

    /// True when `presented` is one of the keys.
    [[nodiscard]] bool accepts(std::string_view presented) const noexcept;

    /// The key a request presents from its header values (Authorization, X-API-Key), or "" when none.
    [[nodiscard]] static std::string_view presented_key(std::string_view authorization, std::string_view x_api_key);

private:
    std::vector<std::string> keys_;
};

} // namespace docextract::service
