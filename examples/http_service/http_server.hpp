// SPDX-License-Identifier: MIT
#pragma once

// httplib::Server hardened against slow and hostile clients, with its own connection handling:
//   - a request is given to a thread only once its head (request line and headers) is complete; until then the
//     connection waits in a HeaderGate (one poll() thread), so slow or idle connections hold no thread and
//     /health stays answerable however many of them are open;
//   - deadlines: the head must be complete within header_timeout of the connection opening (or of the previous
//     answer on a keep-alive connection), the body within request_timeout of the head;
//   - at most max_connections_per_ip open connections per client address (the rest get 503 and are closed);
//   - after an answer that says "Connection: close" or any error status the connection is really closed: the
//     server shuts its side down and discards whatever the client still sends (bounded), so unread body bytes
//     are never taken for a next request;
//   - a larger listen backlog than cpp-httplib's 5.

#include "connection.hpp"
#include "connection_counter.hpp"
#include "header_gate.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace docextract::service {

struct HttpServerOptions {
    std::size_t threads = 32;                          ///< Request threads.
    std::chrono::milliseconds header_timeout{10'000};  ///< Connection (or previous answer) to complete head.
    std::chrono::milliseconds request_timeout{60'000}; ///< Complete head to the last body byte.
    std::chrono::milliseconds read_timeout{10'000};    ///< Longest silence while reading a body.
    std::chrono::milliseconds write_timeout{10'000};   ///< Longest wait for the client to take answer bytes.
    std::size_t max_connections_per_ip = 16;           ///< 0: no limit.
    std::size_t max_requests_per_connection = 100;     ///< Then the connection is closed.
    /// Peers not subject to max_connections_per_ip (trusted reverse proxies carry many clients' connections).
    std::function<bool(const std::string& peer_ip)> exempt_peer;
};

class HttpServer : public httplib::Server {
public:
    explicit HttpServer(HttpServerOptions options);
    ~HttpServer() override;
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    /// Binds to host:port (port 0 picks a free one) and returns the port, or -1 on failure.
    int bind(const std::string& host, int port, int backlog = 1024);
    /// Called after each answer (the access log); use this instead of set_logger.
    void set_access_log(httplib::Logger logger);
    /// Stops accepting, closes waiting connections, lets running requests finish; listen_after_bind() returns.
    void shut_down();

private:
    class Pool;
    bool process_and_close_socket(socket_t sock) override;
    /// Hands a connection whose head is complete to a request thread (from the gate's thread).
    void dispatch(std::unique_ptr<Connection> connection);
    void serve(std::unique_ptr<Connection> connection);
    /// Closes the connection after an answer: shutdown for writing, then the gate discards what still arrives.
    void close_gracefully(std::unique_ptr<Connection> connection);
    void forget(std::unique_ptr<Connection> connection);

    HttpServerOptions options_;
    ConnectionCounter counter_;
    httplib::Logger access_log_;
    std::mutex pool_mutex_;
    httplib::TaskQueue* pool_ = nullptr; ///< The running pool (guarded by pool_mutex_), null once it shuts down.
    std::atomic<bool> stopping_{false};
    HeaderGate gate_;
};

} // namespace docextract::service
