// SPDX-License-Identifier: MIT
#include "connection_stream.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>

namespace docextract::service {
namespace {

int wait_ms(std::chrono::milliseconds timeout, std::chrono::steady_clock::time_point deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    return static_cast<int>(std::max<std::int64_t>(0, std::min(timeout.count(), left.count())));
}

} // namespace

ConnectionStream::ConnectionStream(Connection& connection, std::chrono::milliseconds read_timeout,
                                   std::chrono::steady_clock::time_point deadline,
                                   std::chrono::milliseconds write_timeout)
    : connection_(connection), read_timeout_(read_timeout), deadline_(deadline), write_timeout_(write_timeout) {}

ConnectionStream::~ConnectionStream() {
    connection_.pending.erase(0, consumed_);
    connection_.head_started = !connection_.pending.empty();
}

bool ConnectionStream::is_readable() const {
    if (consumed_ < connection_.pending.size()) {
        return true;
    }
    pollfd p{connection_.fd, POLLIN, 0};
    return ::poll(&p, 1, wait_ms(read_timeout_, deadline_)) > 0;
}

bool ConnectionStream::is_writable() const {
    pollfd p{connection_.fd, POLLOUT, 0};
    return ::poll(&p, 1, static_cast<int>(write_timeout_.count())) > 0;
}

bool ConnectionStream::fill() {
    if (std::chrono::steady_clock::now() >= deadline_) {
        deadline_passed_ = true;
        return false;
    }
    pollfd p{connection_.fd, POLLIN, 0};
    int ready = 0;
    do {
        ready = ::poll(&p, 1, wait_ms(read_timeout_, deadline_));
    } while (ready < 0 && errno == EINTR);
    if (ready <= 0) {
        deadline_passed_ = std::chrono::steady_clock::now() >= deadline_;
        return false;
    }
    // The consumed prefix is dropped first, so the buffer holds at most one read beyond what is unconsumed.
    connection_.pending.erase(0, consumed_);
    consumed_ = 0;
    std::array<char, 16384> buffer{};
    ssize_t n = 0;
    do {
        n = ::recv(connection_.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
        return false;
    }
    connection_.pending.append(buffer.data(), static_cast<std::size_t>(n));
    return true;
}

ssize_t ConnectionStream::read(char* ptr, size_t size) {
    if (consumed_ >= connection_.pending.size() && !fill()) {
        return -1;
    }
    const std::size_t n = std::min(size, connection_.pending.size() - consumed_);
    std::memcpy(ptr, connection_.pending.data() + consumed_, n);
    consumed_ += n;
    return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
    return send_all(connection_.fd, std::string_view(ptr, size), static_cast<int>(write_timeout_.count()))
               ? static_cast<ssize_t>(size)
               : -1;
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    ip = connection_.peer_ip;
    port = connection_.peer_port;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
    socket_address(connection_.fd, false, ip, port);
}

socket_t ConnectionStream::socket() const {
    return connection_.fd;
}

} // namespace docextract::service
