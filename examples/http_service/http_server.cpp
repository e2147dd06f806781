// SPDX-License-Identifier: MIT
#include "http_server.hpp"

#include <sys/socket.h>

namespace docextract::service {

HttpServer::HttpServer(std::size_t threads, int keep_alive_seconds) {
    new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    set_keep_alive_timeout(keep_alive_seconds);
    set_tcp_nodelay(true);
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

} // namespace docextract::service
