// SPDX-License-Identifier: MIT
// Load check for the HTTP service, loopback only and bounded (default 50 uploads, 200 health probes, 30 s).
// Starts its own redis-server, docextract-server --redis and two docextract-worker processes (or an
// in-process server with --mode in-process, or uses a running server on 127.0.0.1 with --url), makes the
// workers busy, then, in each of 3 rounds, sends all uploads at the same instant while probing /health, and
// prints percentiles per round and overall, with the CPU time the server, redis-server and this client spent
// and the machine's load average (figures from a shared machine need it). With --wait-done it then waits until
// every accepted job is done or failed. It asserts no timing: exit code 1 only for wrong answers or a timeout.
//   docextract_http_load --file tests/golden/invoice.png
#include "test_support.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <latch>
#include <map>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sstream>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace docextract::service::testing;
using Clock = std::chrono::steady_clock;

namespace {

struct Sample {
    int status = 0; // 0: no response
    double ms = 0;
    std::string job_id;        // uploads answered 202
    bool during_burst = false; // probes sent while uploads were still unanswered
};

std::vector<Sample> during_burst(const std::vector<Sample>& samples) {
    std::vector<Sample> selected;
    std::copy_if(samples.begin(), samples.end(), std::back_inserter(selected),
                 [](const Sample& s) { return s.during_burst; });
    return selected;
}

/// The fields of a /proc/<pid>[/task/<tid>]/stat line after the command name, so index 0 is field 3 (state).
std::vector<std::string> stat_fields(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    const auto close = line.rfind(')'); // the command name may contain spaces and parentheses
    std::vector<std::string> fields;
    if (close == std::string::npos) {
        return fields;
    }
    std::istringstream rest(line.substr(close + 1));
    for (std::string field; rest >> field;) {
        fields.push_back(field);
    }
    return fields;
}

/// Nanoseconds a thread has run, from /proc/.../schedstat (the scheduler's own count, not rounded to ticks).
double thread_cpu_ms(const std::filesystem::path& task) {
    std::ifstream in(task / "schedstat");
    double nanoseconds = 0;
    in >> nanoseconds;
    return nanoseconds / 1e6;
}

/// CPU time of the live threads of `pid`; with `normal_priority_only`, only those at nice 0: in docextract-server
/// these serve HTTP, while its OCR worker and preview threads run niced (--worker-nice).
double process_cpu_ms(pid_t pid, bool normal_priority_only) {
    double total = 0;
    std::error_code error;
    for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", error)) {
        if (normal_priority_only) {
            const std::vector<std::string> f = stat_fields(task.path() / "stat");
            if (f.size() <= 16 || f[16] != "0") {
                continue;
            }
        }
        total += thread_cpu_ms(task.path());
    }
    return total;
}

/// CPU time of this process, its finished threads included.
double own_cpu_ms() {
    timespec time{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time);
    return static_cast<double>(time.tv_sec) * 1e3 + static_cast<double>(time.tv_nsec) / 1e6;
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one;
    std::string five;
    std::string fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

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
    std::printf("%-19s n=%zu  p50=%.2f ms  p95=%.2f ms  p99=%.2f ms  max=%.2f ms  statuses:", what, samples.size(),
                percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), percentile(ms, 100));
    for (const auto& [status, count] : statuses) {
        std::printf(" %d x%d", status, count);
    }
    std::printf("\n");
}

/// One request on a new connection with a plain socket: the request bytes are prepared beforehand, so the client
/// spends little CPU, which on a 2-core machine would otherwise be taken from the server it measures. Timed from
/// connect() to the last byte of the answer (Content-Length). Returns status 0 when there was no answer.
struct Exchange {
    int status = 0;
    double ms = 0;
    std::string body;
};

Exchange raw_request(const addrinfo& target, const std::string& request) {
    Exchange exchange;
    const auto begin = Clock::now();
    const int fd = ::socket(target.ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return exchange;
    }
    const timeval timeout{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::string response;
    if (::connect(fd, target.ai_addr, target.ai_addrlen) == 0) {
        std::size_t sent = 0;
        while (sent < request.size()) {
            const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) {
                break; // the server may answer early (e.g. 413) and close: read what it said
            }
            sent += static_cast<std::size_t>(n);
        }
        char chunk[16384];
        for (;;) {
            const auto header_end = response.find("\r\n\r\n");
            if (header_end != std::string::npos) {
                std::size_t length = 0;
                const auto at = response.find("Content-Length: ");
                if (at != std::string::npos && at < header_end) {
                    length = std::stoul(response.substr(at + 16));
                }
                if (response.size() >= header_end + 4 + length) {
                    exchange.body = response.substr(header_end + 4, length);
                    if (response.rfind("HTTP/1.1 ", 0) == 0 && response.size() > 12) {
                        exchange.status = std::stoi(response.substr(9, 3));
                    }
                    break;
                }
            }
            const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
            if (n <= 0) {
                break;
            }
            response.append(chunk, static_cast<std::size_t>(n));
        }
    }
    exchange.ms = std::chrono::duration<double, std::milli>(Clock::now() - begin).count();
    ::close(fd);
    return exchange;
}

