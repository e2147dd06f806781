// SPDX-License-Identifier: MIT
#include "vendor_memory_cache.hpp"

#include "log.hpp"

#include <string>

namespace docextract::service {

VendorMemoryCache::VendorMemoryCache(JobStore& store, std::size_t limit) : store_(store), limit_(limit) {}

std::shared_ptr<const docextract::VendorMemory> VendorMemoryCache::current() {
    const std::lock_guard lock(mutex_);
    // The generation first, then the rows: a vendor written in between is in the rows already and moves the
    // generation past the one kept, so the next job reads again; the other order could keep a stale copy.
    const std::int64_t generation = store_.vendor_generation();
    if (generation_ && *generation_ == generation) {
        return memory_;
    }
    memory_ = std::make_shared<const docextract::VendorMemory>(store_.vendor_memory(limit_));
    generation_ = generation;
    ++loads_;
    log_line("vendor memory read: " + std::to_string(memory_->vendors.size()) + " vendors (generation " +
             std::to_string(generation) + ")");
    return memory_;
}

std::size_t VendorMemoryCache::loads() const {
    const std::lock_guard lock(mutex_);
    return loads_;
}

} // namespace docextract::service
