// SPDX-License-Identifier: MIT
#pragma once

// SIGTERM / SIGINT handling for the two programs: the signals are blocked in every thread and a watcher
// thread turns the first one into a callback (e.g. "stop accepting"), so no work happens in a signal handler.

#include <atomic>
#include <functional>
#include <thread>

namespace docextract::service {

class ShutdownSignals {
public:
    /// Blocks SIGTERM and SIGINT (and ignores SIGPIPE) in the calling thread; call in main() before any other
    /// thread starts so all threads inherit the mask.
    ShutdownSignals();
    /// Stops the watcher.
    ~ShutdownSignals();
    ShutdownSignals(const ShutdownSignals&) = delete;
    ShutdownSignals& operator=(const ShutdownSignals&) = delete;

    /// Starts watching; `on_signal` runs once, on the watcher thread, with the signal number.
    void watch(std::function<void(int)> on_signal);

private:
    std::atomic<bool> done_{false};
    std::thread watcher_;
};

} // namespace docextract::service