/// The bytes of a multipart upload as browsers, curl and httplib send it.
std::string upload_request(const std::string& host, int port, const std::string& bytes, const std::string& name) {
    const std::string boundary = "----docextract-load-7b1d9c2e5f";
    const std::string head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
                             "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    const std::string tail = "\r\n--" + boundary + "--\r\n";
    const std::size_t length = head.size() + bytes.size() + tail.size();
    return "POST /extract HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
           "\r\nUser-Agent: docextract-load\r\nAccept: */*\r\nConnection: close\r\n"
           "Content-Type: multipart/form-data; boundary=" +
           boundary + "\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n" + head + bytes + tail;
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
    int rounds = 3;
    double max_seconds = 30;
    bool wait_done = false;
    std::string client_kind = "raw";
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
    app.add_option("--busy-jobs", busy_jobs, "Jobs queued first so the workers are busy (0: idle workers, a baseline)")
        ->check(CLI::Range(0, 50))
        ->capture_default_str();
    app.add_option("--rounds", rounds, "Bursts, half a second apart (the first meets a cold server)")
        ->check(CLI::Range(1, 10))
        ->capture_default_str();
    app.add_option("--max-seconds", max_seconds, "Give up after this long (the --wait-done wait included)")
        ->check(CLI::Range(1.0, 600.0))
        ->capture_default_str();
    app.add_flag("--wait-done", wait_done, "Then wait until every accepted job is done or failed");
    app.add_option("--client", client_kind,
                   "raw: prepared request bytes on a plain socket (little client CPU); httplib: httplib::Client, "
                   "which builds each request and costs more CPU on the cores the server shares")
        ->check(CLI::IsMember({"raw", "httplib"}))
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

    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || found == nullptr) {
        std::fprintf(stderr, "cannot resolve %s\n", host.c_str());
        return 2;
    }
    const std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> target(found, &::freeaddrinfo);
    const std::string upload_bytes = upload_request(host, port, bytes, std::filesystem::path(file).filename().string());
    const std::string health_request =
        "GET /health HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) + "\r\nConnection: close\r\n\r\n";

    const pid_t server_pid = server ? server->process().pid() : -1;
    const pid_t redis_pid = redis ? redis->pid() : -1;

    // Make the workers busy and wait until /health shows it.
    httplib::Client control = make_client();
    std::vector<std::string> job_ids;
    for (int i = 0; i < busy_jobs; ++i) {
        job_ids.push_back(submit(control, bytes, "busy.png"));
    }
    nlohmann::json health;
    while (Clock::now() < deadline) {
        health = body_json(control.Get("/health"));
        if (busy_jobs == 0 || health.at("processing").get<int>() > 0) {
            break;
        }
        std::this_thread::sleep_for(10ms);
    }
    std::printf("service: %s on %s:%d; %d uploads of %s (%zu bytes) per round, %d /health probes, %s client\n",
                url.empty() ? mode.c_str() : url.c_str(), host.c_str(), port, uploads,
                std::filesystem::path(file).filename().c_str(), bytes.size(), probes, client_kind.c_str());
    std::printf("before the first round: %s\n", health.dump().c_str());
    std::printf("load average (1, 5, 15 min) at the start: %s on %u cores\n", load_average().c_str(),
                std::thread::hardware_concurrency());
    if (busy_jobs > 0 && health.value("processing", 0) == 0) {
        std::fprintf(stderr, "the workers never became busy\n");
        return 1;
    }

    // Each round: all uploads start together while /health is probed, on a new connection per request.
    // Round 1 meets a cold server (threads' first allocations, Redis connections not pooled yet).
    // CPU time of the server's HTTP threads, redis-server and this client together.
    const auto service_and_client_cpu_ms = [&] {
        return (server_pid > 0 ? process_cpu_ms(server_pid, true) : 0) +
               (redis_pid > 0 ? process_cpu_ms(redis_pid, false) : 0) + own_cpu_ms();
    };
    struct Burst {
        double wall_ms = 0; ///< from the release of the uploads to the last answer
        double cpu_ms = 0;  ///< service_and_client_cpu_ms() used meanwhile
    };
    const auto run_round = [&](std::vector<Sample>& upload_samples, std::vector<Sample>& health_samples) {
        upload_samples.assign(static_cast<std::size_t>(uploads), Sample{});
        health_samples.clear();
        std::latch ready(uploads); // every upload thread is set up and waiting
        std::latch start(1);       // released once the CPU counters are read
        const auto arrive_and_wait = [&] {
            ready.count_down();
            start.wait();
        };
        std::atomic<int> answered{0};
        Burst burst;
        double cpu_before = 0;
        Clock::time_point released;
        std::vector<std::thread> threads;
        threads.reserve(static_cast<std::size_t>(uploads));
        for (int i = 0; i < uploads; ++i) {
            threads.emplace_back([&, i] {
                Sample& sample = upload_samples[static_cast<std::size_t>(i)];
                std::string body;
                if (client_kind == "raw") {
                    arrive_and_wait();
                    Exchange exchange = raw_request(*target, upload_bytes);
                    sample = {exchange.status, exchange.ms, {}};
                    body = std::move(exchange.body);
                } else {
                    httplib::Client client = make_client();
                    const httplib::MultipartFormDataItems items = {
                        {"file", bytes, "load.png", "application/octet-stream"}};
                    arrive_and_wait();
                    const auto begin = Clock::now();
                    const httplib::Result result = client.Post("/extract", items);
                    const std::chrono::duration<double, std::milli> elapsed = Clock::now() - begin;
                    sample = {status_code(result), elapsed.count(), {}};
                    body = result ? result->body : std::string();
                }
                if (++answered == uploads) {
                    burst.wall_ms = std::chrono::duration<double, std::milli>(Clock::now() - released).count();
                    burst.cpu_ms = service_and_client_cpu_ms() - cpu_before;
                }
                if (sample.status == 202) {
                    sample.job_id = nlohmann::json::parse(body).value("job_id", "");
                }
            });
        }
        std::thread prober([&] {
            start.wait();
            for (int i = 0; i < probes && Clock::now() < deadline; ++i) {
                const bool during = answered.load() < uploads;
                if (client_kind == "raw") {
                    const Exchange exchange = raw_request(*target, health_request);
                    health_samples.push_back({exchange.status, exchange.ms, {}, during});
                } else {
                    httplib::Client client = make_client();
                    const auto begin = Clock::now();
                    const httplib::Result result = client.Get("/health");
                    const std::chrono::duration<double, std::milli> elapsed = Clock::now() - begin;
                    health_samples.push_back({status_code(result), elapsed.count(), {}, during});
                }
                if (!during) {
                    std::this_thread::sleep_for(2ms); // back to back while uploads are in flight, then slower
                }
            }
        });
        ready.wait();
        cpu_before = service_and_client_cpu_ms();
        released = Clock::now();
        start.count_down();
        for (std::thread& thread : threads) {
            thread.join();
        }
        prober.join();
        return burst;
    };

    std::vector<Sample> all_uploads;
    std::vector<Sample> all_probes;
    std::vector<Sample> warm_uploads;
    std::vector<Sample> warm_probes;
    bool all_accepted = true;
    bool all_healthy = true;
    for (int round = 1; round <= rounds && Clock::now() < deadline; ++round) {
        std::vector<Sample> upload_samples;
        std::vector<Sample> health_samples;
        const double server_cpu = server_pid > 0 ? process_cpu_ms(server_pid, true) : 0;
        const double redis_cpu = redis_pid > 0 ? process_cpu_ms(redis_pid, false) : 0;
        const double client_cpu = own_cpu_ms();
        const auto begin = Clock::now();
        const Burst burst = run_round(upload_samples, health_samples);
        const std::chrono::duration<double, std::milli> wall = Clock::now() - begin;
        const nlohmann::json after = body_json(control.Get("/health"));
        std::printf("round %d%s, after it: queue_depth=%d processing=%d workers_seen=%d; load average %s\n", round,
                    round == 1 ? " (cold server)" : "", after.value("queue_depth", -1), after.value("processing", -1),
                    after.value("workers_seen", -1), load_average().c_str());
        report("  POST /extract", upload_samples);
        report("  GET /health", health_samples);
        report("  ... during burst", during_burst(health_samples));
        std::printf("  round wall time %.0f ms; CPU time spent in it: ", wall.count());
        if (server_pid > 0) {
            std::printf("server HTTP threads %.1f ms, ", process_cpu_ms(server_pid, true) - server_cpu);
        }
        if (redis_pid > 0) {
            std::printf("redis-server %.1f ms, ", process_cpu_ms(redis_pid, false) - redis_cpu);
        }
        std::printf("this load client %.1f ms\n", own_cpu_ms() - client_cpu);
        std::printf("  burst: last upload answered after %.1f ms; server + redis + client used %.1f ms of CPU "
                    "meanwhile, %.2f of the %u cores\n",
                    burst.wall_ms, burst.cpu_ms, burst.wall_ms > 0 ? burst.cpu_ms / burst.wall_ms : 0.0,
                    std::thread::hardware_concurrency());
        all_accepted = all_accepted && std::all_of(upload_samples.begin(), upload_samples.end(),
                                                   [](const Sample& s) { return s.status == 202; });
        all_healthy =
            all_healthy && static_cast<int>(health_samples.size()) == probes &&
            std::all_of(health_samples.begin(), health_samples.end(), [](const Sample& s) { return s.status == 200; });
        for (const Sample& sample : upload_samples) {
            if (!sample.job_id.empty()) {
                job_ids.push_back(sample.job_id);
            }
        }
        all_uploads.insert(all_uploads.end(), upload_samples.begin(), upload_samples.end());
        all_probes.insert(all_probes.end(), health_samples.begin(), health_samples.end());
        if (round > 1) {
            warm_uploads.insert(warm_uploads.end(), upload_samples.begin(), upload_samples.end());
            warm_probes.insert(warm_probes.end(), health_samples.begin(), health_samples.end());
        }
        if (round < rounds) {
            std::this_thread::sleep_for(500ms);
        }
    }
    std::printf("all rounds:\n");
    report("  POST /extract", all_uploads);
    report("  GET /health", all_probes);
    report("  ... during burst", during_burst(all_probes));
    if (!warm_uploads.empty()) {
        std::printf("rounds 2+ (warm server):\n");
        report("  POST /extract", warm_uploads);
        report("  GET /health", warm_probes);
        report("  ... during burst", during_burst(warm_probes));
    }
    const auto p99 = [](const std::vector<Sample>& samples) {
        std::vector<double> ms;
        for (const Sample& s : samples) {
            ms.push_back(s.ms);
        }
        return percentile(ms, 99);
    };
    std::printf("targets over all rounds: /extract p99 < 50 ms: %s; /health p99 < 10 ms: %s (during bursts: %s)\n",
                p99(all_uploads) < 50 ? "met" : "NOT met", p99(all_probes) < 10 ? "met" : "NOT met",
                p99(during_burst(all_probes)) < 10 ? "met" : "NOT met");
    std::printf("load average at the end: %s\n", load_average().c_str());
    std::fflush(stdout);
    if (Clock::now() > deadline) {
        std::fprintf(stderr, "ran out of time (%g s)\n", max_seconds);
        return 1;
    }
    if (!all_accepted || !all_healthy) {
        std::fprintf(stderr, "some requests were not answered as expected (202 for uploads, 200 for health)\n");
        return 1;
    }

    if (wait_done) {
        // Every accepted job must end: done for this document (failed would mean the service lost or broke it).
        std::map<std::string, int> states;
        const auto wait_begin = Clock::now();
        for (const std::string& id : job_ids) {
            std::string state = "timeout";
            while (Clock::now() < deadline) {
                const httplib::Result result = control.Get("/result/" + id);
                if (status_code(result) != 200) {
                    state = "HTTP " + std::to_string(status_code(result));
                    break;
                }
                state = nlohmann::json::parse(result->body).value("status", "");
                if (state == "done" || state == "failed") {
                    break;
                }
                std::this_thread::sleep_for(100ms);
            }
            ++states[state];
        }
        const std::chrono::duration<double> waited = Clock::now() - wait_begin;
        std::printf("jobs after %.1f s of waiting:", waited.count());
        for (const auto& [state, count] : states) {
            std::printf(" %s x%d", state.c_str(), count);
        }
        std::printf("\n");
        if (states["done"] != static_cast<int>(job_ids.size())) {
            std::fprintf(stderr, "not every accepted job ended as done\n");
            return 1;
        }
    }
    return 0;
}
