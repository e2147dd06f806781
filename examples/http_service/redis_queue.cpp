// SPDX-License-Identifier: MIT
#include "redis_queue.hpp"

#include "job_id.hpp"
#include "redis_keys.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace docextract::service {
namespace {

std::string now_ms() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

/// Redis answered the job's transaction with an error: "OOM ..." is a Redis at its maxmemory (noeviction), a full
/// queue until the workers drain it.
[[noreturn]] void refuse(const std::string& error) {
    const auto reason =
        error.starts_with("OOM") ? QueueUnavailable::Reason::full : QueueUnavailable::Reason::queue_down;
    throw QueueUnavailable("Redis refused the job: " + error, reason);
}

} // namespace

RedisQueue::RedisQueue(RedisQueueOptions options)
    : options_(std::move(options)),
      monitor_(options_.url, options_.timeout, options_.workers_window, options_.health_refresh) {}

template <typename Work> auto RedisQueue::with_client(Work&& work) {
    const auto sent = RedisHealthMonitor::Clock::now();
    std::optional<RedisClient> client;
    {
        const std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            client.emplace(std::move(idle_.back()));
            idle_.pop_back();
        }
    }
    if (!client) {
        client.emplace(options_.url, options_.timeout);
    }
    const bool reused = client->connected();
    const auto answered = [&] {
        monitor_.note_outcome(sent, {});
        const std::lock_guard lock(mutex_);
        idle_.push_back(std::move(*client));
    };
    try {
        auto result = work(*client);
        answered();
        return result;
    } catch (const RedisError& first) {
        if (!reused) {
            monitor_.note_outcome(sent, first.what());
            throw QueueUnavailable(first.what());
        }
    }
    try {
        auto result = work(*client); // the client reconnects after a failure
        answered();
        return result;
    } catch (const RedisError& second) {
        monitor_.note_outcome(sent, second.what());
        throw QueueUnavailable(second.what());
    }
}

std::string RedisQueue::enqueue(Upload upload) {
    std::string id = new_job_id();
    enqueue_as(id, std::move(upload));
    return id;
}

void RedisQueue::enqueue_as(const std::string& id, Upload upload) {
    // From the health snapshot (exact for this server's own jobs, within 100 ms for other servers'): the uploads
    // wait in Redis's memory, so a queue nobody drains must not grow without bound. The job store hands its jobs
    // over with their ids, so the cap is checked here.
    if (options_.max_queued != 0) {
        const QueueHealth current = monitor_.current();
        if (current.reachable && current.queued >= options_.max_queued) {
            throw QueueUnavailable("the queue is full (" + std::to_string(current.queued) + " jobs waiting)",
                                   QueueUnavailable::Reason::full);
        }
    }
    const std::string job_key = redis_keys::job(id);
    const std::string data_key = redis_keys::job_data(id);
    const std::string ttl = std::to_string(options_.result_ttl.count());
    const std::string created = now_ms();
    // One transaction: either the job exists completely (state, bytes, stream entry) or not at all.
    const std::vector<RedisCommand> commands = {
        {"MULTI"},
        {"HSET", job_key, "status", to_string(JobState::queued), "filename", upload.filename, "created_ms", created,
         "attempts", "0"},
        {"EXPIRE", job_key, ttl},
        {"SET", data_key, upload.bytes, "EX", ttl},
        {"XADD", redis_keys::stream, "*", "job", id, "filename", upload.filename},
        {"EXEC"},
    };
    const std::string entry = with_client([&](RedisClient& client) {
        const std::vector<RedisReply> replies = client.pipeline(commands);
        const RedisReply& exec = replies.back();
        if (exec.is_error() || !exec.is_array()) {
            // A command Redis refused to queue (OOM at its maxmemory) aborts the transaction: its own error says why.
            const auto refused = std::find_if(replies.begin(), replies.end() - 1,
                                              [](const RedisReply& reply) { return reply.is_error(); });
            refuse(refused != replies.end() - 1 ? refused->str : exec.str);
        }
        for (const RedisReply& reply : exec.elements) {
            if (reply.is_error()) {
                refuse(reply.str);
            }
        }
        return exec.elements.size() == 4 ? exec.elements[3].str : std::string();
    });
    if (const std::optional<StreamId> added = parse_stream_id(entry)) {
        monitor_.note_enqueued(*added);
    }
}

std::optional<JobSnapshot> RedisQueue::status(std::string_view job_id) {
    if (!is_valid_job_id(job_id)) {
        return std::nullopt;
    }
    const std::string key = redis_keys::job(job_id);
    const RedisReply reply = with_client([&](RedisClient& client) {
        return client.command({"HMGET", key, "status", "result", "error"});
    });
    if (reply.is_error()) {
        throw QueueUnavailable("Redis error: " + reply.str);
    }
    if (!reply.is_array() || reply.elements.size() != 3 || reply.elements[0].is_nil()) {
        return std::nullopt; // unknown or expired
    }
    JobSnapshot snapshot;
    snapshot.id = std::string(job_id);
    snapshot.state = parse_job_state(reply.elements[0].str).value_or(JobState::failed);
    snapshot.result_json = reply.elements[1].str;
    snapshot.error = reply.elements[2].str;
    if (snapshot.state == JobState::failed && snapshot.error.empty()) {
        snapshot.error = "unknown error";
    }
    return snapshot;
}

QueueHealth RedisQueue::health() {
    return monitor_.current();
}

} // namespace docextract::service
