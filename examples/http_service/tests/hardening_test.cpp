// SPDX-License-Identifier: MIT
// docextract-server against hostile clients, over real sockets: decompression bombs, request smuggling after an
// early answer, slow (slowloris) connections and too many connections from one address.
#include "test_support.hpp"

#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace docextract::service::testing;

namespace {

using Clock = std::chrono::steady_clock;

/// A client socket to 127.0.0.1:port, closed when destroyed.
class RawSocket {
public:
    explicit RawSocket(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("cannot connect to port " + std::to_string(port));
        }
    }
    ~RawSocket() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }
    RawSocket(const RawSocket&) = delete;
    RawSocket& operator=(const RawSocket&) = delete;

    /// False when the server has closed (or reset) the connection.
    bool send(std::string_view bytes) const {
        return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size());
    }

    /// One answer: its head and, when it has a Content-Length, its body ("" when none came within `timeout`).
    std::string read_response(std::chrono::milliseconds timeout) const {
        std::string received;
        const auto deadline = Clock::now() + timeout;
        while (Clock::now() < deadline) {
            const auto end = received.find("\r\n\r\n");
            if (end != std::string::npos) {
                const auto at = received.find("Content-Length: ");
                const std::size_t length =
                    at != std::string::npos && at < end ? std::stoul(received.substr(at + 16)) : 0;
                if (received.size() >= end + 4 + length) {
                    return received;
                }
            }
            pollfd p{fd_, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0) {
                continue;
            }
            std::array<char, 4096> chunk{};
            const ssize_t n = ::recv(fd_, chunk.data(), chunk.size(), 0);
            if (n <= 0) {
                break;
            }
            received.append(chunk.data(), static_cast<std::size_t>(n));
        }
        return received;
    }

    /// Everything received until the server closes the connection or `timeout` passes; `closed` says which.
    std::string read_until_closed(std::chrono::milliseconds timeout, bool& closed) const {
        std::string received;
        const auto deadline = Clock::now() + timeout;
        closed = false;
        while (Clock::now() < deadline) {
            pollfd p{fd_, POLLIN, 0};
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (::poll(&p, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 1))) <= 0) {
                continue;
            }
            std::array<char, 4096> chunk{};
            const ssize_t n = ::recv(fd_, chunk.data(), chunk.size(), 0);
            if (n <= 0) {
                closed = true;
                break;
            }
            received.append(chunk.data(), static_cast<std::size_t>(n));
        }
        return received;
    }

private:
    int fd_;
};

/// VmHWM (peak resident memory) of a process in bytes.
std::int64_t peak_rss_bytes(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stoll(line.substr(6)) * 1024;
        }
    }
    throw std::runtime_error("no VmHWM for process " + std::to_string(pid));
}

void append_be32(std::string& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) {
        out.push_back(static_cast<char>((value >> static_cast<unsigned>(shift)) & 0xFFU));
    }
}

void append_chunk(std::string& png, std::string_view type, const std::string& data) {
    append_be32(png, static_cast<std::uint32_t>(data.size()));
    const std::string typed = std::string(type) + data;
    png += typed;
    append_be32(png, static_cast<std::uint32_t>(
                         ::crc32(0, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()))));
}

/// A valid black `size` x `size` PNG of 16-bit RGBA samples: 8 bytes a pixel decoded, a few hundred KB compressed.
std::string black_rgba16_png(std::uint32_t size) {
    std::string png("\x89PNG\r\n\x1a\n", 8);
    std::string header;
    append_be32(header, size);
    append_be32(header, size);
    header += std::string("\x10\x06\x00\x00\x00", 5); // 16 bits, RGBA, deflate, no filter, no interlace
    append_chunk(png, "IHDR", header);

    z_stream z{};
    REQUIRE(::deflateInit(&z, 9) == Z_OK);
    const std::vector<Bytef> row(1 + std::size_t{size} * 8, 0); // filter byte 0, then black pixels
    std::string compressed;
    std::vector<Bytef> out(1 << 16);
    for (std::uint32_t y = 0; y < size; ++y) {
        z.next_in = const_cast<Bytef*>(row.data());
        z.avail_in = static_cast<uInt>(row.size());
        const int flush = y + 1 == size ? Z_FINISH : Z_NO_FLUSH;
        int result = Z_OK;
        do {
            z.next_out = out.data();
            z.avail_out = static_cast<uInt>(out.size());
            result = ::deflate(&z, flush);
            compressed.append(reinterpret_cast<const char*>(out.data()), out.size() - z.avail_out);
        } while (z.avail_out == 0 || (flush == Z_FINISH && result != Z_STREAM_END));
    }
    ::deflateEnd(&z);
    append_chunk(png, "IDAT", compressed);
    append_chunk(png, "IEND", "");
    return png;
}

