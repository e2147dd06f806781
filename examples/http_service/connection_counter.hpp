// SPDX-License-Identifier: MIT
#pragma once

// Open connections per client address, so one address cannot take every connection the server can serve.

#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace docextract::service {

class ConnectionCounter {
public:
    /// `limit` connections per address at the same time; 0: no limit.
    explicit ConnectionCounter(std::size_t limit) : limit_(limit) {}

    /// Counts a new connection from `address`; false (and not counted) when the address already has `limit`.
    bool try_add(const std::string& address);
    /// Forgets a connection counted by try_add or add.
    void remove(const std::string& address);
    /// Counts a connection whatever the limit (addresses that are exempt, such as trusted proxies).
    void add(const std::string& address);

private:
    std::size_t limit_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> open_;
};

} // namespace docextract::service
