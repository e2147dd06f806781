// SPDX-License-Identifier: MIT
#include "test_support.hpp"

#include "redis_client.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace docextract::service::testing {
namespace {

using Clock = std::chrono::steady_clock;

int remaining_ms(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return left > 0 ? static_cast<int>(left) : 0;
}

nlohmann::json to_json_value(const RedisReply& reply) {
    switch (reply.type) {
    case RedisReply::Type::nil:
        return nullptr;
    case RedisReply::Type::integer:
        return reply.integer;
    case RedisReply::Type::array: {
        nlohmann::json array = nlohmann::json::array();
        for (const RedisReply& element : reply.elements) {
            array.push_back(to_json_value(element));
        }
        return array;
    }
    case RedisReply::Type::error:
        return nlohmann::json{{"error", reply.str}};
    default:
        return reply.str;
    }
}

} // namespace

std::filesystem::path sample(std::string_view name) {
    const std::filesystem::path path = std::filesystem::path(DOCEXTRACT_SAMPLE_DIR) / name;
    if (!std::filesystem::exists(path)) {
        throw std::runtime_error("sample document missing: " + path.string());
    }
    return path;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        throw std::runtime_error("cannot find a free port");
    }
    ::close(fd);
    return ntohs(address.sin_port);
}

void require_program(std::string_view program, std::string_view why) {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
    while (!dirs.empty()) {
        const auto colon = dirs.find(':');
        const std::filesystem::path candidate = std::filesystem::path(dirs.substr(0, colon)) / program;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return;
        }
        dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
    }
    std::printf("SKIP: %.*s not found on PATH; %.*s\n", static_cast<int>(program.size()), program.data(),
                static_cast<int>(why.size()), why.data());
    std::fflush(stdout);
    std::exit(77); // ctest SKIP_RETURN_CODE
}

std::filesystem::path scratch_dir(std::string_view name) {
    std::string pattern = (std::filesystem::temp_directory_path() / ("docextract-" + std::string(name) + "-XXXXXX"));
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("cannot create a directory like " + pattern);
    }
    return pattern;
}

std::string wait_for_file(const std::filesystem::path& path, const std::function<bool(const std::string&)>& done,
                          std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    std::string text;
    for (;;) {
        text = read_file(path);
        if (done(text)) {
            return text;
        }
        if (Clock::now() >= deadline) {
            throw std::runtime_error("timed out waiting for " + path.string() + "; it holds:\n" + text);
        }
        std::this_thread::sleep_for(20ms);
    }
}

Child::Child(std::vector<std::string> argv, const std::filesystem::path& stderr_file) {
    int stderr_fd = -1;
    if (!stderr_file.empty()) {
        stderr_fd = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (stderr_fd < 0) {
            throw std::runtime_error("cannot open " + stderr_file.string());
        }
    }
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC) != 0) {
        if (stderr_fd >= 0) {
            ::close(stderr_fd);
        }
        throw std::runtime_error("pipe failed");
    }
    std::vector<char*> args;
    for (std::string& arg : argv) {
        args.push_back(arg.data());
    }
    args.push_back(nullptr);
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ == 0) {
        // Child: only async-signal-safe calls until exec. Die with the test program so nothing is left behind.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) {
            ::_exit(127);
        }
        ::dup2(pipe_fds[1], STDOUT_FILENO); // dup2 clears FD_CLOEXEC on the copy
        if (stderr_fd >= 0) {
            ::dup2(stderr_fd, STDERR_FILENO);
        }
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::execve(args[0], args.data(), environ);
        ::_exit(127);
    }
    ::close(pipe_fds[1]);
    if (stderr_fd >= 0) {
        ::close(stderr_fd);
    }
    if (pid_ < 0) {
        ::close(pipe_fds[0]);
        throw std::runtime_error("fork failed");
    }
    stdout_fd_ = pipe_fds[0];
}

