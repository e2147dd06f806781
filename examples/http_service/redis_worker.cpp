// SPDX-License-Identifier: MIT
#include "redis_worker.hpp"

#include "job_id.hpp"
#include "job_queue.hpp"
#include "redis_keys.hpp"

#include <algorithm>
#include <thread>
#include <utility>

namespace docextract::service {
namespace {

using namespace std::chrono_literals;

std::string now_ms() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

/// Reads "job" and "filename" from a stream entry [id, [field, value, ...]].
bool parse_entry(const RedisReply& reply, std::string& job_id, std::string& filename) {
    if (!reply.is_array() || reply.elements.size() != 2 || !reply.elements[1].is_array()) {
        return false;
    }
    const std::vector<RedisReply>& fields = reply.elements[1].elements;
    for (std::size_t i = 0; i + 1 < fields.size(); i += 2) {
        if (fields[i].str == "job") {
            job_id = fields[i + 1].str;
        } else if (fields[i].str == "filename") {
            filename = fields[i + 1].str;
        }
    }
    return true;
}

/// Sleeps up to `duration`, waking early when `stop` is set.
void pause(const std::atomic<bool>& stop, std::chrono::milliseconds duration) {
    const auto until = std::chrono::steady_clock::now() + duration;
    while (!stop && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(50ms);
    }
}

} // namespace

RedisWorker::RedisWorker(RedisWorkerOptions options, JobProcessor processor, LogSink log)
    : options_(std::move(options)), processor_(std::move(processor)), log_(std::move(log)),
      // Replies may take up to the XREADGROUP block time; allow for it plus a margin.
      client_(options_.url, options_.block + 5000ms) {}

void RedisWorker::ensure_group() {
    const RedisReply reply =
        client_.command({"XGROUP", "CREATE", redis_keys::stream, redis_keys::group, "0", "MKSTREAM"});
    if (reply.is_error() && reply.str.rfind("BUSYGROUP", 0) != 0) {
        throw RedisError("cannot create consumer group: " + reply.str);
    }
}

void RedisWorker::run(const std::atomic<bool>& stop) {
    std::atomic<bool> done{false};
    std::thread heartbeat([this, &done] { heartbeat_loop(done); });

    const auto claim_interval = std::max<std::chrono::milliseconds>(options_.visibility_timeout / 4, 200ms);
    auto next_claim = std::chrono::steady_clock::now();
    bool group_ready = false;
    bool reported_outage = false;
    while (!stop) {
        try {
            if (!group_ready) {
                ensure_group();
                group_ready = true;
            }
            Entry entry;
            long long deliveries = 1;
            bool claimed = false;
            if (std::chrono::steady_clock::now() >= next_claim) {
                next_claim = std::chrono::steady_clock::now() + claim_interval;
                claimed = claim_stale(entry, deliveries);
            }
            const bool fresh = !claimed && read_new(entry);
            // Redis has answered a command only here: an outage is over when a command got through, not when the
            // next attempt starts (which would log a recovery, then the outage again, every second).
            if (reported_outage) {
                log_("Redis reachable again");
                reported_outage = false;
            }
            if (claimed) {
                handle(entry, deliveries);
            } else if (fresh) {
                handle(entry, 1);
            }
        } catch (const RedisError& e) {
            if (!reported_outage) {
                log_(std::string("waiting for Redis: ") + e.what());
                reported_outage = true;
            }
            pause(stop, 1000ms);
        }
    }

    done = true;
    heartbeat.join();
    try {
        client_.command({"ZREM", redis_keys::workers, options_.consumer});
    } catch (const RedisError&) {
        // The heartbeat simply ages out.
    }
}

bool RedisWorker::claim_stale(Entry& entry, long long& deliveries) {
    const std::string min_idle = std::to_string(options_.visibility_timeout.count());
    const RedisReply reply = client_.command(
        {"XAUTOCLAIM", redis_keys::stream, redis_keys::group, options_.consumer, min_idle, "0-0", "COUNT", "1"});
    if (reply.is_error()) {
        if (reply.str.rfind("NOGROUP", 0) == 0) {
            ensure_group();
            return false;
        }
        throw RedisError("XAUTOCLAIM: " + reply.str);
    }
    if (!reply.is_array() || reply.elements.size() < 2 || !reply.elements[1].is_array() ||
        reply.elements[1].elements.empty()) {
        return false;
    }
    const RedisReply& claimed = reply.elements[1].elements.front();
    if (!claimed.is_array() || claimed.elements.empty()) {
        return false;
    }
    entry.id = claimed.elements[0].str;
    if (!parse_entry(claimed, entry.job_id, entry.filename)) {
        forget(entry); // the entry's data was deleted: nothing left to process
        return false;
    }
    // The delivery counter (incremented by the claim) tells how often this job has been handed out.
    const RedisReply pending =
        client_.command({"XPENDING", redis_keys::stream, redis_keys::group, entry.id, entry.id, "1"});
    deliveries = options_.max_attempts + 1LL;
    if (pending.is_array() && !pending.elements.empty() && pending.elements[0].is_array() &&
        pending.elements[0].elements.size() >= 4) {
        deliveries = pending.elements[0].elements[3].integer;
    }
    log_("claimed job " + entry.job_id + " from a silent worker (delivery " + std::to_string(deliveries) + ")");
    return true;
}

bool RedisWorker::read_new(Entry& entry) {
    const std::string block = std::to_string(options_.block.count());
    const RedisReply reply = client_.command({"XREADGROUP", "GROUP", redis_keys::group, options_.consumer, "COUNT", "1",
                                              "BLOCK", block, "STREAMS", redis_keys::stream, ">"});
    if (reply.is_error()) {
        if (reply.str.rfind("NOGROUP", 0) == 0) {
            ensure_group(); // someone deleted the stream (e.g. FLUSHDB): recreate and go on
            return false;
        }
        throw RedisError("XREADGROUP: " + reply.str);
    }
    // [[stream, [[id, [fields]]]]] or nil on timeout
    if (!reply.is_array() || reply.elements.empty() || reply.elements[0].elements.size() < 2) {
        return false;
    }
    const RedisReply& entries = reply.elements[0].elements[1];
    if (!entries.is_array() || entries.elements.empty()) {
        return false;
    }
    const RedisReply& first = entries.elements.front();
    entry.id = first.elements.empty() ? std::string() : first.elements[0].str;
    if (!parse_entry(first, entry.job_id, entry.filename)) {
        forget(entry);
        return false;
    }
    return true;
}

void RedisWorker::handle(const Entry& entry, long long deliveries) {
    if (!is_valid_job_id(entry.job_id)) {
        log_("dropping malformed stream entry " + entry.id);
        forget(entry);
        return;
    }
    const std::string job_key = redis_keys::job(entry.job_id);
    const std::string data_key = redis_keys::job_data(entry.job_id);
    const RedisReply state = client_.command({"HGET", job_key, "status"});
    if (state.is_nil()) {
        log_("job " + entry.job_id + " expired before it was processed");
        forget(entry);
        return;
    }
    if (state.str == to_string(JobState::done) || state.str == to_string(JobState::failed)) {
        forget(entry); // finished by a worker that died before acknowledging
        return;
    }
    if (deliveries > options_.max_attempts) {
        const std::string message = "gave up after " + std::to_string(options_.max_attempts) +
                                    " attempts: the worker processing this job stopped each time (killed or lost)";
        log_("job " + entry.job_id + ": " + message);
        finish(entry, false, {}, message);
        return;
    }
    const RedisReply data = client_.command({"GET", data_key});
    if (!data.is_string()) {
        finish(entry, false, {}, "the upload expired before a worker took it");
        return;
    }

    const std::string ttl = std::to_string(options_.result_ttl.count());
    const std::string attempts = std::to_string(deliveries);
    const std::string started = now_ms();
    client_.pipeline({{"HSET", job_key, "status", to_string(JobState::processing), "worker", options_.consumer,
                       "attempts", attempts, "started_ms", started},
                      {"EXPIRE", job_key, ttl},
                      {"EXPIRE", data_key, ttl}});
    {
        const std::lock_guard lock(lease_mutex_);
        lease_entry_ = entry.id;
    }
    log_("processing job " + entry.job_id + " (" + std::to_string(data.str.size()) + " bytes, attempt " + attempts +
         ")");
    const auto begin = std::chrono::steady_clock::now();
    JobOutcome outcome;
    try {
        outcome = processor_(data.str, entry.filename);
    } catch (const std::exception& e) {
        outcome = JobOutcome{.ok = false, .result_json = {}, .error = std::string("internal error: ") + e.what()};
    }
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - begin);
    try {
        finish(entry, outcome.ok, outcome.result_json, outcome.error);
    } catch (...) {
        const std::lock_guard lock(lease_mutex_);
        lease_entry_.clear(); // stop renewing: another worker will claim and redo the job
        throw;
    }
    {
        const std::lock_guard lock(lease_mutex_);
        lease_entry_.clear();
    }
    log_("job " + entry.job_id + (outcome.ok ? " done" : " failed: " + outcome.error) + " in " +
         std::to_string(elapsed.count()) + " ms");
}

