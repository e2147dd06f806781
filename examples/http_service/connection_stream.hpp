// SPDX-License-Identifier: MIT
#pragma once

// The httplib::Stream one request is read from and answered on: bytes already gathered first, then the socket,
// with a deadline for the whole request (head and body) on top of the per-read timeout, so a body sent a byte
// at a time cannot hold a thread for longer than the deadline.

#include "connection.hpp"

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <string>

namespace docextract::service {

class ConnectionStream final : public httplib::Stream {
public:
    /// `read_timeout`: longest wait for the next bytes; `deadline`: no read after it; `write_timeout`: longest
    /// wait for the socket to take more bytes of the answer.
    ConnectionStream(Connection& connection, std::chrono::milliseconds read_timeout,
                     std::chrono::steady_clock::time_point deadline, std::chrono::milliseconds write_timeout);
    /// Drops the consumed bytes from the connection's pending buffer; what is left belongs to the next request.
    ~ConnectionStream() override;
    ConnectionStream(const ConnectionStream&) = delete;
    ConnectionStream& operator=(const ConnectionStream&) = delete;

    [[nodiscard]] bool is_readable() const override;
    [[nodiscard]] bool is_writable() const override;
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    [[nodiscard]] socket_t socket() const override;

    /// True when a read failed because the request's deadline had passed.
    [[nodiscard]] bool deadline_passed() const noexcept { return deadline_passed_; }

private:
    /// Waits until the socket has bytes (within the read timeout and the deadline) and appends them to pending.
    bool fill();

    Connection& connection_;
    std::size_t consumed_ = 0;
    std::chrono::milliseconds read_timeout_;
    std::chrono::steady_clock::time_point deadline_;
    std::chrono::milliseconds write_timeout_;
    bool deadline_passed_ = false;
};

} // namespace docextract::service
