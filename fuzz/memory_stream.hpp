// SPDX-License-Identifier: MIT
#pragma once

// An httplib::Stream over a request held in memory: reads come from it, writes (the response) are dropped.

#include <httplib.h>

#include <string>
#include <string_view>

namespace docextract::fuzz {

class MemoryStream : public httplib::Stream {
public:
    explicit MemoryStream(std::string_view input) : input_(input) {}

    [[nodiscard]] bool is_readable() const override { return true; }
    [[nodiscard]] bool is_writable() const override { return true; }
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* /*ptr*/, size_t size) override { return static_cast<ssize_t>(size); }
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    [[nodiscard]] socket_t socket() const override { return INVALID_SOCKET; }

private:
    std::string_view input_;
};

} // namespace docextract::fuzz
