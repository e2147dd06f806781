// SPDX-License-Identifier: MIT
#pragma once

// A small synchronous Redis client: RAII over a hiredis context, redis:// URL parsing, replies copied into
// plain values, and reconnection on the next call after the link broke. One client per thread.

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct redisContext;

namespace docextract::service {

/// Where to connect: redis://[[user]:password@]host[:port][/db].
struct RedisUrl {
    std::string host = "127.0.0.1";
    int port = 6379;
    int db = 0;
    std::string username;
    std::string password;
};

/// Parses a redis:// URL; throws std::invalid_argument with a message naming the problem.
RedisUrl parse_redis_url(std::string_view url);
/// The URL without the password, for logs and /health.
std::string display_url(const RedisUrl& url);

/// The server could not be reached, or the connection failed during a command.
class RedisError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One reply, with hiredis' memory already released.
struct RedisReply {
    enum class Type { nil, string, integer, array, status, error };
    Type type = Type::nil;
    std::string str;                  ///< For string, status and error.
    long long integer = 0;            ///< For integer.
    std::vector<RedisReply> elements; ///< For array.

    [[nodiscard]] bool is_nil() const noexcept { return type == Type::nil; }
    [[nodiscard]] bool is_error() const noexcept { return type == Type::error; }
    [[nodiscard]] bool is_array() const noexcept { return type == Type::array; }
    [[nodiscard]] bool is_string() const noexcept { return type == Type::string || type == Type::status; }
};

/// One command as its arguments (binary-safe). The viewed strings must outlive the call.
using RedisCommand = std::vector<std::string_view>;

class RedisClient {
public:
    /// Does not connect yet; the first command does. `timeout` bounds connecting and each reply.
    RedisClient(RedisUrl url, std::chrono::milliseconds timeout);
    RedisClient(RedisClient&&) noexcept;
    RedisClient& operator=(RedisClient&&) noexcept;
    ~RedisClient();

    /// Sends one command and waits for its reply. Redis error replies are returned (type error), connection
    /// problems throw RedisError (and the next call reconnects).
    RedisReply command(const RedisCommand& args);
    /// Sends several commands in one round trip; replies in order.
    std::vector<RedisReply> pipeline(const std::vector<RedisCommand>& commands);

    /// Connects now if not connected; throws RedisError.
    void connect();
    /// True when a live connection is held.
    [[nodiscard]] bool connected() const noexcept;
    [[nodiscard]] const RedisUrl& url() const noexcept { return url_; }

private:
    struct ContextDeleter {
        void operator()(redisContext* context) const noexcept;
    };
    [[noreturn]] void fail(const std::string& what);

    RedisUrl url_;
    std::chrono::milliseconds timeout_;
    std::unique_ptr<redisContext, ContextDeleter> context_;
};

} // namespace docextract::service
