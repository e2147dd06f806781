// SPDX-License-Identifier: MIT
#include "memory_stream.hpp"

#include <algorithm>
#include <cstring>

namespace docextract::fuzz {

ssize_t MemoryStream::read(char* ptr, size_t size) {
    const std::size_t count = std::min(size, input_.size());
    if (count > 0) {
        std::memcpy(ptr, input_.data(), count);
        input_.remove_prefix(count);
    }
    return static_cast<ssize_t>(count);
}

void MemoryStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    ip = "192.0.2.1";
    port = 40000;
}

void MemoryStream::get_local_ip_and_port(std::string& ip, int& port) const {
    ip = "192.0.2.2";
    port = 8080;
}

} // namespace docextract::fuzz