/// Submits a 25-page scan (each page a photographed invoice) and then a born-digital PDF to a server or worker
/// whose --job-timeout is far below what the scan takes and far above what the PDF takes: the scan ends failed
/// with job_timeout, and the same worker reads the PDF.
void check_job_timeout(httplib::Client& client) {
    const std::string scan = pdf_of_jpeg_pages(read_file(sample("invoice_photo.jpg")), 25);
    const std::string slow = submit(client, scan, "scan-25-pages.pdf");
    const std::string quick = submit(client, read_file(sample("invoice_text.pdf")), "invoice_text.pdf");
    const nlohmann::json stopped = wait_for_job(client, slow, {"done", "failed"}, 240s); // a hang bound only
    CHECK(stopped.at("status") == "failed");
    const std::string error = stopped.value("error", "");
    CHECK_MESSAGE(error.starts_with("job_timeout: scan-25-pages.pdf was not finished within the job's deadline"),
                  error);
    const nlohmann::json next = wait_for_job(client, quick, {"done", "failed"}, 240s);
    CHECK_MESSAGE(next.at("status") == "done", next.dump());
    CHECK(next.at("result").at("fields").at("vendor").at("value") == "GREENLEAF OFFICE SUPPLIES INC");
}

} // namespace

TEST_SUITE("hardening") {
    TEST_CASE("a 9999x9999 16-bit RGBA PNG is refused from its header: 413 naming the limit, peak RSS <= 600 MB") {
        const std::string png = black_rgba16_png(9999);
        CAPTURE(png.size());
        REQUIRE(png.size() < 2U * 1024 * 1024); // the bomb is small; decoded it is 9999 x 9999 x 8 = 800 MB
        ServerProcess server({"--workers", "1"});
        httplib::Client client = server.client();

        const httplib::Result preview = upload(client, "/preview", png, "bomb.png");
        REQUIRE_MESSAGE(preview, describe(preview));
        CHECK(preview->status == 413);
        CHECK(body_json(preview).at("error").get<std::string>().find("max_page_bytes") != std::string::npos);

        const std::string id = submit(client, png, "bomb.png");
        const nlohmann::json job = wait_for_job(client, id, {"done", "failed"});
        CHECK(job.at("status") == "failed");
        CHECK(job.at("error").get<std::string>().find("max_page_bytes") != std::string::npos);

        const std::int64_t peak = peak_rss_bytes(server.process().pid());
        MESSAGE("server peak RSS after the bomb: " << peak / (1024 * 1024) << " MB");
        CHECK(peak <= std::int64_t{600} * 1024 * 1024);
    }

    TEST_CASE("after an early 413, 400 or 429 the connection is closed: a smuggled request in the body never runs") {
        const std::filesystem::path log = scratch_dir("desync") / "server.log";
        ServerProcess server({"--extract-per-minute", "1"}, log);
        const std::string smuggled = "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n";
        // The head is sent, the early answer awaited, and only then the "body": it arrives as new bytes on a
        // connection the server has answered, which it must not read as a request.
        const auto exchange = [&](const std::string& head, int expected_status) {
            RawSocket socket(server.port());
            REQUIRE(socket.send(head));
            const std::string answer = socket.read_response(10s);
            CHECK(answer.rfind("HTTP/1.1 " + std::to_string(expected_status), 0) == 0);
            CHECK(answer.find("Connection: close") != std::string::npos);
            (void)socket.send(smuggled); // may fail: the server has closed its side
            bool closed = false;
            const std::string more = socket.read_until_closed(10s, closed);
            CHECK_MESSAGE(more.empty(), more);
            CHECK(closed);
        };
        SUBCASE("413: Content-Length over the limit, refused before the body is read") {
            exchange("POST /preview HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     "Content-Length: 999999999\r\n\r\n",
                     413);
        }
        SUBCASE("400: not multipart, the body is left unread") {
            exchange("POST /preview HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: " +
                         std::to_string(smuggled.size()) + "\r\n\r\n",
                     400);
        }
        SUBCASE("429: over the rate limit, answered before the body") {
            httplib::Client client = server.client();
            (void)submit(client, read_file(sample("receipt_small.png")), "receipt_small.png");
            exchange("POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     "Content-Length: " +
                         std::to_string(smuggled.size()) + "\r\n\r\n",
                     429);
        }
        // Nothing in the log for the smuggled path: it was never taken for a request.
        httplib::Client client = server.client();
        REQUIRE(client.Get("/health"));
        const std::string text = wait_for_file(
            log, [](const std::string& t) { return t.find("GET /health") != std::string::npos; }, 30s);
        CHECK(text.find("/smuggled") == std::string::npos);
    }

    TEST_CASE("slowloris: /health answers within 2 s while 200 connections send their heads at 1 byte/s") {
        ServerProcess server({"--max-connections-per-ip", "1000", "--header-timeout", "60"});
        std::vector<std::unique_ptr<RawSocket>> slow;
        for (int i = 0; i < 200; ++i) {
            slow.push_back(std::make_unique<RawSocket>(server.port()));
            REQUIRE(slow.back()->send("G"));
        }
        std::atomic<bool> done{false};
        std::thread trickle([&] {
            const std::string head = "ET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
            for (std::size_t i = 0; !done; ++i) {
                for (const auto& socket : slow) {
                    (void)socket->send(std::string(1, i < head.size() ? head[i] : 'a'));
                }
                std::this_thread::sleep_for(1s);
            }
        });
        std::this_thread::sleep_for(3s); // every slow connection has reached a request thread by now (before)
        httplib::Client client = server.client();
        client.set_connection_timeout(2, 0);
        client.set_read_timeout(2, 0);
        std::string latencies;
        for (int probe = 0; probe < 3; ++probe) {
            const auto start = Clock::now();
            const httplib::Result health = client.Get("/health");
            const auto elapsed = std::chrono::duration<double, std::milli>(Clock::now() - start);
            CAPTURE(probe);
            CHECK_MESSAGE(status_code(health) == 200, describe(health));
            CHECK(elapsed < 2s); // a hang bound; the figure is reported below
            std::array<char, 32> figure{};
            std::snprintf(figure.data(), figure.size(), "%s%.1f ms", latencies.empty() ? "" : ", ", elapsed.count());
            latencies += figure.data();
            std::this_thread::sleep_for(1s);
        }
        // The measured latency, in the test's output (ctest -V, or --output-on-failure when something failed).
        MESSAGE("/health with 200 slow connections open: " << latencies);
        done = true;
        trickle.join();
    }

    TEST_CASE("a request head not complete within --header-timeout gets 408 and the connection is closed") {
        ServerProcess server({"--header-timeout", "2"});
        RawSocket socket(server.port());
        REQUIRE(socket.send("GET /health HTTP/1.1\r\nHost: x\r\n"));
        bool closed = false;
        const std::string received = socket.read_until_closed(30s, closed);
        CHECK(received.rfind("HTTP/1.1 408", 0) == 0);
        CHECK(closed);
    }

    TEST_CASE("one address gets at most --max-connections-per-ip connections, the next is 503 and closed") {
        ServerProcess server({"--max-connections-per-ip", "4"});
        std::vector<std::unique_ptr<RawSocket>> held;
        for (int i = 0; i < 4; ++i) {
            held.push_back(std::make_unique<RawSocket>(server.port()));
            REQUIRE(held.back()->send("GET"));
        }
        std::this_thread::sleep_for(500ms); // the server has accepted them
        {
            RawSocket extra(server.port());
            bool closed = false;
            const std::string received = extra.read_until_closed(10s, closed);
            CHECK(received.rfind("HTTP/1.1 503", 0) == 0);
            CHECK(received.find("too many open connections") != std::string::npos);
            CHECK(closed);
        }
        held.clear(); // the slots free up as the server sees the connections close
        httplib::Client client = server.client();
        nlohmann::json health;
        for (int attempt = 0; attempt < 50 && status_code(client.Get("/health")) != 200; ++attempt) {
            std::this_thread::sleep_for(100ms);
        }
        CHECK(status_code(client.Get("/health")) == 200);
    }
}

