// SPDX-License-Identifier: MIT
// docextract-worker: takes jobs from Redis (queued by docextract-server --redis), runs the pipeline and stores
// the results in Redis. Run any number, on any machine that reaches Redis (and, for the vendor memory, the job
// store: the server's --data-dir on the same machine, or its --database).
#include "job_processor.hpp"
#include "job_store.hpp"
#include "log.hpp"
#include "openmp_limit.hpp"
#include "redis_worker.hpp"
#include "shutdown_signals.hpp"
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
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace {

using namespace docextract::service;

struct Settings {
    std::string redis = "redis://127.0.0.1:6379/0";
    int threads = 1;
    double visibility_timeout = 30;
    int max_attempts = 3;
    long long result_ttl = 3600;
    std::string name;
    int nice = 10;
    int page_timeout_ms = 120000;
    StoreSettings store;
    bool no_vendor_memory = false;
    double job_timeout = 900;
};

std::string default_name() {
    char host[256] = {};
    if (gethostname(host, sizeof host - 1) != 0) {
        host[0] = '\0';
    }
    return std::string(host[0] != '\0' ? host : "worker") + ":" + std::to_string(getpid());
}

int run(const Settings& s) {
    ShutdownSignals signals; // before any thread starts
    // OCR is batch work: let an API server (or anything interactive) on the same machine go first. Set before
    // any thread starts, so every thread inherits it.
    if (s.nice != 0 && setpriority(PRIO_PROCESS, 0, s.nice) != 0) {
        log_line("cannot set nice value " + std::to_string(s.nice));
    }
    std::atomic<bool> stop{false};

    RedisWorkerOptions base;
    base.url = parse_redis_url(s.redis);
    base.visibility_timeout = std::chrono::milliseconds(static_cast<long long>(s.visibility_timeout * 1000.0));
    base.max_attempts = s.max_attempts;
    base.result_ttl = std::chrono::seconds(s.result_ttl);
    const std::string name = s.name.empty() ? default_name() : s.name;

    // Pipelines first: a missing OCR language pack fails here, before anything is taken from the queue.
    docextract::PipelineOptions pipeline;
    pipeline.ocr.timeout_ms = s.page_timeout_ms;
    pipeline.job_timeout_ms = // any positive deadline stays one (0.0001 s is 1 ms, not "none")
        s.job_timeout > 0 ? std::max(1, static_cast<int>(std::lround(s.job_timeout * 1000.0))) : 0;
    // The vendor memory is read from the job store the server writes (the same --data-dir or --database): a
    // worker on another machine needs PostgreSQL for it, or runs with --no-vendor-memory.
    std::shared_ptr<JobStore> store;
    MemorySource memory;
    if (!s.no_vendor_memory) {
        store = open_job_store(s.store);
        // Shared by the threads and read again only after a correction changed it (the store's vendor generation).
        auto cache = std::make_shared<VendorMemoryCache>(*store, vendor_memory_limit);
        memory = [cache] { return cache->current(); }; // `store` outlives the workers (declared before them)
    }
    const ProcessorFactory factory = pipeline_processor_factory(pipeline, std::move(memory));
    std::vector<std::unique_ptr<RedisWorker>> workers;
    workers.reserve(static_cast<std::size_t>(s.threads));
    for (int i = 0; i < s.threads; ++i) {
        RedisWorkerOptions options = base;
        options.consumer = s.threads == 1 ? name : name + "/" + std::to_string(i);
        workers.push_back(
            std::make_unique<RedisWorker>(options, factory(), [](const std::string& line) { log_line(line); }));
    }

    signals.watch([&stop](int signal) {
        log_line(std::string(signal == SIGTERM ? "SIGTERM" : "SIGINT") +
                 ": taking no new jobs, finishing the running one");
        stop = true;
    });
    std::vector<std::thread> threads;
    threads.reserve(workers.size());
    for (auto& worker : workers) {
        threads.emplace_back([&worker, &stop] { worker->run(stop); });
    }
    std::printf("docextract-worker %s ready: %d thread(s), Redis %s\n", name.c_str(), s.threads,
                display_url(base.url).c_str());
    std::fflush(stdout);
    for (std::thread& thread : threads) {
        thread.join();
    }
    log_line("stopped");
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    docextract::service::limit_openmp_threads(argv);
    docextract::reuse_page_buffers();
    CLI::App app{"docextract-worker: processes docextract jobs queued in Redis"};
    Settings s;
    app.add_option("--redis", s.redis, "redis://HOST:PORT/DB of the queue")
        ->envname("DOCEXTRACT_REDIS_URL")
        ->capture_default_str();
    app.add_option("--threads", s.threads, "Jobs processed at the same time (one pipeline each)")
        ->envname("DOCEXTRACT_WORKER_THREADS")
        ->check(CLI::Range(1, 256))
        ->capture_default_str();
    app.add_option("--visibility-timeout", s.visibility_timeout,
                   "Seconds without a heartbeat after which a job taken by a lost worker goes to another")
        ->envname("DOCEXTRACT_VISIBILITY_TIMEOUT")
        ->check(CLI::Range(0.3, 86400.0))
        ->capture_default_str();
    app.add_option("--max-attempts", s.max_attempts, "Deliveries of one job before it is marked failed")
        ->envname("DOCEXTRACT_MAX_ATTEMPTS")
        ->check(CLI::Range(1, 100))
        ->capture_default_str();
    app.add_option("--result-ttl", s.result_ttl, "Seconds a finished job stays readable")
        ->envname("DOCEXTRACT_RESULT_TTL")
        ->check(CLI::Range(1LL, 30LL * 24 * 3600))
        ->capture_default_str();
    app.add_option("--nice", s.nice, "Nice value of the worker (0 keeps the normal priority)")
        ->envname("DOCEXTRACT_WORKER_NICE")
        ->check(CLI::Range(0, 19))
        ->capture_default_str();
    app.add_option("--page-timeout-ms", s.page_timeout_ms,
                   "OCR deadline per page in milliseconds (0: none); a page over it fails its job")
        ->envname("DOCEXTRACT_PAGE_TIMEOUT_MS")
        ->check(CLI::Range(0, 3600000))
        ->capture_default_str();
    app.add_option("--data-dir", s.store.data_dir,
                   "The server's --data-dir (SQLite job store), where the vendor memory is read from")
        ->envname("DOCEXTRACT_DATA_DIR")
        ->capture_default_str();
    app.add_option("--database", s.store.database,
                   "The server's --database (postgresql://...), where the vendor memory is read from")
        ->envname("DOCEXTRACT_DATABASE_URL");
    app.add_flag("--no-vendor-memory", s.no_vendor_memory, "Use no vendor memory (and open no job store)")
        ->envname("DOCEXTRACT_NO_VENDOR_MEMORY");
    app.add_option("--job-timeout", s.job_timeout,
                   "Deadline per job in seconds (fractions allowed; 0: none), beside the per-page one: a job "
                   "over it fails with job_timeout and the worker goes on with the next")
        ->envname("DOCEXTRACT_JOB_TIMEOUT")
        ->check(CLI::Range(0.0, 86400.0))
        ->capture_default_str();
    app.add_option("--name", s.name, "Consumer name in Redis (default HOST:PID)")->envname("DOCEXTRACT_WORKER_NAME");
    CLI11_PARSE(app, argc, argv);
    set_log_program("docextract-worker");
    try {
        return run(s);
    } catch (const std::exception& e) {
        log_line(std::string("error: ") + e.what());
        return 1;
    }
}
