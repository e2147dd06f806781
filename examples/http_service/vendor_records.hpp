// SPDX-License-Identifier: MIT
#pragma once

// The vendor memory in the job store: one row per vendor (its name key), written by PATCH /result and read by the
// workers when it changed (vendor_memory_cache.hpp). The mapping between a row and docextract::RememberedVendor is
// here, once, for both stores.

#include <docextract/vendor_memory.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace docextract::service {

/// Vendors a worker loads for one job at most (most recently corrected first).
inline constexpr std::size_t vendor_memory_limit = 5000;

/// One row of the `vendors` table, as text and numbers.
struct VendorRow {
    std::string name_key; ///< docextract::vendor_name_key of the canonical name; the primary key.
    std::string canonical_name;
    std::string tax_ids;          ///< Joined by ','.
    std::string email_domains;    ///< Joined by ','.
    std::string places;           ///< JSON array of {field, value, label, page, x, y}.
    std::int64_t corrections = 0; ///< Corrected documents it was learnt from.
    std::int64_t updated_ms = 0;
};

/// The vendor a row holds; an unreadable places column gives no places.
docextract::RememberedVendor vendor_of(const VendorRow& row);

/// The row after `learned` is folded into `existing` (nullopt: a new vendor).
VendorRow merged_row(const std::optional<VendorRow>& existing, const docextract::RememberedVendor& learned,
                     std::int64_t now_ms);

/// What a corrected result teaches: nullopt unless its vendor was set or confirmed by a person (source "review").
/// The other fields a person settled give their places, the result's "document_traits" the ids and candidates.
std::optional<docextract::RememberedVendor> learned_vendor(std::string_view result_json);

} // namespace docextract::service
