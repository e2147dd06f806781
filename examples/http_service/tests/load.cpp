// SPDX-License-Identifier: MIT
// Load check for the HTTP service, loopback only and bounded (default 50 uploads, 200 health probes, 30 s).
// Starts its own redis-server, docextract-server --redis and two docextract-worker processes (or an
// in-process server with --mode in-process, or uses a running server on 127.0.0.1 with --url), makes the
// workers busy, then sends all uploads at the same instant while probing /health, and prints percentiles.
//   docextract_http_load --file tests/golden/invoice.png
#include "test_support.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <latch>
#include <map>
#include <mutex>
#include <thread>

using namespace docextract::service::testing;
using Clock = std::chrono::steady_clock;

namespace {

struct Sample {
    int status = 0; // 0: no response
    double ms = 0;
};

double percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    // Nearest rank: the smallest value with at least p% of the samples at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

void report(const char* what, const std::vector<Sample>& samples) {
    std::map<int, int> statuses;
    std::vector<double> ms;
    for (const Sample& sample : samples) {
        ++statuses[sample.status];
        ms.push_back(sample.ms);
    }
    std::printf("%-16s n=%zu  p50=%.2f ms  p95=%.2f ms  p99=%.2f ms  max=%.2f ms  statuses:", what, samples.size(),
                percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), percentile(ms, 100));
    for (const auto& [status, count] : statuses) {
        std::printf(" %d x%d", status, count);
    }
    std::printf("\n");
}