Child::~Child() {
    if (!status_ && pid_ > 0) {
        ::kill(pid_, SIGKILL);
        wait_exit(10s);
    }
    if (stdout_fd_ >= 0) {
        ::close(stdout_fd_);
    }
}

std::string Child::wait_for_line(std::string_view marker, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        std::size_t newline = 0;
        while ((newline = buffer_.find('\n')) != std::string::npos) {
            std::string line = buffer_.substr(0, newline);
            buffer_.erase(0, newline + 1);
            if (line.find(marker) != std::string::npos) {
                return line;
            }
        }
        pollfd fd{stdout_fd_, POLLIN, 0};
        const int ready = ::poll(&fd, 1, std::min(remaining_ms(deadline), 200));
        if (ready > 0) {
            char chunk[4096];
            const ssize_t n = ::read(stdout_fd_, chunk, sizeof chunk);
            if (n > 0) {
                buffer_.append(chunk, static_cast<std::size_t>(n));
                continue;
            }
        }
        if (wait_exit(0ms)) {
            throw std::runtime_error("process exited with status " + std::to_string(*status_) + " before printing '" +
                                     std::string(marker) + "'");
        }
        if (Clock::now() >= deadline) {
            throw std::runtime_error("timed out waiting for '" + std::string(marker) + "'");
        }
    }
}

void Child::send_signal(int signal) {
    if (!status_) {
        ::kill(pid_, signal);
    }
}

std::optional<int> Child::wait_exit(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!status_) {
        int status = 0;
        const pid_t done = ::waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            break;
        }
        if (Clock::now() >= deadline) {
            break;
        }
        std::this_thread::sleep_for(10ms);
    }
    return status_;
}

RedisServer::RedisServer() {
    require_program("redis-server", "install it with scripts/install-deps.sh --service");
    for (int attempt = 0; attempt < 5; ++attempt) {
        port_ = free_port();
        if (launch()) {
            return;
        }
        // port taken meanwhile, or too slow: try another
    }
    throw std::runtime_error("could not start redis-server");
}

bool RedisServer::launch() {
    process_ = std::make_unique<Child>(
        std::vector<std::string>{"/usr/bin/env", "redis-server", "--port", std::to_string(port_), "--bind", "127.0.0.1",
                                 "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"});
    RedisClient client(RedisUrl{.host = "127.0.0.1", .port = port_, .db = 0, .username = {}, .password = {}}, 500ms);
    const auto deadline = Clock::now() + 10s;
    while (Clock::now() < deadline && !process_->wait_exit(0ms)) {
        try {
            if (client.command({"PING"}).str == "PONG") {
                return true;
            }
        } catch (const RedisError&) {
            std::this_thread::sleep_for(20ms);
        }
    }
    process_.reset();
    return false;
}

void RedisServer::restart() {
    process_.reset();
    // The old process is gone (killed and reaped); its port may still be in TIME_WAIT, which redis-server's
    // SO_REUSEADDR allows. A few tries in case the port is briefly unavailable.
    for (int attempt = 0; attempt < 5; ++attempt) {
        if (launch()) {
            return;
        }
        std::this_thread::sleep_for(200ms);
    }
    throw std::runtime_error("could not restart redis-server on port " + std::to_string(port_));
}

nlohmann::json RedisServer::command(std::initializer_list<std::string_view> args) const {
    RedisClient client(RedisUrl{.host = "127.0.0.1", .port = port_, .db = 0, .username = {}, .password = {}}, 2s);
    return to_json_value(client.command(RedisCommand(args)));
}

ServerProcess::ServerProcess(std::vector<std::string> args)
    : ServerProcess(
          [&args] {
              args.emplace_back("--quiet");
              return args;
          }(),
          {}) {}

