// SPDX-License-Identifier: MIT
#include "redis_client.hpp"

#include <hiredis/hiredis.h>

#include <charconv>
#include <sys/time.h>

namespace docextract::service {
namespace {

int parse_int(std::string_view text, int low, int high, const char* what) {
    int value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value < low || value > high) {
        throw std::invalid_argument(std::string("invalid ") + what + " '" + std::string(text) + "' in Redis URL");
    }
    return value;
}

timeval to_timeval(std::chrono::milliseconds timeout) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    return tv;
}

RedisReply copy_reply(const redisReply& reply) {
    RedisReply out;
    switch (reply.type) {
    case REDIS_REPLY_STRING:
        out.type = RedisReply::Type::string;
        out.str.assign(reply.str, reply.len);
        break;
    case REDIS_REPLY_STATUS:
        out.type = RedisReply::Type::status;
        out.str.assign(reply.str, reply.len);
        break;
    case REDIS_REPLY_ERROR:
        out.type = RedisReply::Type::error;
        out.str.assign(reply.str, reply.len);
        break;
    case REDIS_REPLY_INTEGER:
        out.type = RedisReply::Type::integer;
        out.integer = reply.integer;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RedisReply::Type::array;
        out.elements.reserve(reply.elements);
        for (std::size_t i = 0; i < reply.elements; ++i) {
            out.elements.push_back(copy_reply(*reply.element[i]));
        }
        break;
    default:
        out.type = RedisReply::Type::nil;
        break;
    }
    return out;
}

struct ReplyDeleter {
    void operator()(redisReply* reply) const noexcept { freeReplyObject(reply); }
};
using ReplyPtr = std::unique_ptr<redisReply, ReplyDeleter>;

} // namespace

RedisUrl parse_redis_url(std::string_view url) {
    constexpr std::string_view scheme = "redis://";
    if (url.substr(0, scheme.size()) != scheme) {
        throw std::invalid_argument("Redis URL must start with redis:// (got '" + std::string(url) + "')");
    }
    url.remove_prefix(scheme.size());
    RedisUrl out;
    std::string_view authority = url.substr(0, url.find('/'));
    std::string_view path = authority.size() < url.size() ? url.substr(authority.size() + 1) : std::string_view{};
    if (const auto at = authority.rfind('@'); at != std::string_view::npos) {
        const std::string_view credentials = authority.substr(0, at);
        authority.remove_prefix(at + 1);
        if (const auto colon = credentials.find(':'); colon != std::string_view::npos) {
            out.username = credentials.substr(0, colon);
            out.password = credentials.substr(colon + 1);
        } else {
            out.password = credentials; // redis://secret@host is a password, as redis-cli -u reads it
        }
    }
    std::string_view host = authority;
    if (!authority.empty() && authority.front() == '[') { // [::1]:6379
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            throw std::invalid_argument("unterminated IPv6 address in Redis URL");
        }
        host = authority.substr(1, close - 1);
        const std::string_view rest = authority.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                throw std::invalid_argument("unexpected text after IPv6 address in Redis URL");
            }
            out.port = parse_int(rest.substr(1), 1, 65535, "port");
        }
    } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
        host = authority.substr(0, colon);
        out.port = parse_int(authority.substr(colon + 1), 1, 65535, "port");
    }
    if (!host.empty()) {
        out.host = host;
    }
    if (const auto query = path.find('?'); query != std::string_view::npos) {
        path = path.substr(0, query);
    }
    if (!path.empty()) {
        out.db = parse_int(path, 0, 1'000'000, "database number");
    }
    return out;
}

std::string display_url(const RedisUrl& url) {
    std::string host = url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host;
    std::string auth;
    if (!url.username.empty() || !url.password.empty()) {
        auth = url.username + (url.password.empty() ? "" : ":***") + "@";
    }
    return "redis://" + auth + host + ":" + std::to_string(url.port) + "/" + std::to_string(url.db);
}

void RedisClient::ContextDeleter::operator()(redisContext* context) const noexcept {
    redisFree(context);
}

RedisClient::RedisClient(RedisUrl url, std::chrono::milliseconds timeout) : url_(std::move(url)), timeout_(timeout) {}
RedisClient::RedisClient(RedisClient&&) noexcept = default;
RedisClient& RedisClient::operator=(RedisClient&&) noexcept = default;
RedisClient::~RedisClient() = default;

bool RedisClient::connected() const noexcept {
    return context_ != nullptr && context_->err == 0;
}

void RedisClient::connect() {
    if (connected()) {
        return;
    }
    context_.reset();
    std::unique_ptr<redisContext, ContextDeleter> context(
        redisConnectWithTimeout(url_.host.c_str(), url_.port, to_timeval(timeout_)));
    if (!context) {
        throw RedisError("cannot connect to Redis at " + display_url(url_) + ": out of memory");
    }
    if (context->err != 0) {
        throw RedisError("cannot connect to Redis at " + display_url(url_) + ": " + context->errstr);
    }
    redisSetTimeout(context.get(), to_timeval(timeout_));
    redisEnableKeepAlive(context.get());
    context_ = std::move(context);

    std::vector<RedisCommand> setup;
    std::string db = std::to_string(url_.db);
    if (!url_.password.empty()) {
        if (url_.username.empty()) {
            setup.push_back({"AUTH", url_.password});
        } else {
            setup.push_back({"AUTH", url_.username, url_.password});
        }
    }
    if (url_.db != 0) {
        setup.push_back({"SELECT", db});
    }
    if (!setup.empty()) {
        for (const RedisReply& reply : pipeline(setup)) {
            if (reply.is_error()) {
                context_.reset();
                throw RedisError("Redis at " + display_url(url_) + " refused the connection setup: " + reply.str);
            }
        }
    }
}

void RedisClient::fail(const std::string& what) {
    std::string message = "Redis " + what + " failed (" + display_url(url_) + ")";
    if (context_ && context_->err != 0) {
        message += ": ";
        message += context_->errstr;
    }
    context_.reset(); // reconnect on the next call
    throw RedisError(message);
}

RedisReply RedisClient::command(const RedisCommand& args) {
    return std::move(pipeline({args}).front());
}

std::vector<RedisReply> RedisClient::pipeline(const std::vector<RedisCommand>& commands) {
    connect();
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const RedisCommand& args : commands) {
        argv.clear();
        lengths.clear();
        for (std::string_view arg : args) {
            argv.push_back(arg.data() != nullptr ? arg.data() : "");
            lengths.push_back(arg.size());
        }
        if (redisAppendCommandArgv(context_.get(), static_cast<int>(argv.size()), argv.data(), lengths.data()) !=
            REDIS_OK) {
            fail("command");
        }
    }
    std::vector<RedisReply> replies;
    replies.reserve(commands.size());
    for (std::size_t i = 0; i < commands.size(); ++i) {
        void* raw = nullptr;
        if (redisGetReply(context_.get(), &raw) != REDIS_OK || raw == nullptr) {
            fail("reply");
        }
        const ReplyPtr reply(static_cast<redisReply*>(raw));
        replies.push_back(copy_reply(*reply));
    }
    return replies;
}

} // namespace docextract::service
