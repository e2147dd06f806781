// SPDX-License-Identifier: MIT
#include "postgres_server.hpp"

#include "test_support.hpp"

#include <cstdio>
#include <cstdlib>
#include <pwd.h>
#include <stdexcept>
#include <unistd.h>

namespace docextract::service::testing {
namespace {

/// The directory holding initdb and pg_ctl: PATH first, then Debian's /usr/lib/postgresql/<version>/bin.
std::filesystem::path find_bin_dir() {
    const char* path = std::getenv("PATH");
    std::string_view dirs = path != nullptr ? path : "/usr/bin:/bin";
    while (!dirs.empty()) {
        const auto colon = dirs.find(':');
        const std::filesystem::path dir(dirs.substr(0, colon));
        if (::access((dir / "initdb").c_str(), X_OK) == 0 && ::access((dir / "pg_ctl").c_str(), X_OK) == 0) {
            return std::filesystem::canonical(dir / "pg_ctl").parent_path();
        }
        dirs = colon == std::string_view::npos ? std::string_view{} : dirs.substr(colon + 1);
    }
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", error)) {
        const std::filesystem::path bin = entry.path() / "bin";
        if (::access((bin / "initdb").c_str(), X_OK) == 0 && ::access((bin / "pg_ctl").c_str(), X_OK) == 0) {
            return bin;
        }
    }
    return {};
}

std::string quoted(const std::filesystem::path& path) {
    std::string text = "'"; // scratch paths have no quote characters
    text += path.string();
    text += '\'';
    return text;
}

} // namespace

PostgresServer::PostgresServer() : bin_dir_(find_bin_dir()) {
    if (bin_dir_.empty()) {
        std::printf("SKIP: PostgreSQL's initdb and pg_ctl not found (PATH, /usr/lib/postgresql/*/bin); install them "
                    "with scripts/install-deps.sh --service\n");
        std::fflush(stdout);
        std::exit(77);
    }
    dir_ = scratch_dir("postgres");
    if (::geteuid() == 0) {
        const passwd* user = ::getpwnam("postgres");
        if (user == nullptr) {
            std::printf("SKIP: running as root and there is no postgres user to run PostgreSQL as\n");
            std::fflush(stdout);
            std::exit(77);
        }
        if (::chown(dir_.c_str(), user->pw_uid, user->pw_gid) != 0) {
            throw std::runtime_error("cannot hand " + dir_.string() + " to the postgres user");
        }
    }
    run_as_postgres(quoted(bin_dir_ / "initdb") + " -D " + quoted(dir_ / "data") +
                    " -A trust -U postgres -E UTF8 --no-sync > " + quoted(dir_ / "initdb.log") + " 2>&1");
    for (int attempt = 0;; ++attempt) {
        port_ = free_port();
        try {
            start();
            return;
        } catch (const std::exception&) {
            if (attempt == 4) {
                throw;
            }
        }
    }
}

PostgresServer::~PostgresServer() {
    try {
        stop();
    } catch (...) {
    }
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
}

std::string PostgresServer::url() const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres";
}

void PostgresServer::restart() {
    stop();
    start();
}

void PostgresServer::start() {
    // fsync off: the tests restart PostgreSQL cleanly, never pull the power.
    const std::string options = "-p " + std::to_string(port_) + " -k " + dir_.string() +
                                " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off";
    run_as_postgres(quoted(bin_dir_ / "pg_ctl") + " -D " + quoted(dir_ / "data") + " -l " +
                    quoted(dir_ / "server.log") + " -w -t 60 -o \"" + options + "\" start > /dev/null 2>&1");
    running_ = true;
}

void PostgresServer::stop() {
    if (!running_) {
        return;
    }
    running_ = false;
    run_as_postgres(quoted(bin_dir_ / "pg_ctl") + " -D " + quoted(dir_ / "data") +
                    " -w -t 60 -m fast stop > /dev/null 2>&1");
}

void PostgresServer::run_as_postgres(const std::string& command) const {
    std::string line = command;
    if (::geteuid() == 0) {
        // sh -c '...': the command's single quotes closed, escaped and reopened.
        line = "runuser -u postgres -- sh -c '";
        for (char c : command) {
            line += c == '\'' ? std::string("'\\''") : std::string(1, c);
        }
        line += "'";
    }
    const int status = std::system(line.c_str());
    if (status != 0) {
        throw std::runtime_error("PostgreSQL command failed (" + std::to_string(status) + "): " + command +
                                 "; see the logs in " + dir_.string());
    }
}

} // namespace docextract::service::testing
