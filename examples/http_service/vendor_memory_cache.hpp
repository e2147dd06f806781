// SPDX-License-Identifier: MIT
#pragma once

// The vendor memory the workers use, read from the job store again only when it changed: before each job one
// small query for the store's vendor generation (job_store.hpp), and the vendors themselves (up to `limit` rows)
// only when that moved since the last read.

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

    /// The memory for the next job, current as of this call. Throws StoreUnavailable.
    std::shared_ptr<const docextract::VendorMemory> current();
    /// How many times the vendors were read from the store: at the first job, then once per change.
    [[nodiscard]] std::size_t loads() const;

private:
    JobStore& store_;
    std::size_t limit_;
    mutable std::mutex mutex_;
    std::optional<std::int64_t> generation_; ///< Of the memory held; nullopt before the first read.
    std::shared_ptr<const docextract::VendorMemory> memory_;
    std::size_t loads_ = 0;
};

} // namespace docextract::service
