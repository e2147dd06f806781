// SPDX-License-Identifier: MIT
#include "shutdown_signals.hpp"

#include <csignal>
#include <ctime>
#include <pthread.h>

namespace docextract::service {
namespace {

sigset_t shutdown_set() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    return set;
}

} // namespace

ShutdownSignals::ShutdownSignals() {
    std::signal(SIGPIPE, SIG_IGN); // a client that hangs up must not kill the server
    const sigset_t set = shutdown_set();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

ShutdownSignals::~ShutdownSignals() {
    done_ = true;
    if (watcher_.joinable()) {
        watcher_.join();
    }
}

void ShutdownSignals::watch(std::function<void(int)> on_signal) {
    watcher_ = std::thread([this, on_signal = std::move(on_signal)] {
        const sigset_t set = shutdown_set();
        const timespec tick{0, 200'000'000};
        while (!done_) {
            const int signal = sigtimedwait(&set, nullptr, &tick);
            if (signal > 0) {
                on_signal(signal);
                return;
            }
        }
    });
}

} // namespace docextract::service
