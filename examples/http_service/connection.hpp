// SPDX-License-Identifier: MIT
#pragma once

// One accepted TCP connection of the HTTP server: its socket, the peer, and the bytes received but not yet
// consumed. The request head is gathered without blocking (a request is handed to a thread only once its head is
// complete), so a client that sends its head slowly holds no thread.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace docextract::service {

struct Connection {
    int fd = -1;
    std::string peer_ip;
    int peer_port = 0;
    std::string pending;       ///< Received bytes not yet consumed by a request (the head gathered so far).
    std::size_t requests = 0;  ///< Requests answered on this connection.
    bool head_started = false; ///< Some bytes of the next request head have arrived.
    bool counted = false;      ///< Counted in the server's per-address connection count.

    Connection(int socket, std::string ip, int port) : fd(socket), peer_ip(std::move(ip)), peer_port(port) {}
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();
};

enum class HeadState {
    complete,   ///< pending holds a whole request head (or more bytes than a head may have: the parser refuses it)
    incomplete, ///< nothing more to read now
    closed,     ///< the peer closed the connection or it failed
};

/// Longest request head gathered; beyond it the request is handed on and the HTTP parser answers 400/414.
inline constexpr std::size_t max_request_head_bytes = 64 * 1024;

/// Reads what has arrived without blocking and says whether pending now holds a complete request head.
HeadState gather_head(Connection& connection);

/// The peer's (`peer`) or the local address of a socket as text ("127.0.0.1", "::1"); false when unknown.
bool socket_address(int fd, bool peer, std::string& ip, int& port);

/// Writes `bytes` within `timeout_ms` (best effort; false when it could not be written in time).
bool send_all(int fd, std::string_view bytes, int timeout_ms);

/// A complete HTTP/1.1 answer with a JSON error body and Connection: close.
std::string error_response(int status, std::string_view reason, std::string_view message,
                           std::string_view extra_headers = {});

} // namespace docextract::service
