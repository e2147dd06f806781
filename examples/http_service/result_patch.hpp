// SPDX-License-Identifier: MIT
#pragma once

// PATCH /result/{id}: a person sets or confirms field values. Body:
//   {"fields": {"total": "12.30", "email": null}, "confirm": ["date"]}
// `fields` sets values (null: the document has none), `confirm` keeps the machine's value. Each such field gets
// source "review", confidence 1, needs_review false, reviewed_at, and keeps the machine's value as
// extracted_value. Values are normalised as extraction does (docextract/field_values.hpp).

#include "job_store.hpp"

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::service {

/// A request that cannot be applied: 400 for a body that is not the documented shape, 422 for a value that is not
/// valid for its field (`field` names it).
class PatchError : public std::runtime_error {
public:
    PatchError(int status, std::string field, const std::string& message)
        : std::runtime_error(message), status_(status), field_(std::move(field)) {}
    [[nodiscard]] int status() const noexcept { return status_; }
    [[nodiscard]] const std::string& field() const noexcept { return field_; }

private:
    int status_;
    std::string field_;
};

struct ResultPatch {
    std::map<std::string, std::optional<std::string>> set; ///< Normalised values; nullopt: no value.
    std::vector<std::string> confirm;
};

/// Parses and validates a PATCH body; throws PatchError.
ResultPatch parse_result_patch(std::string_view body);

/// The edited result, the flagged fields left and one correction per field; throws PatchError (422) for a
/// confirmed field the result does not have. `reviewed_at` is an ISO 8601 UTC time.
ResultEdit apply_result_patch(const StoredJob& job, const ResultPatch& patch, const std::string& reviewed_at);

/// ISO 8601 UTC with milliseconds, e.g. "2026-12-02T19:30:00.123Z".
std::string iso_time(std::int64_t unix_ms);

} // namespace docextract::service