void RedisWorker::finish(const Entry& entry, bool ok, const std::string& result_json, const std::string& error) {
    const std::string job_key = redis_keys::job(entry.job_id);
    const std::string ttl = std::to_string(options_.result_ttl.count());
    const std::string finished = now_ms();
    const std::string_view state = to_string(ok ? JobState::done : JobState::failed);
    // Result first, acknowledgement last, in one transaction: a crash before EXEC leaves the job pending (it is
    // redone), never acknowledged without a result.
    client_.pipeline({
        {"MULTI"},
        {"HSET", job_key, "status", state, ok ? "result" : "error", ok ? result_json : error, "finished_ms", finished},
        {"HDEL", job_key, ok ? "error" : "result"},
        {"EXPIRE", job_key, ttl},
        {"DEL", redis_keys::job_data(entry.job_id)},
        {"XACK", redis_keys::stream, redis_keys::group, entry.id},
        {"XDEL", redis_keys::stream, entry.id},
        {"EXEC"},
    });
}

void RedisWorker::forget(const Entry& entry) {
    if (entry.id.empty()) {
        return;
    }
    std::vector<RedisCommand> commands = {{"XACK", redis_keys::stream, redis_keys::group, entry.id},
                                          {"XDEL", redis_keys::stream, entry.id}};
    const std::string data_key = redis_keys::job_data(entry.job_id);
    if (is_valid_job_id(entry.job_id)) {
        commands.push_back({"DEL", data_key});
    }
    client_.pipeline(commands);
}

