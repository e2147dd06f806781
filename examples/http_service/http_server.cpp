// SPDX-License-Identifier: MIT
#include "http_server.hpp"

#include "connection_stream.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <utility>

namespace docextract::service {
namespace {

/// Set by the logger (called after every answer, on the thread that wrote it) when the connection must not carry
/// another request: the answer says "Connection: close" or is an error, after which unread body bytes may follow.
thread_local bool close_after_answer = false;

constexpr std::chrono::seconds drain_time{2};

std::chrono::steady_clock::time_point after(std::chrono::milliseconds delay) {
    return std::chrono::steady_clock::now() + delay;
}

} // namespace

/// cpp-httplib's pool, which tells the server when it shuts down so that the gate stops handing it connections.
class HttpServer::Pool final : public httplib::ThreadPool {
public:
    Pool(HttpServer& owner, std::size_t threads) : httplib::ThreadPool(threads), owner_(owner) {}
    void shutdown() override {
        {
            const std::lock_guard lock(owner_.pool_mutex_);
            owner_.pool_ = nullptr;
        }
        httplib::ThreadPool::shutdown();
    }

private:
    HttpServer& owner_;
};

HttpServer::HttpServer(HttpServerOptions options)
    : options_(std::move(options)), counter_(options_.max_connections_per_ip),
      gate_([this](std::unique_ptr<Connection> connection) { dispatch(std::move(connection)); },
            [this](std::unique_ptr<Connection> connection, bool timed_out) {
                if (timed_out) {
                    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(options_.header_timeout);
                    send_all(connection->fd,
                             error_response(408, "Request Timeout",
                                            "the request head was not complete within " +
                                                std::to_string(seconds.count()) + " s"),
                             1000);
                }
                forget(std::move(connection));
            }) {
    const std::size_t threads = options_.threads;
    new_task_queue = [this, threads] {
        auto* pool = new Pool(*this, threads);
        const std::lock_guard lock(pool_mutex_);
        pool_ = pool;
        return pool;
    };
    keep_alive_max_count_ = options_.max_requests_per_connection;
    keep_alive_timeout_sec_ = std::chrono::duration_cast<std::chrono::seconds>(options_.header_timeout).count();
    set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        if (res.status >= 400 || res.get_header_value("Connection") == "close") {
            close_after_answer = true;
        }
        if (access_log_) {
            access_log_(req, res);
        }
    });
}

HttpServer::~HttpServer() {
    gate_.stop();
}

int HttpServer::bind(const std::string& host, int port, int backlog) {
    int bound = -1;
    if (port == 0) {
        bound = bind_to_any_port(host);
    } else if (bind_to_port(host, port)) {
        bound = port;
    }
    if (bound > 0) {
        ::listen(svr_sock_, backlog); // listening again on a listening socket only changes the backlog
    }
    return bound;
}

void HttpServer::set_access_log(httplib::Logger logger) {
    access_log_ = std::move(logger);
}

void HttpServer::shut_down() {
    stopping_ = true;
    gate_.stop();
    stop();
}

bool HttpServer::process_and_close_socket(socket_t sock) {
    std::string ip;
    int port = 0;
    socket_address(sock, true, ip, port);
    auto connection = std::make_unique<Connection>(sock, ip, port);
    const int on = 1;
    ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    if (options_.exempt_peer && options_.exempt_peer(ip)) {
        counter_.add(ip);
        connection->counted = true;
    } else if (counter_.try_add(ip)) {
        connection->counted = true;
    } else {
        send_all(sock,
                 error_response(503, "Service Unavailable",
                                "too many open connections from this address (limit " +
                                    std::to_string(options_.max_connections_per_ip) + ")",
                                "Retry-After: 5\r\n"),
                 1000);
        close_gracefully(std::move(connection));
        return true;
    }
    serve(std::move(connection));
    return true;
}

void HttpServer::serve(std::unique_ptr<Connection> connection) {
    while (true) {
        if (stopping_) {
            forget(std::move(connection));
            return;
        }
        const HeadState state = gather_head(*connection);
        if (state == HeadState::closed) {
            forget(std::move(connection));
            return;
        }
        if (state == HeadState::incomplete) {
            gate_.park(std::move(connection), after(options_.header_timeout));
            return;
        }
        close_after_answer = false;
        const bool last = connection->requests + 1 >= options_.max_requests_per_connection;
        bool client_closes = false;
        bool written = false;
        {
            ConnectionStream stream(*connection, options_.read_timeout, after(options_.request_timeout),
                                    options_.write_timeout);
            written = process_request(stream, last, client_closes, nullptr);
        }
        ++connection->requests;
        if (!written || client_closes || last || close_after_answer || stopping_) {
            close_gracefully(std::move(connection));
            return;
        }
    }
}

void HttpServer::dispatch(std::unique_ptr<Connection> connection) {
    {
        const std::lock_guard lock(pool_mutex_);
        if (pool_ != nullptr && !stopping_) {
            pool_->enqueue([this, raw = connection.release()] { serve(std::unique_ptr<Connection>(raw)); });
            return;
        }
    }
    forget(std::move(connection));
}

void HttpServer::close_gracefully(std::unique_ptr<Connection> connection) {
    // The answer is sent; FIN now, so the client sees the end at once. Closing with unread bytes in the receive
    // buffer would send a reset that can destroy the answer before the client reads it, so the gate reads and
    // discards until the client closes too (or for a bounded time).
    ::shutdown(connection->fd, SHUT_WR);
    connection->pending.clear();
    gate_.drain(std::move(connection), std::chrono::steady_clock::now() + drain_time);
}

void HttpServer::forget(std::unique_ptr<Connection> connection) {
    if (connection->counted) {
        counter_.remove(connection->peer_ip);
    }
    connection.reset(); // closes the socket
}

} // namespace docextract::service
