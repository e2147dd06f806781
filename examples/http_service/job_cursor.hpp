// SPDX-License-Identifier: MIT
#pragma once

// The opaque cursor of GET /jobs: where the previous page ended (upload time and id of its last job), in hex so it
// needs no escaping in a URL. Clients pass it back unchanged.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace docextract::service {

std::string encode_job_cursor(std::int64_t created_ms, std::string_view id);
/// nullopt for text that is not a cursor this server made.
std::optional<std::pair<std::int64_t, std::string>> decode_job_cursor(std::string_view cursor);

} // namespace docextract::service