void RedisWorker::heartbeat_loop(const std::atomic<bool>& done) {
    // Own connection: the main one may be blocked in XREADGROUP or idle during a long job.
    RedisClient client(options_.url, 2000ms);
    const auto interval = std::clamp<std::chrono::milliseconds>(options_.visibility_timeout / 3, 100ms, 2000ms);
    while (!done) {
        std::string entry;
        {
            const std::lock_guard lock(lease_mutex_);
            entry = lease_entry_;
        }
        try {
            std::vector<RedisCommand> commands = {
                {"EVAL", redis_keys::heartbeat_script, "1", redis_keys::workers, options_.consumer}};
            if (!entry.empty()) {
                // Re-claiming our own entry resets its idle time (JUSTID: the delivery count stays), so a long
                // job is not mistaken for an abandoned one.
                commands.push_back(
                    {"XCLAIM", redis_keys::stream, redis_keys::group, options_.consumer, "0", entry, "JUSTID"});
            }
            client.pipeline(commands);
        } catch (const RedisError&) {
            // The main loop reports outages.
        }
        const auto until = std::chrono::steady_clock::now() + interval;
        while (!done && std::chrono::steady_clock::now() < until) {
            std::this_thread::sleep_for(20ms);
        }
    }
}

} // namespace docextract::service
