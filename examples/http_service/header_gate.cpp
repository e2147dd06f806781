// SPDX-License-Identifier: MIT
#include "header_gate.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <poll.h>
#include <stdexcept>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace docextract::service {
namespace {

/// Reads and discards what has arrived; false once the peer has closed (or the socket failed).
bool discard_available(int fd) {
    std::array<char, 16384> buffer{};
    for (int rounds = 0; rounds < 64; ++rounds) {
        const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (n > 0) {
            continue;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
    return true;
}

} // namespace

HeaderGate::HeaderGate(ReadyHandler ready, CloseHandler close)
    : ready_(std::move(ready)), close_(std::move(close)), wake_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (wake_fd_ < 0) {
        throw std::runtime_error("eventfd failed");
    }
    thread_ = std::thread([this] { run(); });
}

HeaderGate::~HeaderGate() {
    stop();
    ::close(wake_fd_);
}

void HeaderGate::park(std::unique_ptr<Connection> connection, Clock::time_point deadline) {
    add(Entry{std::move(connection), deadline, false});
}

void HeaderGate::drain(std::unique_ptr<Connection> connection, Clock::time_point deadline) {
    add(Entry{std::move(connection), deadline, true});
}

void HeaderGate::add(Entry entry) {
    {
        const std::lock_guard lock(mutex_);
        if (!stopping_) {
            incoming_.push_back(std::move(entry));
            entry.connection.reset();
        }
    }
    if (entry.connection) { // stopped: close now, outside the lock
        close_(std::move(entry.connection), false);
        return;
    }
    wake();
}

void HeaderGate::stop() {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_) {
            return;
        }
        stopping_ = true;
    }
    wake();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void HeaderGate::wake() const {
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t written = ::write(wake_fd_, &one, sizeof(one));
}

void HeaderGate::run() {
    std::vector<Entry> waiting;
    std::vector<pollfd> fds;
    while (true) {
        {
            const std::lock_guard lock(mutex_);
            for (Entry& entry : incoming_) {
                waiting.push_back(std::move(entry));
            }
            incoming_.clear();
            if (stopping_) {
                break;
            }
        }
        const auto now = Clock::now();
        auto next = now + std::chrono::seconds(1);
        fds.assign(1, pollfd{wake_fd_, POLLIN, 0});
        for (const Entry& entry : waiting) {
            fds.push_back(pollfd{entry.connection->fd, POLLIN, 0});
            next = std::min(next, entry.deadline);
        }
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - now).count() + 1;
        const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::max<std::int64_t>(0, wait)));
        if (ready < 0 && errno != EINTR) {
            break;
        }
        if ((fds[0].revents & POLLIN) != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] const ssize_t n = ::read(wake_fd_, &count, sizeof(count));
        }
        const auto after = Clock::now();
        std::vector<Entry> still;
        still.reserve(waiting.size());
        for (std::size_t i = 0; i < waiting.size(); ++i) {
            Entry& entry = waiting[i];
            const short events = fds[i + 1].revents;
            if (events != 0) {
                if (entry.draining) {
                    if (!discard_available(entry.connection->fd)) {
                        close_(std::move(entry.connection), false);
                        continue;
                    }
                } else {
                    const HeadState state = gather_head(*entry.connection);
                    if (state == HeadState::complete) {
                        ready_(std::move(entry.connection));
                        continue;
                    }
                    if (state == HeadState::closed) {
                        close_(std::move(entry.connection), false);
                        continue;
                    }
                }
            }
            if (after >= entry.deadline) {
                const bool timed_out = !entry.draining && entry.connection->head_started;
                close_(std::move(entry.connection), timed_out);
                continue;
            }
            still.push_back(std::move(entry));
        }
        waiting = std::move(still);
    }
    for (Entry& entry : waiting) {
        close_(std::move(entry.connection), false);
    }
}

} // namespace docextract::service
