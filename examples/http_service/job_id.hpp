// SPDX-License-Identifier: MIT
#pragma once

// Job identifiers: 128 random bits as 32 lower-case hex digits, unguessable so results are private enough.

#include <string>
#include <string_view>

namespace docextract::service {

/// A new random job id (thread-safe).
std::string new_job_id();
/// True when the text has the shape of a job id (so it can be used in a Redis key without surprises).
bool is_valid_job_id(std::string_view text) noexcept;

} // namespace docextract::service