TEST_SUITE("hardening") {
    TEST_CASE("--api-key-file: uploads and results need a key (Bearer or X-API-Key), 401 otherwise") {
        const std::filesystem::path keys = scratch_dir("api-keys") / "keys";
        {
            std::ofstream out(keys);
            out << "# one key per line\n\n  first-key-0123456789  \nsecond-key-abcdef\n";
        }
        ServerProcess server({"--workers", "1", "--api-key-file", keys.string()});
        httplib::Client client = server.client();
        const std::string png = read_file(sample("receipt_small.png"));

        const httplib::Result anonymous = upload(client, "/extract", png, "r.png");
        REQUIRE_MESSAGE(anonymous, describe(anonymous));
        CHECK(anonymous->status == 401);
        CHECK(anonymous->get_header_value("WWW-Authenticate").rfind("Bearer", 0) == 0);
        CHECK(status_code(upload(client, "/preview", png, "r.png")) == 401);
        CHECK(status_code(client.Get("/result/0123456789abcdef0123456789abcdef")) == 401);
        CHECK(status_code(client.Get("/any/other/path")) == 401); // deny by default: routes added later too

        client.set_default_headers({{"Authorization", "Bearer wrong-key"}});
        CHECK(status_code(upload(client, "/extract", png, "r.png")) == 401);
        client.set_default_headers({{"Authorization", "Bearer first-key-0123456789"}});
        const std::string id = submit(client, png, "r.png");
        CHECK(status_code(client.Get("/result/" + id)) == 200);
        client.set_default_headers({{"X-API-Key", "second-key-abcdef"}});
        CHECK(status_code(client.Get("/result/" + id)) == 200);
        client.set_default_headers({{"X-API-Key", "# one key per line"}});
        CHECK(status_code(client.Get("/result/" + id)) == 401);

        // Probes and the page stay open.
        client.set_default_headers({});
        CHECK(status_code(client.Get("/health")) == 200);
        CHECK(status_code(client.Get("/")) == 200);
    }

    TEST_CASE("--trusted-proxy: rate limits count the X-Forwarded-For client only when the peer is a trusted proxy") {
        const std::string png = read_file(sample("receipt_small.png"));
        const auto preview_from = [&png](httplib::Client& client, const std::string& forwarded_for) {
            client.set_default_headers({{"X-Forwarded-For", forwarded_for}});
            return status_code(upload(client, "/preview", png, "r.png"));
        };
        SUBCASE("behind a trusted proxy: one limit per real client") {
            ServerProcess server({"--preview-per-minute", "1", "--trusted-proxy", "127.0.0.0/8"});
            httplib::Client client = server.client();
            CHECK(preview_from(client, "203.0.113.7") == 200);
            CHECK(preview_from(client, "203.0.113.7") == 429);
            CHECK(preview_from(client, "198.51.100.1, 203.0.113.8") == 200); // the right-most untrusted hop
        }
        SUBCASE("without it the header is ignored: anyone could write it") {
            ServerProcess server({"--preview-per-minute", "1"});
            httplib::Client client = server.client();
            CHECK(preview_from(client, "203.0.113.7") == 200);
            CHECK(preview_from(client, "203.0.113.8") == 429);
        }
    }

    TEST_CASE("CORS is off by default and --cors-origin allows exactly that origin, preflight included") {
        const std::string preflight = "OPTIONS /extract HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\n"
                                      "Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n";
        {
            ServerProcess server({});
            const std::string answer = raw_exchange(server.port(), preflight);
            CHECK(answer.rfind("HTTP/1.1 405", 0) == 0);
            CHECK(answer.find("Access-Control-Allow-Origin") == std::string::npos);
        }
        ServerProcess server({"--cors-origin", "https://app.example"});
        const std::string answer = raw_exchange(server.port(), preflight);
        CHECK(answer.rfind("HTTP/1.1 204", 0) == 0);
        CHECK(answer.find("Access-Control-Allow-Origin: https://app.example\r\n") != std::string::npos);
        CHECK(answer.find("Access-Control-Allow-Methods: POST\r\n") != std::string::npos);
        CHECK(answer.find("Access-Control-Allow-Headers: Authorization, X-API-Key, Content-Type\r\n") !=
              std::string::npos);
        const std::string health =
            raw_exchange(server.port(),
                         "GET /health HTTP/1.1\r\nHost: x\r\nOrigin: https://app.example\r\nConnection: close\r\n\r\n");
        CHECK(health.find("Access-Control-Allow-Origin: https://app.example\r\n") != std::string::npos);
        const std::string other = raw_exchange(
            server.port(),
            "GET /health HTTP/1.1\r\nHost: x\r\nOrigin: https://evil.example\r\nConnection: close\r\n\r\n");
        CHECK(other.find("Access-Control-Allow-Origin") == std::string::npos);
    }

    TEST_CASE("--max-queued-bytes: waiting uploads beyond it get 503 with Retry-After") {
        ServerProcess server({"--workers", "1", "--extract-per-minute", "0", "--max-queued-bytes", "1048576"});
        httplib::Client client = server.client();
        const std::string png = read_file(sample("invoice.png")); // about 62 KB
        int refused = 0;
        std::size_t accepted = 0;
        for (int i = 0; i < 40 && refused == 0; ++i) {
            const httplib::Result result = upload(client, "/extract", png, "invoice.png");
            REQUIRE_MESSAGE(result, describe(result));
            if (result->status == 503) {
                ++refused;
                CHECK(result->get_header_value("Retry-After") == "5");
                CHECK(body_json(result) == nlohmann::json{{"error", "the job queue is full; retry later"}});
            } else {
                CHECK(result->status == 202);
                ++accepted;
            }
        }
        CHECK(refused == 1);
        CHECK(accepted * png.size() <= 1048576 + 2 * png.size()); // the one running and the last that fitted
    }

    TEST_CASE("SIGTERM in in-process mode: accepted jobs still waiting are finished, not dropped") {
        const std::filesystem::path log = scratch_dir("sigterm-drain") / "server.log";
        // A grace far longer than three small receipts take, even on a loaded machine: the test is about what the
        // drain finishes, not how fast (the default 30 s ran out once with the CI's other tests beside it).
        ServerProcess server({"--workers", "1", "--extract-per-minute", "0", "--shutdown-grace", "300"}, log);
        httplib::Client client = server.client();
        const std::string png = read_file(sample("receipt_small.png"));
        std::vector<std::string> ids;
        for (int i = 0; i < 3; ++i) {
            ids.push_back(submit(client, png, "receipt_small.png"));
        }
        server.process().send_signal(SIGTERM);
        // While draining, /health says 503 so that a load balancer sends new work elsewhere.
        int health = 0;
        nlohmann::json health_body;
        for (int attempt = 0; attempt < 100 && health != 503; ++attempt) {
            const httplib::Result probe = client.Get("/health");
            health = status_code(probe);
            if (health == 503) {
                health_body = body_json(probe);
            } else {
                std::this_thread::sleep_for(50ms);
            }
        }
        REQUIRE(health == 503);
        CHECK(health_body.at("error") == "the server is shutting down; retry later");
        // A new upload meanwhile: refused with the fixed text (the accepted jobs and 2 s of serving are still ahead).
        const httplib::Result refused = upload(client, "/extract", png, "refused.png");
        REQUIRE_MESSAGE(refused, describe(refused));
        CHECK(refused->status == 503);
        CHECK(refused->get_header_value("Retry-After") == "5");
        CHECK(body_json(refused) == nlohmann::json{{"error", "the server is shutting down; retry later"}});
        for (const std::string& id : ids) {
            const nlohmann::json job = wait_for_job(client, id, {"done", "failed"}, 120s);
            CHECK(job.at("status") == "done");
        }
        CHECK(status_code(upload(client, "/extract", png, "late.png")) != 202); // new jobs are refused meanwhile
        const std::optional<int> status = server.process().wait_exit(120s);
        REQUIRE(status);
        CHECK(*status == 0);
        CHECK(read_file(log).find("dropped") == std::string::npos);
    }
}

