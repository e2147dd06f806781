// SPDX-License-Identifier: MIT
// docextract-server: the HTTP API. Without --redis it runs worker threads in-process (one command, nothing
// else to install); with --redis it only validates and enqueues, and docextract-worker processes do the work.
#include "http_server.hpp"
#include "in_process_queue.hpp"
#include "log.hpp"
#include "openmp_limit.hpp"
#include "preview_renderer.hpp"
#include "rate_limiter.hpp"
#include "redis_queue.hpp"
#include "redis_rate_counter.hpp"
#include "routes.hpp"
#include "shutdown_signals.hpp"
#include "store_options.hpp"
#include "stored_queue.hpp"
#include "vendor_memory_cache.hpp"
#include "vendor_records.hpp"

#include <docextract/docextract.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace docextract::service;

struct Settings {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::string redis;
    int workers = 2;
    std::size_t max_upload_mb = 20;
    std::size_t extract_per_minute = 10;
    std::size_t preview_per_minute = 20;
    long long result_ttl = 3600;
    std::size_t http_threads = 32;
    std::size_t preview_threads = 2;
    std::size_t max_queued = 1000;
    int worker_nice = 10;
    int redis_timeout_ms = 2000;
    int header_timeout = 10;
    int request_timeout = 120;
    std::size_t max_connections_per_ip = 16;
    std::size_t max_queued_bytes = std::size_t{256} << 20U;
    int shutdown_grace = 30;
    int page_timeout_ms = 120000;
    double job_timeout = 900;
    std::string api_key_file;
    std::vector<std::string> trusted_proxies;
    std::string cors_origin;
    bool quiet = false;
    bool no_vendor_memory = false;
    StoreOptions store;
};