bool is_loopback(const std::string& host) {
    return host == "localhost" || host.rfind("127.", 0) == 0 || host == "::1" || host == "[::1]";
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"docextract HTTP service load check (loopback only)"};
    std::string file;
    std::string mode = "redis";
    std::string url;
    int uploads = 50;
    int probes = 200;
    int workers = 2;
    int busy_jobs = 4;
    double max_seconds = 30;
    app.add_option("--file", file, "Document to upload")->required()->check(CLI::ExistingFile);
    app.add_option("--mode", mode, "Service to start: redis (server + workers + redis-server) or in-process")
        ->check(CLI::IsMember({"redis", "in-process"}))
        ->capture_default_str();
    app.add_option("--url", url,
                   "Use a running server instead, e.g. http://127.0.0.1:8080 (loopback only; its "
                   "rate limits must allow the uploads)");
    app.add_option("--uploads", uploads, "Concurrent uploads")->check(CLI::Range(1, 200))->capture_default_str();
    app.add_option("--health-probes", probes, "GET /health probes")->check(CLI::Range(1, 1000))->capture_default_str();
    app.add_option("--workers", workers, "Workers to start")->check(CLI::Range(1, 8))->capture_default_str();
    app.add_option("--busy-jobs", busy_jobs, "Jobs queued first so the workers are busy")
        ->check(CLI::Range(1, 50))
        ->capture_default_str();
    app.add_option("--max-seconds", max_seconds, "Give up after this long")
        ->check(CLI::Range(1.0, 120.0))
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    const auto deadline = Clock::now() + std::chrono::milliseconds(static_cast<long long>(max_seconds * 1000));
    const std::string bytes = read_file(file);

    // The service under test.
    std::unique_ptr<RedisServer> redis;
    std::unique_ptr<ServerProcess> server;
    std::vector<std::unique_ptr<Child>> worker_processes;
    std::string host = "127.0.0.1";
    int port = 0;
    if (!url.empty()) {
        const auto scheme = url.find("://");
        const std::string authority = url.substr(scheme == std::string::npos ? 0 : scheme + 3);
        host = authority.substr(0, authority.rfind(':'));
        port = std::stoi(authority.substr(authority.rfind(':') + 1));
        if (!is_loopback(host)) {
            std::fprintf(stderr, "refusing %s: the load check only targets loopback addresses\n", url.c_str());
            return 2;
        }
    } else {
        const std::vector<std::string> limits = {"--extract-per-minute", "0", "--preview-per-minute", "0"};
        if (mode == "redis") {
            redis = std::make_unique<RedisServer>();
            std::vector<std::string> args = {"--redis", redis->url()};
            args.insert(args.end(), limits.begin(), limits.end());
            server = std::make_unique<ServerProcess>(args);
            for (int i = 0; i < workers; ++i) {
                worker_processes.push_back(start_worker(redis->url(), {"--name", "load-" + std::to_string(i)}));
            }
        } else {
            std::vector<std::string> args = {"--workers", std::to_string(workers)};
            args.insert(args.end(), limits.begin(), limits.end());
            server = std::make_unique<ServerProcess>(args);
        }
        port = server->port();
    }
    const auto make_client = [&] {
        httplib::Client client(host, port);
        client.set_connection_timeout(5, 0);
        client.set_read_timeout(10, 0);
        client.set_tcp_nodelay(true); // as browsers and curl do; otherwise Nagle's algorithm delays the body
        return client;
    };

    // Make the workers busy and wait until /health shows it.
    httplib::Client control = make_client();
    for (int i = 0; i < busy_jobs; ++i) {
        submit(control, bytes, "busy.png");
    }
    nlohmann::json health;
    while (Clock::now() < deadline) {
        health = body_json(control.Get("/health"));
        if (health.at("processing").get<int>() > 0) {
            break;
        }
        std::this_thread::sleep_for(10ms);
    }
    std::printf("service: %s on 127.0.0.1:%d; before the burst: %s\n", url.empty() ? mode.c_str() : url.c_str(), port,
                health.dump().c_str());
    if (health.value("processing", 0) == 0) {
        std::fprintf(stderr, "the workers never became busy\n");
        return 1;
    }

    // All uploads start together; /health is probed on its own connection per probe meanwhile.
    std::vector<Sample> upload_samples(static_cast<std::size_t>(uploads));
    std::vector<Sample> health_samples;
    std::latch start(uploads + 1);
    std::vector<std::thread> threads;
    for (int i = 0; i < uploads; ++i) {
        threads.emplace_back([&, i] {
            httplib::Client client = make_client();
            const httplib::MultipartFormDataItems items = {{"file", bytes, "load.png", "application/octet-stream"}};
            start.arrive_and_wait();
            const auto begin = Clock::now();
            const httplib::Result result = client.Post("/extract", items);
            const std::chrono::duration<double, std::milli> elapsed = Clock::now() - begin;
            upload_samples[static_cast<std::size_t>(i)] = {result ? result->status : 0, elapsed.count()};
        });
    }
    std::thread prober([&] {
        start.arrive_and_wait();
        for (int i = 0; i < probes && Clock::now() < deadline; ++i) {
            httplib::Client client = make_client();
            const auto begin = Clock::now();
            const httplib::Result result = client.Get("/health");
            const std::chrono::duration<double, std::milli> elapsed = Clock::now() - begin;
            health_samples.push_back({result ? result->status : 0, elapsed.count()});
            std::this_thread::sleep_for(2ms);
        }
    });
    for (std::thread& thread : threads) {
        thread.join();
    }
    prober.join();
    const nlohmann::json after = body_json(control.Get("/health"));
    std::printf("after the burst: %s\n", after.dump().c_str());

    report("POST /extract", upload_samples);
    report("GET /health", health_samples);
    const bool all_accepted =
        std::all_of(upload_samples.begin(), upload_samples.end(), [](const Sample& s) { return s.status == 202; });
    const bool all_healthy =
        static_cast<int>(health_samples.size()) == probes &&
        std::all_of(health_samples.begin(), health_samples.end(), [](const Sample& s) { return s.status == 200; });
    std::vector<double> upload_ms;
    std::vector<double> health_ms;
    for (const Sample& s : upload_samples) {
        upload_ms.push_back(s.ms);
    }
    for (const Sample& s : health_samples) {
        health_ms.push_back(s.ms);
    }
    std::printf("targets: /extract p99 < 50 ms: %s; /health p99 < 10 ms: %s\n",
                percentile(upload_ms, 99) < 50 ? "met" : "NOT met", percentile(health_ms, 99) < 10 ? "met" : "NOT met");
    if (Clock::now() > deadline) {
        std::fprintf(stderr, "ran out of time (%g s)\n", max_seconds);
        return 1;
    }
    if (!all_accepted || !all_healthy) {
        std::fprintf(stderr, "some requests were not answered as expected (202 for uploads, 200 for health)\n");
        return 1;
    }
    return 0;
}
