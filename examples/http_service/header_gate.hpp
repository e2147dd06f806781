// SPDX-License-Identifier: MIT
#pragma once

// Holds connections that have no complete request head yet (new ones, idle keep-alive ones, slow ones) on one
// thread with poll(), so they take no request thread while they wait: a connection is handed on once its head is
// complete, and closed when its deadline passes first. It also drains connections that were answered and closed
// for writing, so their unread bytes are discarded instead of being taken for a request or resetting the answer.

#include "connection.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace docextract::service {

class HeaderGate {
public:
    using Clock = std::chrono::steady_clock;
    /// Called on the gate's thread with a connection whose head is complete.
    using ReadyHandler = std::function<void(std::unique_ptr<Connection>)>;
    /// Called on the gate's thread (or in park() after stop()) with a connection to close; `timed_out` when its
    /// deadline passed while a request head had started.
    using CloseHandler = std::function<void(std::unique_ptr<Connection>, bool timed_out)>;

    HeaderGate(ReadyHandler ready, CloseHandler close);
    ~HeaderGate();
    HeaderGate(const HeaderGate&) = delete;
    HeaderGate& operator=(const HeaderGate&) = delete;

    /// Waits for the rest of the connection's request head until `deadline`.
    void park(std::unique_ptr<Connection> connection, Clock::time_point deadline);
    /// Reads and discards until the peer closes or `deadline`, then hands the connection to the close handler.
    void drain(std::unique_ptr<Connection> connection, Clock::time_point deadline);
    /// Closes every waiting connection (close handler) and stops the thread; later park()/drain() close at once.
    void stop();

private:
    struct Entry {
        std::unique_ptr<Connection> connection;
        Clock::time_point deadline;
        bool draining = false;
    };
    void add(Entry entry);
    void run();
    void wake() const;

    ReadyHandler ready_;
    CloseHandler close_;
    std::mutex mutex_;
    std::vector<Entry> incoming_;
    bool stopping_ = false;
    int wake_fd_ = -1;
    std::thread thread_;
};

} // namespace docextract::service