void add_options(CLI::App& app, Settings& s) {
    app.add_option("--host", s.host, "Address to listen on (0.0.0.0 for all interfaces)")
        ->envname("DOCEXTRACT_HOST")
        ->capture_default_str();
    app.add_option("--port", s.port, "TCP port; 0 picks a free one")
        ->envname("DOCEXTRACT_PORT")
        ->check(CLI::Range(0, 65535))
        ->capture_default_str();
    app.add_option("--redis", s.redis,
                   "redis://HOST:PORT/DB: queue jobs in Redis for docextract-worker processes instead of running "
                   "workers in this process")
        ->envname("DOCEXTRACT_REDIS_URL");
    app.add_option("--workers", s.workers, "Worker threads in this process (without --redis)")
        ->envname("DOCEXTRACT_WORKERS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    app.add_option("--max-upload-mb", s.max_upload_mb, "Largest accepted file in MB (1 MB = 2^20 bytes)")
        ->envname("DOCEXTRACT_MAX_UPLOAD_MB")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1024}))
        ->capture_default_str();
    app.add_option("--extract-per-minute", s.extract_per_minute,
                   "POST /extract requests per client IP per minute (0: no limit)")
        ->envname("DOCEXTRACT_EXTRACT_PER_MINUTE")
        ->capture_default_str();
    app.add_option("--preview-per-minute", s.preview_per_minute,
                   "POST /preview requests per client IP per minute (0: no limit)")
        ->envname("DOCEXTRACT_PREVIEW_PER_MINUTE")
        ->capture_default_str();
    app.add_option("--result-ttl", s.result_ttl, "Seconds a finished job stays readable")
        ->envname("DOCEXTRACT_RESULT_TTL")
        ->check(CLI::Range(1LL, 30LL * 24 * 3600))
        ->capture_default_str();
    app.add_option("--http-threads", s.http_threads,
                   "Threads serving HTTP connections; further connections wait in line, /health probes too")
        ->envname("DOCEXTRACT_HTTP_THREADS")
        ->check(CLI::Range(std::size_t{2}, std::size_t{1024}))
        ->capture_default_str();
    app.add_option("--preview-threads", s.preview_threads, "Previews rendered at the same time")
        ->envname("DOCEXTRACT_PREVIEW_THREADS")
        ->check(CLI::Range(std::size_t{1}, std::size_t{64}))
        ->capture_default_str();
    app.add_option("--max-queued", s.max_queued,
                   "Waiting jobs (in-process queue, or the Redis stream) beyond this are refused with 503")
        ->envname("DOCEXTRACT_MAX_QUEUED")
        ->capture_default_str();
    app.add_option("--max-queued-bytes", s.max_queued_bytes,
                   "In-process mode: bytes of waiting uploads (held in RAM) beyond which /extract answers 503")
        ->envname("DOCEXTRACT_MAX_QUEUED_BYTES")
        ->check(CLI::Range(std::size_t{1} << 20U, std::size_t{1} << 40U))
        ->capture_default_str();
    app.add_option(
           "--shutdown-grace", s.shutdown_grace,
           "In-process mode: on SIGTERM, seconds to go on serving /result while the accepted jobs finish "
           "(new uploads get 503); jobs still unfinished then are stopped and kept in the job store, and the next "
           "start with the same store runs them")
        ->envname("DOCEXTRACT_SHUTDOWN_GRACE")
        ->check(CLI::Range(0, 3600))
        ->capture_default_str();
    app.add_option("--page-timeout-ms", s.page_timeout_ms,
                   "In-process mode: OCR deadline per page in milliseconds (0: none); a page over it fails its job")
        ->envname("DOCEXTRACT_PAGE_TIMEOUT_MS")
        ->check(CLI::Range(0, 3600000))
        ->capture_default_str();
    app.add_option(
           "--job-timeout", s.job_timeout,
           "In-process mode: deadline per job in seconds (fractions allowed; 0: none), beside the per-page one: a job "
           "over it fails with job_timeout and the worker goes on with the next")
        ->envname("DOCEXTRACT_JOB_TIMEOUT")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    app.add_option("--worker-nice", s.worker_nice,
                   "Nice value of the in-process worker threads and the preview threads, so OCR and image "
                   "cleaning yield the CPU to HTTP requests")
        ->envname("DOCEXTRACT_WORKER_NICE")
        ->check(CLI::Range(0, 19))
        ->capture_default_str();
    app.add_option("--redis-timeout-ms", s.redis_timeout_ms, "Redis connect and reply timeout")
        ->envname("DOCEXTRACT_REDIS_TIMEOUT_MS")
        ->check(CLI::Range(50, 60000))
        ->capture_default_str();
    app.add_option("--header-timeout", s.header_timeout,
                   "Seconds a connection may take to send a complete request head (from opening, or from the previous "
                   "answer on a keep-alive connection); slow heads wait without holding an HTTP thread")
        ->envname("DOCEXTRACT_HEADER_TIMEOUT")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    app.add_option("--request-timeout", s.request_timeout,
                   "Seconds from a complete request head to its last body byte (an upload sent slower is cut off)")
        ->envname("DOCEXTRACT_REQUEST_TIMEOUT")
        ->check(CLI::Range(1, 3600))
        ->capture_default_str();
    app.add_option("--max-connections-per-ip", s.max_connections_per_ip,
                   "Open connections per client address; more get 503 and are closed (0: no limit; trusted proxies "
                   "are exempt)")
        ->envname("DOCEXTRACT_MAX_CONNECTIONS_PER_IP")
        ->capture_default_str();
    app.add_option("--api-key-file", s.api_key_file,
                   "File of API keys, one per line ('#' comments): every path but the web page, /docs, "
                   "/openapi.json and /health then needs 'Authorization: Bearer KEY' or 'X-API-Key: KEY' (401 "
                   "otherwise); /health shows no internals without one")
        ->envname("DOCEXTRACT_API_KEY_FILE")
        ->check(CLI::ExistingFile);
    app.add_option("--trusted-proxy", s.trusted_proxies,
                   "CIDR of a reverse proxy (repeatable): from these peers the client address is taken from "
                   "X-Forwarded-For (rate limits per real client) and the per-address connection limit does not apply")
        ->envname("DOCEXTRACT_TRUSTED_PROXIES")
        ->delimiter(',');
    app.add_option("--cors-origin", s.cors_origin,
                   "The one origin (e.g. https://app.example.com) whose pages may call the API cross-origin, "
                   "preflight included; none by default")
        ->envname("DOCEXTRACT_CORS_ORIGIN");
    app.add_flag("--quiet", s.quiet, "Do not log each request")->envname("DOCEXTRACT_QUIET");
    app.add_flag("--no-vendor-memory", s.no_vendor_memory,
                 "Corrections teach no vendor memory and the in-process workers use none")
        ->envname("DOCEXTRACT_NO_VENDOR_MEMORY");
    add_store_options(app, s.store);
}

