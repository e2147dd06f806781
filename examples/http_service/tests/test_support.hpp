// SPDX-License-Identifier: MIT
#pragma once

// Helpers for the service tests: child processes (redis-server, docextract-server, docextract-worker) on free
// loopback ports, uploads, polling, and raw HTTP exchanges for what a normal client would not send.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace docextract::service::testing {

using namespace std::chrono_literals;

/// A file from tests/golden (the repository's sample documents).
std::filesystem::path sample(std::string_view name);
std::string read_file(const std::filesystem::path& path);

/// A TCP port on 127.0.0.1 that was free a moment ago.
int free_port();

/// Exits the test program with ctest's skip code (77) and a message when `program` is not on PATH.
void require_program(std::string_view program, std::string_view why);

/// A new empty directory under the system's temporary directory, named after `name`.
std::filesystem::path scratch_dir(std::string_view name);

/// Waits until `path` holds text for which `done(text)` is true and returns that text; throws after `timeout`.
std::string wait_for_file(const std::filesystem::path& path, const std::function<bool(const std::string&)>& done,
                          std::chrono::milliseconds timeout);

/// A child process whose stdout is read by the test and whose stderr goes to the test's stderr, or to
/// `stderr_file` when one is given. Killed with SIGKILL when destroyed (and when the test program dies).
class Child {
public:
    explicit Child(std::vector<std::string> argv, const std::filesystem::path& stderr_file = {});
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    [[nodiscard]] pid_t pid() const noexcept { return pid_; }
    /// Reads stdout until a line contains `marker`; returns that line. Throws on timeout or exit.
    std::string wait_for_line(std::string_view marker, std::chrono::milliseconds timeout);
    void send_signal(int signal);
    /// Exit status (128 + signal when killed), or nullopt if still running after `timeout`.
    std::optional<int> wait_exit(std::chrono::milliseconds timeout);

private:
    pid_t pid_ = -1;
    int stdout_fd_ = -1;
    std::string buffer_;
    std::optional<int> status_;
};

/// A private redis-server on a free loopback port, without persistence.
class RedisServer {
public:
    RedisServer();
    [[nodiscard]] std::string url() const { return "redis://127.0.0.1:" + std::to_string(port_) + "/0"; }
    [[nodiscard]] int port() const noexcept { return port_; }
    /// The redis-server process id, or -1 after stop().
    [[nodiscard]] pid_t pid() const noexcept { return process_ ? process_->pid() : -1; }
    /// Sends one command with a fresh connection (for checks on the stored layout).
    nlohmann::json command(std::initializer_list<std::string_view> args) const;
    void stop() { process_.reset(); }
    /// Starts a fresh (empty) redis-server on the same port after stop(); throws when it does not come up.
    void restart();

private:
    /// Starts redis-server on port_ and waits until it answers PING; false when it exits or stays silent.
    bool launch();

    int port_ = 0;
    std::unique_ptr<Child> process_;
};

/// docextract-server on a free port (--port 0), started with `args`.
class ServerProcess {
public:
    /// With --quiet: no access log.
    explicit ServerProcess(std::vector<std::string> args);
    /// With the access log, the server's stderr going to `log_file`.
    ServerProcess(std::vector<std::string> args, const std::filesystem::path& log_file);
    /// Kills the server and removes the data directory it was given when the test named none.
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;
    [[nodiscard]] int port() const noexcept { return port_; }
    [[nodiscard]] httplib::Client client() const;
    Child& process() { return *process_; }

private:
    std::unique_ptr<Child> process_;
    int port_ = 0;
    std::filesystem::path own_data_dir_; ///< Made for this server; empty when the test passed --data-dir.
};

/// docextract-worker connected to `redis_url`, ready when it returns; its stderr (the log) goes to `log_file`
/// when one is given. Without --data-dir or --database in `args` it runs with --no-vendor-memory.
std::unique_ptr<Child> start_worker(const std::string& redis_url, std::vector<std::string> args = {},
                                    const std::filesystem::path& log_file = {});

/// POSTs a multipart upload with field `field`.
httplib::Result upload(httplib::Client& client, const std::string& path, const std::string& bytes,
                       const std::string& filename, const std::string& field = "file");
nlohmann::json body_json(const httplib::Result& result);
/// The status, or 0 when there was no response.
int status_code(const httplib::Result& result);
/// "no response: <error>" or "HTTP <status>: <body start>", for failure messages.
std::string describe(const httplib::Result& result);

/// Polls /result/{id} until the status is one of `states` (or throws after `timeout`); returns the last body.
nlohmann::json wait_for_job(httplib::Client& client, const std::string& job_id,
                            std::initializer_list<std::string_view> states, std::chrono::milliseconds timeout = 180s);

/// Submits `bytes` to /extract, expects 202, returns the job id.
std::string submit(httplib::Client& client, const std::string& bytes, const std::string& filename);

/// Sends raw bytes on a new connection and returns the first response (status line, headers and, when it has
/// a Content-Length, the body) as soon as it is complete; `elapsed` receives the time to that point.
std::string raw_exchange(int port, const std::string& request, std::chrono::milliseconds* elapsed = nullptr);

/// A PDF without text layer of `pages` pages that each show `jpeg` (a baseline or progressive RGB JPEG) at 150 dpi:
/// a multi-page scan that takes OCR a while per page.
std::string pdf_of_jpeg_pages(const std::string& jpeg, int pages);

/// The result JSON with its timing fields removed (they differ between two runs of the same document).
nlohmann::json without_timings(nlohmann::json result);

} // namespace docextract::service::testing
