// SPDX-License-Identifier: MIT
#pragma once

// Job identifiers: 128 random bits as 32 lower-case hex digits. Knowing a job id is what lets a client read the
// job's result, so every id is drawn from the kernel's cryptographic generator (getrandom(2)): seeing any number
// of ids tells nothing about the next one.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace docextract::service {

/// Fills `out` from getrandom(2) (the kernel's CSPRNG, blocking only until it is seeded at boot), retrying on
/// EINTR and on short reads. Throws std::system_error when getrandom fails otherwise; it never falls back to a
/// weaker source.
void secure_random_bytes(std::span<std::byte> out);

/// A new random job id (thread-safe): 16 bytes from secure_random_bytes as 32 lower-case hex digits.
std::string new_job_id();
/// True when the text has the shape of a job id (so it can be used in a Redis key without surprises).
bool is_valid_job_id(std::string_view text) noexcept;

} // namespace docextract::service
