// SPDX-License-Identifier: MIT
#pragma once

// /health in Redis mode without a Redis round trip per request. A background thread asks Redis for the queue
// figures every `refresh` interval on its own connection; health() answers from that snapshot at once. Asking
// Redis on the request path made /health wait behind Redis absorbing a burst of uploads, and behind the
// scheduler waking redis-server while the workers OCR on every core (several ms per hop).
//
// Exactness: the snapshot records the stream's last entry id, and the queue records the id of each job this
// server added. A job of ours with a newer id is not in the snapshot yet and is added to queue_depth, so the
// depth is exact right after our own enqueues; jobs taken by workers or added by other servers since the last
// refresh show at the next one. Reachability follows the newest evidence: the refresh, or the outcome of any
// request this server sent to Redis (an /extract that failed makes /health say unreachable at once).

#include "job_queue.hpp"
#include "redis_client.hpp"

#include <chrono>
#include <compare>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace docextract::service {

/// A Redis stream entry id "<ms>-<seq>", ordered as Redis orders entries.
struct StreamId {
    std::uint64_t ms = 0;
    std::uint64_t seq = 0;

    auto operator<=>(const StreamId&) const = default;
};

/// Parses "<ms>-<seq>"; nullopt for anything else.
std::optional<StreamId> parse_stream_id(std::string_view text) noexcept;

class RedisHealthMonitor {
public:
    using Clock = std::chrono::steady_clock;

    /// Starts the refresh thread; the first refresh runs at once. Does not need Redis to be up.
    RedisHealthMonitor(RedisUrl url, std::chrono::milliseconds timeout, std::chrono::seconds workers_window,
                       std::chrono::milliseconds refresh);
    /// Stops the refresh thread (waits at most for one Redis reply timeout).
    ~RedisHealthMonitor();
    RedisHealthMonitor(const RedisHealthMonitor&) = delete;
    RedisHealthMonitor& operator=(const RedisHealthMonitor&) = delete;

    /// The current figures. Waits only before the first refresh has finished (at most the Redis timeout).
    QueueHealth current();

    /// Records a job this server added, as soon as Redis confirmed it: `id` as XADD returned it.
    void note_enqueued(StreamId id);
    /// Records the outcome of a request this server sent to Redis at `sent`: empty `error` means it answered.
    void note_outcome(Clock::time_point sent, const std::string& error);

private:
    /// Redis' figures at one refresh.
    struct Figures {
        Clock::time_point sent{}; ///< When the refresh was sent: Redis ran it after everything answered before.
        std::size_t length = 0;   ///< Stream entries: waiting plus taken jobs.
        std::size_t pending = 0;  ///< Entries taken by a worker and not acknowledged.
        std::size_t workers = 0;  ///< Workers with a recent heartbeat.
        StreamId last_id;         ///< Newest entry id the stream had generated (0-0 without a stream).
    };
    /// A job of ours that the figures may not include yet.
    struct OwnEntry {
        StreamId id;
        Clock::time_point answered; ///< When Redis confirmed it.
    };

    /// Asks Redis for the figures in one round trip; throws RedisError.
    Figures query();
    /// The refresh thread: query, publish, sleep, until stopped.
    void run();
    /// Applies reachability evidence unless newer evidence is already known. Caller holds mutex_.
    void apply_outcome(Clock::time_point sent, const std::string& error);

    const std::chrono::seconds workers_window_;
    const std::chrono::milliseconds refresh_;
    RedisClient client_; ///< Used by the refresh thread only.

    std::mutex mutex_;
    std::condition_variable changed_;
    bool stopping_ = false;
    bool refreshed_ = false;                ///< The first refresh has finished (well or not).
    std::optional<Figures> figures_;        ///< From the last refresh that succeeded.
    Clock::time_point reachability_sent_{}; ///< When the evidence behind reachable_ was sent.
    bool reachable_ = false;
    std::string error_;         ///< Why Redis is unreachable.
    std::vector<OwnEntry> own_; ///< Our jobs answered after figures_ was sent.
    std::thread thread_;        ///< Last: starts after every member it uses exists.
};

} // namespace docextract::service