ServerProcess::ServerProcess(std::vector<std::string> args, const std::filesystem::path& log_file) {
    std::vector<std::string> argv = {DOCEXTRACT_SERVER_EXE, "--port", "0"};
    argv.insert(argv.end(), args.begin(), args.end());
    // Each server its own job store unless the test names one (never ./docextract-data in the build tree).
    if (std::find(args.begin(), args.end(), "--data-dir") == args.end() &&
        std::find(args.begin(), args.end(), "--database") == args.end()) {
        own_data_dir_ = scratch_dir("server-data");
        argv.emplace_back("--data-dir");
        argv.push_back(own_data_dir_.string());
    }
    process_ = std::make_unique<Child>(argv, log_file);
    // "docextract-server listening on http://127.0.0.1:PORT (...)"
    const std::string line = process_->wait_for_line("listening on", 120s);
    const auto colon = line.find(':', line.find("http://") + 7);
    port_ = std::stoi(line.substr(colon + 1));
}

ServerProcess::~ServerProcess() {
    process_.reset(); // SIGKILL and reaped: nothing writes to the directory any more
    if (!own_data_dir_.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(own_data_dir_, ignored);
    }
}

httplib::Client ServerProcess::client() const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(180, 0);
    client.set_connection_timeout(5, 0);
    return client;
}

std::unique_ptr<Child> start_worker(const std::string& redis_url, std::vector<std::string> args,
                                    const std::filesystem::path& log_file) {
    std::vector<std::string> argv = {DOCEXTRACT_WORKER_EXE, "--redis", redis_url};
    // A worker reads the vendor memory from the server's job store; one told of no store would open
    // ./docextract-data in the test's directory, so it runs without the memory.
    const bool store_given = std::any_of(args.begin(), args.end(), [](const std::string& a) {
        return a == "--data-dir" || a == "--database" || a == "--no-vendor-memory";
    });
    if (!store_given) {
        argv.emplace_back("--no-vendor-memory");
    }
    argv.insert(argv.end(), args.begin(), args.end());
    auto worker = std::make_unique<Child>(argv, log_file);
    worker->wait_for_line("ready", 120s);
    return worker;
}

httplib::Result upload(httplib::Client& client, const std::string& path, const std::string& bytes,
                       const std::string& filename, const std::string& field) {
    const httplib::MultipartFormDataItems items = {{field, bytes, filename, "application/octet-stream"}};
    return client.Post(path, items);
}

nlohmann::json body_json(const httplib::Result& result) {
    if (!result) {
        throw std::runtime_error("no HTTP response: " + httplib::to_string(result.error()));
    }
    return nlohmann::json::parse(result->body);
}

int status_code(const httplib::Result& result) {
    return result ? result->status : 0;
}

std::string describe(const httplib::Result& result) {
    if (!result) {
        return "no response: " + httplib::to_string(result.error());
    }
    return "HTTP " + std::to_string(result->status) + ": " + result->body.substr(0, 300);
}

nlohmann::json wait_for_job(httplib::Client& client, const std::string& job_id,
                            std::initializer_list<std::string_view> states, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    nlohmann::json last;
    while (Clock::now() < deadline) {
        const httplib::Result result = client.Get("/result/" + job_id);
        if (result && result->status == 200) {
            last = nlohmann::json::parse(result->body);
            const std::string state = last.at("status").get<std::string>();
            for (std::string_view wanted : states) {
                if (state == wanted) {
                    return last;
                }
            }
        }
        std::this_thread::sleep_for(20ms);
    }
    throw std::runtime_error("job " + job_id + " did not reach the expected state; last answer: " + last.dump());
}

std::string submit(httplib::Client& client, const std::string& bytes, const std::string& filename) {
    const httplib::Result result = upload(client, "/extract", bytes, filename);
    if (!result || result->status != 202) {
        throw std::runtime_error("upload not accepted: " +
                                 (result ? result->body : httplib::to_string(result.error())));
    }
    return nlohmann::json::parse(result->body).at("job_id").get<std::string>();
}

