// SPDX-License-Identifier: MIT
#include "redis_health_monitor.hpp"

#include "redis_keys.hpp"

#include <algorithm>
#include <charconv>
#include <utility>

namespace docextract::service {
namespace {

std::size_t count_of(const RedisReply& reply) {
    return reply.type == RedisReply::Type::integer && reply.integer > 0 ? static_cast<std::size_t>(reply.integer)
                                                                        : std::size_t{0};
}

/// The value after `name` in a flat name/value reply such as XINFO STREAM's; nullptr when absent.
const RedisReply* field(const RedisReply& reply, std::string_view name) {
    for (std::size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
        if (reply.elements[i].str == name) {
            return &reply.elements[i + 1];
        }
    }
    return nullptr;
}

[[noreturn]] void unexpected(std::string_view command, const RedisReply& reply) {
    throw RedisError("Redis answered " + std::string(command) +
                     " with: " + (reply.is_error() ? reply.str : std::string("an unexpected reply")));
}

} // namespace

std::optional<StreamId> parse_stream_id(std::string_view text) noexcept {
    const auto dash = text.find('-');
    if (dash == std::string_view::npos || dash == 0 || dash + 1 == text.size()) {
        return std::nullopt;
    }
    StreamId id;
    const char* end = text.data() + text.size();
    const auto ms = std::from_chars(text.data(), text.data() + dash, id.ms);
    const auto seq = std::from_chars(text.data() + dash + 1, end, id.seq);
    if (ms.ec != std::errc{} || ms.ptr != text.data() + dash || seq.ec != std::errc{} || seq.ptr != end) {
        return std::nullopt;
    }
    return id;
}

RedisHealthMonitor::RedisHealthMonitor(RedisUrl url, std::chrono::milliseconds timeout,
                                       std::chrono::seconds workers_window, std::chrono::milliseconds refresh)
    : workers_window_(workers_window), refresh_(refresh), client_(std::move(url), timeout), thread_([this] { run(); }) {
}

RedisHealthMonitor::~RedisHealthMonitor() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

QueueHealth RedisHealthMonitor::current() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return refreshed_ || stopping_; });
    QueueHealth health;
    health.backend = "redis";
    if (!reachable_) {
        health.reachable = false;
        health.detail = error_;
        return health;
    }
    if (!figures_) { // Redis answered our requests but no refresh yet: only our own jobs are known
        health.queued = own_.size();
        return health;
    }
    const auto newer =
        std::count_if(own_.begin(), own_.end(), [this](const OwnEntry& entry) { return entry.id > figures_->last_id; });
    // Entries are deleted once finished, so the stream holds waiting plus taken (pending) jobs.
    health.processing = figures_->pending;
    health.queued = (figures_->length > figures_->pending ? figures_->length - figures_->pending : 0) +
                    static_cast<std::size_t>(newer);
    health.workers_seen = figures_->workers;
    return health;
}

void RedisHealthMonitor::note_enqueued(StreamId id) {
    const auto answered = Clock::now();
    const std::lock_guard lock(mutex_);
    own_.push_back({id, answered});
}

void RedisHealthMonitor::note_outcome(Clock::time_point sent, const std::string& error) {
    const std::lock_guard lock(mutex_);
    apply_outcome(sent, error);
}

void RedisHealthMonitor::apply_outcome(Clock::time_point sent, const std::string& error) {
    if (sent < reachability_sent_) {
        return; // newer evidence already decided
    }
    reachability_sent_ = sent;
    reachable_ = error.empty();
    error_ = error;
}

RedisHealthMonitor::Figures RedisHealthMonitor::query() {
    const std::string window = std::to_string(workers_window_.count());
    const std::vector<RedisReply> replies = client_.pipeline({
        {"XINFO", "STREAM", redis_keys::stream},
        {"XPENDING", redis_keys::stream, redis_keys::group},
        {"EVAL", redis_keys::workers_seen_script, "1", redis_keys::workers, window},
    });
    Figures figures;
    const RedisReply& info = replies[0];
    if (info.is_array()) {
        const RedisReply* length = field(info, "length");
        const RedisReply* last = field(info, "last-generated-id");
        const std::optional<StreamId> last_id = last != nullptr ? parse_stream_id(last->str) : std::nullopt;
        if (length == nullptr || !last_id) {
            unexpected("XINFO STREAM", info);
        }
        figures.length = count_of(*length);
        figures.last_id = *last_id;
    } else if (!(info.is_error() && info.str.find("no such key") != std::string::npos)) {
        unexpected("XINFO STREAM", info); // no stream yet: nothing queued, last id 0-0
    }
    const RedisReply& pending = replies[1];
    if (pending.is_array() && !pending.elements.empty()) {
        figures.pending = count_of(pending.elements[0]);
    } else if (!(pending.is_error() && pending.str.rfind("NOGROUP", 0) == 0)) {
        unexpected("XPENDING", pending); // NOGROUP until the first worker created the group: nothing taken
    }
    if (replies[2].is_error()) {
        unexpected("EVAL", replies[2]);
    }
    figures.workers = count_of(replies[2]);
    return figures;
}

void RedisHealthMonitor::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        const auto sent = Clock::now();
        std::optional<Figures> figures;
        std::string error;
        try {
            figures = query();
            figures->sent = sent;
        } catch (const RedisError& e) {
            error = e.what();
        }
        lock.lock();
        if (figures) {
            // Our jobs answered before this refresh was sent are in its figures now.
            std::erase_if(own_, [sent](const OwnEntry& entry) { return entry.answered < sent; });
            figures_ = std::move(figures);
        }
        apply_outcome(sent, error);
        refreshed_ = true;
        changed_.notify_all();
        changed_.wait_for(lock, refresh_, [this] { return stopping_; });
    }
}

} // namespace docextract::service
