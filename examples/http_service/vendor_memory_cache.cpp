// SPDX-License-Identifier: MIT
#include "vendor_memory_cache.hpp"

#include "log.hpp"

#include <string>

namespace docextract::service {

VendorMemoryCache::VendorMemoryCache(JobStore& store, std::size_t limit) : store_(store), limit_(limit) {}

std::shared_ptr<const docextract::VendorMemory> VendorMemoryCache::current() {
    const std::lock_guard lock(mutex_);
    try {
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
    } catch (const StoreUnavailable& e) {
        if (!memory_) {
            throw; // nothing read yet: the job runs without a memory
        }
        // generation_ stays that of the copy, so the first job once the store answers reads again if it moved.
        ++stale_answers_;
        log_line("job store unreachable, the job uses the vendor memory last read (stale: " +
                 std::to_string(memory_->vendors.size()) + " vendors, generation " + std::to_string(*generation_) +
                 "): " + e.what());
        return memory_;
    }
}

std::size_t VendorMemoryCache::loads() const {
    const std::lock_guard lock(mutex_);
    return loads_;
}

std::size_t VendorMemoryCache::stale_answers() const {
    const std::lock_guard lock(mutex_);
    return stale_answers_;
}

} // namespace docextract::service
