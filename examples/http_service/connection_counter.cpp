// SPDX-License-Identifier: MIT
#include "connection_counter.hpp"

namespace docextract::service {

bool ConnectionCounter::try_add(const std::string& address) {
    const std::lock_guard lock(mutex_);
    std::size_t& open = open_[address];
    if (limit_ != 0 && open >= limit_) {
        if (open == 0) {
            open_.erase(address);
        }
        return false;
    }
    ++open;
    return true;
}

void ConnectionCounter::add(const std::string& address) {
    const std::lock_guard lock(mutex_);
    ++open_[address];
}

void ConnectionCounter::remove(const std::string& address) {
    const std::lock_guard lock(mutex_);
    const auto it = open_.find(address);
    if (it != open_.end() && --it->second == 0) {
        open_.erase(it);
    }
}

} // namespace docextract::service
