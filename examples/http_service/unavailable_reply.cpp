// SPDX-License-Identifier: MIT
#include "unavailable_reply.hpp"

#include "json_reply.hpp"
#include "log.hpp"

#include <string>

namespace docextract::service {
namespace {

void reply_unavailable(const httplib::Request& req, httplib::Response& res, std::string_view message,
                       std::string_view detail) {
    log_unavailable(req, detail);
    res.set_header("Retry-After", std::to_string(unavailable_retry_after_seconds));
    reply_error(res, 503, message);
}

} // namespace

void log_unavailable(const httplib::Request& req, std::string_view detail) {
    std::string line = req.method;
    line += ' ';
    line += req.path;
    line += ": 503, ";
    line += detail;
    log_line(line);
}

std::string_view client_message(QueueUnavailable::Reason reason) noexcept {
    switch (reason) {
    case QueueUnavailable::Reason::queue_down:
        return "the job queue is unavailable; retry later";
    case QueueUnavailable::Reason::store_down:
        return "the job store is unavailable; retry later";
    case QueueUnavailable::Reason::full:
        return "the job queue is full; retry later";
    case QueueUnavailable::Reason::shutting_down:
        return "the server is shutting down; retry later";
    }
    return "the job queue is unavailable; retry later";
}

void reply_store_unavailable(const httplib::Request& req, httplib::Response& res, std::string_view detail) {
    reply_unavailable(req, res, client_message(QueueUnavailable::Reason::store_down), detail);
}

void reply_queue_unavailable(const httplib::Request& req, httplib::Response& res, const QueueUnavailable& refusal) {
    reply_unavailable(req, res, client_message(refusal.reason()), refusal.what());
}

} // namespace docextract::service
