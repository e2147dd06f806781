// SPDX-License-Identifier: MIT
#include "connection.hpp"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <array>
#include <cerrno>
#include <chrono>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace docextract::service {

Connection::~Connection() {
    if (fd >= 0) {
        ::close(fd);
    }
}

HeadState gather_head(Connection& connection) {
    std::array<char, 16384> buffer{};
    while (connection.pending.size() < max_request_head_bytes) {
        const ssize_t n = ::recv(connection.fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (n > 0) {
            connection.pending.append(buffer.data(), static_cast<std::size_t>(n));
            connection.head_started = true;
            continue;
        }
        if (n == 0) { // a client may send its request and shut its side down: answer what is complete
            return connection.pending.find("\r\n\r\n") != std::string::npos ? HeadState::complete : HeadState::closed;
        }
        if (errno == EINTR) {
            continue;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            break;
        }
        return HeadState::closed;
    }
    if (connection.pending.size() >= max_request_head_bytes ||
        connection.pending.find("\r\n\r\n") != std::string::npos) {
        return HeadState::complete;
    }
    return HeadState::incomplete;
}

bool socket_address(int fd, bool peer, std::string& ip, int& port) {
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    ip.clear();
    port = 0;
    auto* raw = reinterpret_cast<sockaddr*>(&address);
    if ((peer ? ::getpeername(fd, raw, &length) : ::getsockname(fd, raw, &length)) != 0) {
        return false;
    }
    std::array<char, INET6_ADDRSTRLEN> text{};
    if (address.ss_family == AF_INET) {
        const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
        ::inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
        port = ntohs(v4->sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
        ::inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
        port = ntohs(v6->sin6_port);
    } else {
        return false;
    }
    ip = text.data();
    return true;
}

bool send_all(int fd, std::string_view bytes, int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n > 0) {
            bytes.remove_prefix(static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            return false;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return false;
        }
        pollfd p{fd, POLLOUT, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) {
            return false;
        }
    }
    return true;
}

std::string error_response(int status, std::string_view reason, std::string_view message,
                           std::string_view extra_headers) {
    const std::string body = nlohmann::json{{"error", message}}.dump();
    std::string response = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
    response += "Content-Type: application/json\r\nConnection: close\r\n";
    response += extra_headers;
    response += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return response;
}

} // namespace docextract::service
