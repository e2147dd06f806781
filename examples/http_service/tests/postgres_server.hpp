// SPDX-License-Identifier: MIT
#pragma once

// A private PostgreSQL server for the job store tests: initdb in a temporary directory, then pg_ctl on a free
// loopback port. PostgreSQL refuses to run as root, so as root both run as the `postgres` user the Debian package
// creates (runuser -u postgres --). Exits the test with ctest's skip code (77) when the binaries are absent.

#include <filesystem>
#include <string>

namespace docextract::service::testing {

class PostgresServer {
public:
    PostgresServer();
    /// Stops the server (immediate shutdown) and removes its directory.
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    /// postgresql://postgres@127.0.0.1:PORT/postgres (trust authentication on loopback).
    [[nodiscard]] std::string url() const;
    /// Stops the server and starts it again on the same port and data: the database survives.
    void restart();
    /// Stops the server (fast shutdown: open connections are closed); start() brings it back with its data.
    void stop();
    /// Starts the server on its port and data (after stop()); waits until it accepts connections.
    void start();

private:
    /// Runs a command line, as the postgres user when this process is root; throws when it fails.
    void run_as_postgres(const std::string& command) const;

    std::filesystem::path bin_dir_;
    std::filesystem::path dir_;
    int port_ = 0;
    bool running_ = false;
};

} // namespace docextract::service::testing
