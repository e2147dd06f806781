// SPDX-License-Identifier: MIT
#include "routes.hpp"

#include "export_routes.hpp"
#include "log.hpp"
#include "review_routes.hpp"
#include "unavailable_reply.hpp"
#include "upload_reader.hpp"
#include "web_assets.hpp"

#include <docextract/error.hpp>

#include <nlohmann/json.hpp>

#include <exception>
#include <string_view>
#include <utility>

namespace docextract::service {
namespace {

constexpr std::string_view json_type = "application/json";

// The page and the docs load only their own files; this also makes any accidental external request fail.
constexpr std::string_view content_security_policy =
    "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(), std::string(json_type));
}

void send_error(httplib::Response& res, int status, std::string_view message) {
    send_json(res, status, nlohmann::json{{"error", message}});
}

/// A request whose body we did not read completely must not be followed by another on the same connection:
/// the unread bytes would be taken for the next request.
void close_after(httplib::Response& res) {
    res.set_header("Connection", "close");
}

bool over_rate_limit(const RouteContext& context, RateLimiter& limiter, const httplib::Request& req,
                     httplib::Response& res, std::string_view endpoint) {
    const RateLimiter::Decision decision = limiter.check(client_address(context, req));
    if (decision.allowed) {
        return false;
    }
    const std::string seconds = std::to_string(decision.retry_after.count());
    res.set_header("Retry-After", seconds);
    send_error(res, 429,
               "too many requests to " + std::string(endpoint) + " from this address; retry in " + seconds + " s");
    close_after(res);
    return true;
}

/// Reads the upload; on rejection answers the request and returns nullopt.
std::optional<Upload> accept_upload(const RouteContext& context, const httplib::Request& req, httplib::Response& res,
                                    const httplib::ContentReader& reader) {
    UploadOutcome outcome = read_upload(req, reader, context.max_upload_bytes);
    if (outcome.rejection) {
        send_error(res, outcome.rejection->status, outcome.rejection->message);
        if (!outcome.body_fully_read) {
            close_after(res);
        }
        return std::nullopt;
    }
    return std::move(outcome.upload);
}

void serve_asset(httplib::Response& res, std::string_view name) {
    const WebAsset* asset = find_web_asset(name);
    if (asset == nullptr) {
        send_error(res, 404, "not found");
        return;
    }
    res.set_content(asset->body.data(), asset->body.size(), std::string(asset->content_type));
    res.set_header("Cache-Control", "no-cache");
    res.set_header("Content-Security-Policy", std::string(content_security_policy));
    res.set_header("X-Content-Type-Options", "nosniff");
}

bool authenticated(const RouteContext& context, const httplib::Request& req) {
    if (context.api_keys == nullptr || !context.api_keys->required()) {
        return true;
    }
    return context.api_keys->accepts(
        ApiKeys::presented_key(req.get_header_value("Authorization"), req.get_header_value("X-API-Key")));
}

/// Paths that need an API key when keys are configured: all but the page, its files, the docs and /health (a
/// load balancer probes /health without a key). Deny by default, so a route added later is protected too.
bool needs_key(std::string_view path) {
    const bool open =
        path == "/" || path == "/docs" || path == "/openapi.json" || path == "/health" || path.starts_with("/static/");
    return !open;
}

/// Answers 401 when the path needs a key and the request has no valid one; the body is left unread.
bool reject_unauthenticated(const RouteContext& context, const httplib::Request& req, httplib::Response& res) {
    if (!needs_key(req.path) || authenticated(context, req)) {
        return false;
    }
    res.set_header("WWW-Authenticate", "Bearer realm=\"docextract\"");
    send_error(res, 401, "an API key is required: send \"Authorization: Bearer KEY\" or \"X-API-Key: KEY\"");
    close_after(res);
    return true;
}

/// CORS: only the configured origin, and only when the request comes from it. Answers a preflight (OPTIONS) itself.
bool handle_cors(const RouteContext& context, const httplib::Request& req, httplib::Response& res) {
    if (context.cors_origin.empty() || req.get_header_value("Origin") != context.cors_origin) {
        return false;
    }
    res.set_header("Access-Control-Allow-Origin", context.cors_origin);
    res.set_header("Vary", "Origin");
    if (req.method != "OPTIONS" || !allowed_methods(req.path)) {
        return false;
    }
    res.set_header("Access-Control-Allow-Methods", std::string(*allowed_methods(req.path)));
    res.set_header("Access-Control-Allow-Headers", "Authorization, X-API-Key, Content-Type");
    res.set_header("Access-Control-Max-Age", "600");
    res.status = 204;
    return true;
}

void handle_health(const RouteContext& context, const httplib::Request& req, httplib::Response& res) {
    const QueueHealth health = context.queue.health();
    nlohmann::json body = {
        {"status", health.reachable ? "ok" : "unavailable"},
        {"backend", health.backend},
        {"queue_depth", health.queued},
        {"processing", health.processing},
        {"workers_seen", health.workers_seen},
        {"max_upload_bytes", context.max_upload_bytes}, // lets the web page refuse a big file before sending it
        {"api_key_required", context.api_keys != nullptr && context.api_keys->required()}, // the page asks for one
    };
    // With API keys configured, an anonymous probe learns only whether the service is up, not where Redis is or
    // why it failed.
    const bool internals = context.api_keys == nullptr || !context.api_keys->required() || authenticated(context, req);
    if (context.redis_url.empty()) {
        body["redis"] = "not used";
    } else {
        body["redis"] = health.reachable ? "reachable" : "unreachable";
        if (internals) {
            body["redis_url"] = context.redis_url;
        }
    }
    if (context.store != nullptr && internals) {
        body["store"] = context.store->describe();
    }
    // The job store is the record: without it no result can be read or kept, so the service is not healthy either.
    // One small query (the vendor generation, one row).
    bool store_reachable = true;
    std::string store_detail;
    if (context.store != nullptr) {
        try {
            (void)context.store->vendor_generation();
        } catch (const StoreUnavailable& e) {
            store_reachable = false;
            store_detail = e.what();
        }
        body["job_store"] = store_reachable ? "reachable" : "unreachable";
    }
    const bool healthy = health.reachable && store_reachable;
    if (!healthy) {
        // Fixed words for everyone ("redis" and "job_store" say which part is down); the backends' own error text
        // (an address, the connection's error) goes to the log only, one line per refused probe like the other 503s.
        body["status"] = "unavailable";
        body["error"] =
            std::string(client_message(health.reachable ? QueueUnavailable::Reason::store_down : health.reason));
        log_unavailable(req, health.reachable ? store_detail : health.detail);
    }
    res.set_header("Cache-Control", "no-store");
    send_json(res, healthy ? 200 : 503, body);
}

void handle_extract(const RouteContext& context, const httplib::Request& req, httplib::Response& res,
                    const httplib::ContentReader& reader) {
    if (over_rate_limit(context, context.extract_limiter, req, res, "/extract")) {
        return;
    }
    std::optional<Upload> upload = accept_upload(context, req, res, reader);
    if (!upload) {
        return;
    }
    try {
        const std::string id = context.queue.enqueue(std::move(*upload));
        res.set_header("Location", "/result/" + id);
        send_json(res, 202, nlohmann::json{{"job_id", id}, {"status", "queued"}});
    } catch (const QueueUnavailable& e) {
        reply_queue_unavailable(req, res, e);
    }
}

void handle_result(const RouteContext& context, const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    std::optional<JobSnapshot> job;
    try {
        job = context.queue.status(id);
    } catch (const QueueUnavailable& e) {
        reply_queue_unavailable(req, res, e);
        return;
    } catch (const StoreUnavailable& e) {
        reply_store_unavailable(req, res, e.what());
        return;
    }
    if (!job) {
        send_error(res, 404, "unknown or expired job id");
        return;
    }
    res.set_header("Cache-Control", "no-store");
    if (!job->etag.empty()) {
        res.set_header("ETag", job->etag);
    }
    // Ids are hex and states fixed words, so the envelope needs no escaping; the result is inserted verbatim so
    // it is byte for byte docextract::to_json, as the CLI prints it.
    std::string body = "{\"job_id\":\"" + job->id + "\",\"status\":\"" + std::string(to_string(job->state)) + "\"";
    if (job->state == JobState::done || job->state == JobState::reviewed) {
        body += ",\"result\":";
        body += job->result_json;
    } else if (job->state == JobState::failed) {
        body += ",\"error\":";
        body += nlohmann::json(job->error).dump();
    }
    body += "}";
    res.status = 200;
    res.set_content(body, std::string(json_type));
}

int status_for(docextract::ErrorCode code) {
    switch (code) {
    case docextract::ErrorCode::unsupported_format:
        return 415;
    case docextract::ErrorCode::empty_input:
        return 400;
    case docextract::ErrorCode::corrupt_input:
    case docextract::ErrorCode::encrypted_document:
        return 422;
    case docextract::ErrorCode::limit_exceeded:
        return 413;
    default:
        return 500;
    }
}

void handle_preview(const RouteContext& context, const httplib::Request& req, httplib::Response& res,
                    const httplib::ContentReader& reader) {
    if (over_rate_limit(context, context.preview_limiter, req, res, "/preview")) {
        return;
    }
    std::optional<Upload> upload = accept_upload(context, req, res, reader);
    if (!upload) {
        return;
    }
    try {
        const std::vector<std::uint8_t> png = context.preview.render_first_page(upload->bytes, upload->filename);
        res.status = 200;
        res.set_content(reinterpret_cast<const char*>(png.data()), png.size(), "image/png");
        res.set_header("Cache-Control", "no-store");
    } catch (const docextract::Error& e) {
        send_error(res, status_for(e.code()), std::string(docextract::to_string(e.code())) + ": " + e.what());
    }
}

/// Answers 405 with an Allow header when the path is known but the method is not one it answers; the body is left
/// unread, so the connection is closed after the answer.
bool reject_method(const httplib::Request& req, httplib::Response& res) {
    const std::optional<std::string_view> allowed = allowed_methods(req.path);
    if (!allowed) {
        return false;
    }
    std::string_view rest = *allowed;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        if (rest.substr(0, comma) == req.method) {
            return false;
        }
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 2); // ", "
    }
    res.set_header("Allow", std::string(*allowed));
    send_error(res, 405, "method not allowed; this path answers " + std::string(*allowed));
    close_after(res);
    return true;
}