std::string raw_exchange(int port, const std::string& request, std::chrono::milliseconds* elapsed) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        throw std::runtime_error("cannot connect to port " + std::to_string(port));
    }
    const auto start = Clock::now();
    ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    std::string response;
    const auto deadline = start + 30s;
    for (;;) {
        const auto header_end = response.find("\r\n\r\n");
        if (header_end != std::string::npos) {
            std::size_t body_length = 0;
            const auto at = response.find("Content-Length: ");
            if (at != std::string::npos && at < header_end) {
                body_length = std::stoul(response.substr(at + 16));
            }
            if (response.size() >= header_end + 4 + body_length) {
                response.resize(header_end + 4 + body_length);
                break;
            }
        }
        pollfd pfd{fd, POLLIN, 0};
        if (::poll(&pfd, 1, remaining_ms(deadline)) <= 0) {
            break;
        }
        char chunk[4096];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0) {
            break;
        }
        response.append(chunk, static_cast<std::size_t>(n));
    }
    if (elapsed != nullptr) {
        *elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    }
    ::close(fd);
    return response;
}

std::string pdf_of_jpeg_pages(const std::string& jpeg, int pages) {
    // The frame's size from the first SOF0/SOF1/SOF2 marker: FF Cn, length (2), precision (1), height (2), width (2).
    int width = 0;
    int height = 0;
    const auto byte_at = [&jpeg](std::size_t i) { return static_cast<int>(static_cast<unsigned char>(jpeg.at(i))); };
    for (std::size_t i = 2; i + 8 < jpeg.size() && width == 0;) {
        if (byte_at(i) != 0xFF) {
            throw std::runtime_error("pdf_of_jpeg_pages: not a JPEG marker at " + std::to_string(i));
        }
        const int marker = byte_at(i + 1);
        if (marker >= 0xC0 && marker <= 0xC2) {
            height = byte_at(i + 5) * 256 + byte_at(i + 6);
            width = byte_at(i + 7) * 256 + byte_at(i + 8);
        }
        i += 2 + static_cast<std::size_t>(byte_at(i + 2) * 256 + byte_at(i + 3));
    }
    if (width == 0 || height == 0) {
        throw std::runtime_error("pdf_of_jpeg_pages: no frame size in the JPEG");
    }
    // Objects: 1 catalog, 2 page tree, 3 the image, then per page its page object and its content stream. At
    // 150 dpi a pixel is 0.48 pt.
    const double page_width = width * 0.48;
    const double page_height = height * 0.48;
    std::vector<std::string> objects;
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    std::string kids;
    for (int k = 0; k < pages; ++k) {
        kids += std::to_string(4 + 2 * k) + " 0 R ";
    }
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
    objects.push_back("<< /Type /XObject /Subtype /Image /Width " + std::to_string(width) + " /Height " +
                      std::to_string(height) + " /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode " +
                      "/Length " + std::to_string(jpeg.size()) + " >>\nstream\n" + jpeg + "\nendstream");
    const std::string draw =
        "q " + std::to_string(page_width) + " 0 0 " + std::to_string(page_height) + " 0 0 cm /Im0 Do Q";
    for (int k = 0; k < pages; ++k) {
        objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(page_width) + " " +
                          std::to_string(page_height) + "] /Resources << /XObject << /Im0 3 0 R >> >> /Contents " +
                          std::to_string(5 + 2 * k) + " 0 R >>");
        objects.push_back("<< /Length " + std::to_string(draw.size()) + " >>\nstream\n" + draw + "\nendstream");
    }
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t k = 0; k < objects.size(); ++k) {
        offsets.push_back(pdf.size());
        pdf += std::to_string(k + 1) + " 0 obj\n" + objects[k] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const std::size_t offset : offsets) {
        char entry[32];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offset);
        pdf += entry;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return pdf;
}

nlohmann::json without_timings(nlohmann::json result) {
    result.erase("timings_ms");
    if (result.contains("pages")) {
        for (nlohmann::json& page : result["pages"]) {
            if (page.contains("preprocess") && page["preprocess"].is_object()) {
                page["preprocess"].erase("timings_ms");
            }
        }
    }
    return result;
}

} // namespace docextract::service::testing