TEST_SUITE("hardening") {
    TEST_CASE("SIGTERM past --shutdown-grace: the unfinished jobs stay in the store and a restart finishes them") {
        const std::filesystem::path scratch = scratch_dir("sigterm-restart");
        const std::filesystem::path data = scratch / "data";
        const std::vector<std::string> args = {"--workers", "1",          "--extract-per-minute",
                                               "0",         "--data-dir", data.string()};
        std::vector<std::string> first_args = args;
        first_args.insert(first_args.end(), {"--shutdown-grace", "0"});
        auto server = std::make_unique<ServerProcess>(first_args, scratch / "first.log");
        httplib::Client client = server->client();
        const std::string png = read_file(sample("receipt_small.png"));
        std::vector<std::string> ids;
        for (int i = 0; i < 4; ++i) {
            ids.push_back(submit(client, png, "receipt-" + std::to_string(i) + ".png"));
        }
        server->process().send_signal(SIGTERM);
        const std::optional<int> status = server->process().wait_exit(120s); // the running job is stopped
        REQUIRE(status);
        CHECK(*status == 0);
        const std::string log = read_file(scratch / "first.log");
        CHECK_MESSAGE(log.find("accepted jobs not finished: kept in the job store") != std::string::npos, log);
        CHECK(log.find("dropped") == std::string::npos);
        server.reset();

        ServerProcess again(args, scratch / "second.log");
        httplib::Client after = again.client();
        for (const std::string& id : ids) {
            const nlohmann::json job = wait_for_job(after, id, {"done", "failed"}, 240s);
            CHECK_MESSAGE(job.at("status") == "done", job.dump());
            CHECK(job.at("result").at("fields").at("vendor").at("value") == "CORNER CAFE");
        }
    }
}