bool valid_asset_name(std::string_view name) noexcept {
    if (name.empty()) {
        return false;
    }
    for (char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '.' || c == '-';
        if (!ok) {
            return false;
        }
    }
    return true;
}

} // namespace

std::string client_address(const RouteContext& context, const httplib::Request& req) {
    if (context.proxies == nullptr || context.proxies->empty()) {
        return req.remote_addr;
    }
    return context.proxies->client_address(req.remote_addr, req.get_header_value("X-Forwarded-For"));
}

std::optional<std::string_view> allowed_methods(std::string_view path) noexcept {
    constexpr std::string_view read_only = "GET, HEAD";
    constexpr std::string_view upload = "POST";
    if (const std::optional<std::string_view> review = review_allowed_methods(path)) {
        return review;
    }
    // The same paths as the routes registered below.
    if (path == "/" || path == "/docs" || path == "/openapi.json" || path == "/health") {
        return read_only;
    }
    if (path == "/extract" || path == "/preview") {
        return upload;
    }
    constexpr std::string_view static_prefix = "/static/";
    if (path.starts_with(static_prefix) && valid_asset_name(path.substr(static_prefix.size()))) {
        return read_only;
    }
    constexpr std::string_view result_prefix = "/result/";
    if (path.starts_with(result_prefix) && path.size() > result_prefix.size() &&
        path.find('/', result_prefix.size()) == std::string_view::npos) {
        return read_only;
    }
    return std::nullopt;
}

