// SPDX-License-Identifier: MIT
#pragma once

// httplib::Server tuned for bursts of uploads: a larger listen backlog and a thread pool of a chosen size.

#include <httplib.h>

#include <cstddef>
#include <string>

namespace docextract::service {

class HttpServer : public httplib::Server {
public:
    /// `threads` request threads; idle keep-alive connections are closed after `keep_alive_seconds`.
    HttpServer(std::size_t threads, int keep_alive_seconds);

    /// Binds to host:port (port 0 picks a free one) and returns the port, or -1 on failure.
    /// cpp-httplib 0.11.4 listens with a fixed backlog of 5: a burst of connections overflows it and the
    /// kernel drops SYNs that clients only resend after a second. The backlog is widened here.
    int bind(const std::string& host, int port, int backlog = 1024);
};

} // namespace docextract::service