TEST_SUITE("redis") {
    TEST_CASE("--job-timeout in docextract-worker: a job over it fails with job_timeout, the next one is read") {
        RedisServer redis;
        ServerProcess server({"--redis", redis.url(), "--extract-per-minute", "0"});
        auto worker = start_worker(redis.url(), {"--job-timeout", "5"});
        httplib::Client client = server.client();
        check_job_timeout(client);
    }

    TEST_CASE("--max-queued caps the Redis queue too: an upload beyond it is 503 while no worker drains it") {
        RedisServer redis;
        ServerProcess server({"--redis", redis.url(), "--max-queued", "2", "--extract-per-minute", "0"});
        httplib::Client client = server.client();
        const std::string png = read_file(sample("receipt_small.png"));
        (void)submit(client, png, "a.png");
        (void)submit(client, png, "b.png");
        const httplib::Result third = upload(client, "/extract", png, "c.png");
        REQUIRE_MESSAGE(third, describe(third));
        CHECK(third->status == 503);
        CHECK(third->get_header_value("Retry-After") == "5");
        CHECK(body_json(third) == nlohmann::json{{"error", "the job queue is full; retry later"}}); // not the count
    }

    TEST_CASE("a Redis at its maxmemory: /extract is 503 'full' with Retry-After, the OOM only in the log, and 202 "
              "once Redis has room again") {
        RedisServer redis;
        const std::filesystem::path log = scratch_dir("redis-oom") / "server.log";
        ServerProcess server({"--redis", redis.url(), "--extract-per-minute", "0"}, log);
        httplib::Client client = server.client();
        const std::string png = read_file(sample("receipt_small.png"));
        (void)submit(client, png, "a.png");
        // noeviction (never lose a queued job) and a limit below what Redis holds already: every write is refused.
        CHECK(redis.command({"CONFIG", "SET", "maxmemory-policy", "noeviction"}) == "OK");
        CHECK(redis.command({"CONFIG", "SET", "maxmemory", "1"}) == "OK");
        const httplib::Result refused = upload(client, "/extract", png, "b.png");
        REQUIRE_MESSAGE(refused, describe(refused));
        CHECK(refused->status == 503);
        CHECK(refused->get_header_value("Retry-After") == "5");
        CHECK(body_json(refused) == nlohmann::json{{"error", "the job queue is full; retry later"}});
        CHECK(refused->body.find("OOM") == std::string::npos);
        const std::string logged = read_file(log);
        CHECK_MESSAGE(logged.find("POST /extract: 503, Redis refused the job: OOM") != std::string::npos, logged);

        CHECK(redis.command({"CONFIG", "SET", "maxmemory", "0"}) == "OK");
        CHECK(status_code(upload(client, "/extract", png, "c.png")) == 202);
    }

    TEST_CASE("rate limits are shared by the API replicas of one Redis") {
        RedisServer redis;
        const std::vector<std::string> args = {"--redis", redis.url(),       "--preview-per-minute",
                                               "1",       "--trusted-proxy", "127.0.0.1/32"};
        ServerProcess first(args);
        ServerProcess second(args);
        httplib::Client a = first.client();
        httplib::Client b = second.client();
        const std::string png = read_file(sample("receipt_small.png"));
        // The count is per minute of the clock: a pair that straddles a minute boundary is tried again as another
        // client (two pairs a second apart cannot both straddle one).
        bool refused = false;
        for (int attempt = 0; attempt < 2 && !refused; ++attempt) {
            const httplib::Headers client = {{"X-Forwarded-For", "203.0.113." + std::to_string(10 + attempt)}};
            a.set_default_headers(client);
            b.set_default_headers(client);
            CHECK(status_code(upload(a, "/preview", png, "r.png")) == 200);
            const httplib::Result again = upload(b, "/preview", png, "r.png");
            REQUIRE_MESSAGE(again, describe(again));
            refused = again->status == 429;
            if (refused) {
                CHECK(std::stoi(again->get_header_value("Retry-After")) >= 1);
                CHECK(std::stoi(again->get_header_value("Retry-After")) <= 60);
            }
        }
        CHECK(refused);
    }

    TEST_CASE("with --api-key-file, an anonymous /health shows no Redis URL, and nobody sees Redis's own error text") {
        RedisServer redis;
        const std::filesystem::path keys = scratch_dir("api-keys-redis") / "keys";
        {
            std::ofstream out(keys);
            out << "the-key\n";
        }
        ServerProcess server({"--redis", redis.url(), "--api-key-file", keys.string()});
        httplib::Client client = server.client();
        const httplib::Result anonymous = client.Get("/health");
        REQUIRE_MESSAGE(anonymous, describe(anonymous));
        CHECK_FALSE(body_json(anonymous).contains("redis_url"));
        CHECK(anonymous->body.find(std::to_string(redis.port())) == std::string::npos);
        client.set_default_headers({{"X-API-Key", "the-key"}});
        CHECK(body_json(client.Get("/health")).contains("redis_url"));
        redis.stop();
        client.set_default_headers({});
        for (int attempt = 0; attempt < 50 && status_code(client.Get("/health")) != 503; ++attempt) {
            std::this_thread::sleep_for(100ms);
        }
        // Both learn that the queue is down in the same fixed words; neither gets Redis's own error text.
        const nlohmann::json fixed = "the job queue is unavailable; retry later";
        const httplib::Result down = client.Get("/health");
        REQUIRE_MESSAGE(down, describe(down));
        CHECK(down->status == 503);
        CHECK(body_json(down).at("error") == fixed);
        CHECK(body_json(down).at("redis") == "unreachable");
        CHECK(down->body.find(std::to_string(redis.port())) == std::string::npos);
        client.set_default_headers({{"X-API-Key", "the-key"}});
        const httplib::Result down_with_key = client.Get("/health");
        REQUIRE_MESSAGE(down_with_key, describe(down_with_key));
        CHECK(down_with_key->status == 503);
        CHECK(body_json(down_with_key).at("error") == fixed);
        CHECK(body_json(down_with_key).contains("redis_url"));
        for (const char* internal : {"Redis", "connect", "refused", "closed"}) {
            CHECK_MESSAGE(down_with_key->body.find(internal) == std::string::npos, internal);
        }
    }
}

TEST_SUITE("hardening") {
    TEST_CASE("--page-timeout-ms bounds the OCR of each page: a page over it fails its job with the reason") {
        ServerProcess server({"--workers", "1", "--page-timeout-ms", "1"});
        httplib::Client client = server.client();
        const std::string id = submit(client, read_file(sample("invoice.png")), "invoice.png");
        const nlohmann::json job = wait_for_job(client, id, {"done", "failed"});
        CHECK(job.at("status") == "failed");
        CHECK(job.at("error").get<std::string>().find("timed out") != std::string::npos);
    }

    TEST_CASE("--job-timeout bounds a whole job: one over it fails with job_timeout, the worker reads the next") {
        ServerProcess server({"--workers", "1", "--job-timeout", "5", "--extract-per-minute", "0"});
        httplib::Client client = server.client();
        check_job_timeout(client);
    }
}