void register_routes(httplib::Server& server, const RouteContext& context) {
    const RouteContext* ctx = &context;

    server.Get("/", [](const httplib::Request&, httplib::Response& res) { serve_asset(res, "index.html"); });
    server.Get("/docs", [](const httplib::Request&, httplib::Response& res) { serve_asset(res, "docs.html"); });
    server.Get("/openapi.json",
               [](const httplib::Request&, httplib::Response& res) { serve_asset(res, "openapi.json"); });
    server.Get(R"(/static/([A-Za-z0-9_.-]+))", [](const httplib::Request& req, httplib::Response& res) {
        serve_asset(res, std::string(req.matches[1]));
    });
    server.Get("/health",
               [ctx](const httplib::Request& req, httplib::Response& res) { handle_health(*ctx, req, res); });
    server.Get(R"(/result/([^/]+))",
               [ctx](const httplib::Request& req, httplib::Response& res) { handle_result(*ctx, req, res); });
    server.Post("/extract", [ctx](const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) { handle_extract(*ctx, req, res, reader); });
    server.Post("/preview", [ctx](const httplib::Request& req, httplib::Response& res,
                                  const httplib::ContentReader& reader) { handle_preview(*ctx, req, res, reader); });
    if (context.store != nullptr) {
        register_review_routes(
            server,
            ReviewContext{.store = *context.store, .preview = context.preview, .vendor_memory = context.vendor_memory});
        register_export_routes(server, *context.store);
    }

    // A wrong method on a known path is answered before the body is read: cpp-httplib would otherwise read (or
    // wait for) the whole body of, say, a PUT /extract before finding no route for it.
    server.set_pre_routing_handler(
        httplib::Server::HandlerWithResponse([ctx](const httplib::Request& req, httplib::Response& res) {
            const bool handled =
                handle_cors(*ctx, req, res) || reject_method(req, res) || reject_unauthenticated(*ctx, req, res);
            return handled ? httplib::Server::HandlerResponse::Handled : httplib::Server::HandlerResponse::Unhandled;
        }));

    // curl and others ask before sending a large body: refuse a wrong method or an oversized body before it is sent.
    server.set_expect_100_continue_handler([ctx](const httplib::Request& req, httplib::Response& res) {
        if (reject_method(req, res) || reject_unauthenticated(*ctx, req, res)) {
            res.set_header("Content-Length", std::to_string(res.body.size())); // see below
            return res.status;
        }
        if (req.path == "/extract" || req.path == "/preview") {
            if (auto rejection = check_declared_length(req.get_header_value("Content-Length"), ctx->max_upload_bytes)) {
                send_error(res, rejection->status, rejection->message);
                close_after(res);
                // cpp-httplib 0.11.4 writes this early answer without Content-Length; without it a client cannot
                // tell where the answer ends and goes on sending the body.
                res.set_header("Content-Length", std::to_string(res.body.size()));
                return rejection->status;
            }
        }
        return 100;
    });

    // Unmatched routes and errors httplib raises itself get a JSON body too.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) {
            return httplib::Server::HandlerResponse::Unhandled;
        }
        send_error(res, res.status,
                   res.status == 404 ? std::string("not found")
                                     : "request failed (HTTP " + std::to_string(res.status) + ")");
        return httplib::Server::HandlerResponse::Handled;
    }));
    // The exception's text is for the log: it may name a file, a server or a database's own error.
    server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr error) {
        std::string detail = "an exception that is not a std::exception";
        try {
            std::rethrow_exception(std::move(error));
        } catch (const std::exception& e) {
            detail = e.what();
        } catch (...) {
        }
        log_line(req.method + " " + req.path + ": 500, " + detail);
        send_error(res, 500, "internal error");
    });
}

} // namespace docextract::service