int run(const Settings& s) {
    ShutdownSignals signals; // before any thread starts

    // The record: every job, result, upload and correction (the queue only carries work and hands results back).
    const std::unique_ptr<JobStore> store = open_job_store(s.store.settings);

    std::unique_ptr<JobQueue> queue;
    InProcessQueue* in_process = nullptr;
    std::string redis_display;
    if (!s.redis.empty()) {
        RedisQueueOptions options;
        options.url = parse_redis_url(s.redis);
        options.result_ttl = std::chrono::seconds(s.result_ttl);
        options.timeout = std::chrono::milliseconds(s.redis_timeout_ms);
        options.max_queued = s.max_queued;
        redis_display = display_url(options.url);
        queue = std::make_unique<RedisQueue>(std::move(options));
    } else {
        InProcessQueueOptions options;
        options.workers = s.workers;
        options.result_ttl = std::chrono::seconds(s.result_ttl);
        options.max_queued = s.max_queued;
        options.max_queued_bytes = s.max_queued_bytes;
        options.worker_nice = s.worker_nice;
        options.cancel = std::make_shared<std::atomic<bool>>(false); // raised by shutdown(): running jobs stop
        docextract::PipelineOptions pipeline;
        pipeline.cancel = options.cancel;
        pipeline.ocr.timeout_ms = s.page_timeout_ms;
        pipeline.job_timeout_ms = // any positive deadline stays one (0.0001 s is 1 ms, not "none")
            s.job_timeout > 0 ? std::max(1, static_cast<int>(std::lround(s.job_timeout * 1000.0))) : 0;
        MemorySource memory;
        if (!s.no_vendor_memory) {
            // Read again only after a correction changed it (the store's vendor generation), not for every job.
            auto cache = std::make_shared<VendorMemoryCache>(*store, vendor_memory_limit);
            memory = [cache] { return cache->current(); };
        }
        auto owned = std::make_unique<InProcessQueue>(options, pipeline_processor_factory(pipeline, std::move(memory)));
        in_process = owned.get();
        queue = std::move(owned);
    }

    StoredQueue stored(*queue, *store, StoredQueueOptions{.retention = s.store.retention()});

    PreviewRenderer preview({}, s.preview_threads, s.worker_nice);
    RateLimiter extract_limiter(s.extract_per_minute, std::chrono::seconds(60));
    RateLimiter preview_limiter(s.preview_per_minute, std::chrono::seconds(60));
    // In Redis mode every API replica counts in Redis, so a client's limit holds whichever replica it reaches.
    std::optional<RedisRateCounter> shared_counts;
    if (!s.redis.empty()) {
        shared_counts.emplace(parse_redis_url(s.redis), std::chrono::milliseconds(s.redis_timeout_ms));
        extract_limiter.share([&shared_counts](std::string_view key, std::size_t limit) {
            return shared_counts->hit("extract", key, limit, std::chrono::seconds(60));
        });
        preview_limiter.share([&shared_counts](std::string_view key, std::size_t limit) {
            return shared_counts->hit("preview", key, limit, std::chrono::seconds(60));
        });
    }
    const ApiKeys api_keys = s.api_key_file.empty() ? ApiKeys() : ApiKeys::load(s.api_key_file);
    const TrustedProxies proxies(s.trusted_proxies);
    const RouteContext context{.queue = stored,
                               .preview = preview,
                               .extract_limiter = extract_limiter,
                               .preview_limiter = preview_limiter,
                               .max_upload_bytes = s.max_upload_mb * 1024U * 1024U,
                               .redis_url = redis_display,
                               .api_keys = &api_keys,
                               .proxies = &proxies,
                               .cors_origin = s.cors_origin,
                               .store = store.get(),
                               .vendor_memory = !s.no_vendor_memory};

    HttpServerOptions http;
    http.threads = s.http_threads;
    http.header_timeout = std::chrono::seconds(s.header_timeout);
    http.request_timeout = std::chrono::seconds(s.request_timeout);
    http.max_connections_per_ip = s.max_connections_per_ip;
    http.exempt_peer = [&proxies](const std::string& peer) { return proxies.contains(peer); };
    HttpServer server(std::move(http));
    register_routes(server, context);
    if (!s.quiet) {
        server.set_access_log([&context](const httplib::Request& req, const httplib::Response& res) {
            const std::string client = client_address(context, req);
            const std::string via = client == req.remote_addr ? "" : " (via " + req.remote_addr + ")";
            log_line(client + via + " " + req.method + " " + req.path + " " + std::to_string(res.status));
        });
    }
    const int port = server.bind(s.host, s.port);
    if (port <= 0) {
        log_line("cannot listen on " + s.host + ":" + std::to_string(s.port));
        return 1;
    }
    signals.watch([&server, in_process, &s](int signal) {
        const std::string name = signal == SIGTERM ? "SIGTERM" : "SIGINT";
        if (in_process != nullptr) {
            // Accepted jobs live in memory: finish them while their clients can still read the results.
            log_line(name + ": refusing new jobs, finishing accepted ones (up to " + std::to_string(s.shutdown_grace) +
                     " s)");
            if (in_process->drain(std::chrono::seconds(s.shutdown_grace))) {
                std::this_thread::sleep_for(std::chrono::seconds(2)); // pollers fetch the last results
            }
        }
        log_line(name + ": no new connections, finishing requests");
        server.shut_down();
    });
    const std::string mode =
        in_process ? "in-process queue, " + std::to_string(s.workers) + " worker threads" : "Redis " + redis_display;
    std::printf("docextract-server listening on http://%s:%d (%s; %s)\n", s.host.c_str(), port, mode.c_str(),
                store->describe().c_str());
    std::fflush(stdout);

    server.listen_after_bind(); // returns after stop(), once running requests are answered

    if (in_process != nullptr) {
        log_line("stopping the running jobs");
        const std::size_t left = in_process->shutdown();
        // The results of jobs that finished meanwhile go to the store; the rest stay there queued or processing,
        // with their uploads, and the next start with this store runs them (StoredQueue hands them over again).
        try {
            stored.record_finished();
        } catch (const std::exception& e) {
            log_line(std::string("recording the last results: ") + e.what());
        }
        if (left > 0) {
            log_line(std::to_string(left) + " accepted jobs not finished: kept in the job store (" + store->describe() +
                     "), they run at the next start with it");
        }
    }
    log_line("stopped");
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    docextract::service::limit_openmp_threads(argv);
    CLI::App app{"docextract-server: HTTP API for docextract"};
    Settings settings;
    add_options(app, settings);
    CLI11_PARSE(app, argc, argv);
    set_log_program("docextract-server");
    try {
        return run(settings);
    } catch (const std::exception& e) {
        log_line(std::string("error: ") + e.what());
        return 1;
    }
}
