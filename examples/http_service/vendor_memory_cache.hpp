// SPDX-License-Identifier: MIT
#pragma once

// The vendor memory the workers use, read from the job store again only when it changed: before each job one
// small query for the store's vendor generation (job_store.hpp), and the vendors themselves (up to `limit` rows)
// only when that moved since the last read. While the store is unreachable, the last copy read is used (stale:
// corrections taught since are missing from it, which is better than no memory at all).

#include "job_store.hpp"

#include <docextract/vendor_memory.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

namespace docextract::service {

/// Shared by the worker threads of one process; thread-safe.
class VendorMemoryCache {
public:
    /// `store` must outlive the cache.
    VendorMemoryCache(JobStore& store, std::size_t limit);

    /// The memory for the next job, current as of this call; the last copy read, logged as stale, when the store
    /// is unreachable. Throws StoreUnavailable when it is and nothing was read yet.
    std::shared_ptr<const docextract::VendorMemory> current();
    /// How many times the vendors were read from the store: at the first job, then once per change.
    [[nodiscard]] std::size_t loads() const;
    /// How many times current() answered with the last copy because the store was unreachable.
    [[nodiscard]] std::size_t stale_answers() const;

private:
    JobStore& store_;
    std::size_t limit_;
    mutable std::mutex mutex_;
    std::optional<std::int64_t> generation_; ///< Of the memory held; nullopt before the first read.
    std::shared_ptr<const docextract::VendorMemory> memory_;
    std::size_t loads_ = 0;
    std::size_t stale_answers_ = 0;
};

} // namespace docextract::service
