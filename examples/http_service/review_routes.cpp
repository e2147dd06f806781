// SPDX-License-Identifier: MIT
#include "review_routes.hpp"

#include "job_cursor.hpp"
#include "job_id.hpp"
#include "json_reply.hpp"
#include "log.hpp"
#include "result_patch.hpp"
#include "stored_queue.hpp"
#include "unavailable_reply.hpp"
#include "vendor_records.hpp"

#include <docextract/error.hpp>

#include <charconv>

namespace docextract::service {
namespace {

constexpr std::size_t max_patch_bytes = 64 * 1024;
constexpr std::size_t default_list_limit = 50;
constexpr std::size_t max_list_limit = 500;

/// The revision an If-Match header names: "\"7\"" (also W/"7"); nullopt for "*" or no header; -1 for a value
/// that cannot match any revision.
std::optional<std::int64_t> expected_revision(const httplib::Request& req) {
    if (!req.has_header("If-Match")) {
        return std::nullopt;
    }
    std::string_view value = req.get_header_value("If-Match");
    if (value == "*") {
        return std::nullopt;
    }
    if (value.starts_with("W/")) {
        value.remove_prefix(2);
    }
    std::int64_t revision = -1;
    if (value.size() >= 3 && value.front() == '"' && value.back() == '"') {
        const std::string_view digits = value.substr(1, value.size() - 2);
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), revision);
        if (error != std::errc() || end != digits.data() + digits.size()) {
            revision = -1;
        }
    }
    return revision;
}

void send_job(httplib::Response& res, int status, const StoredJob& job) {
    res.set_header("ETag", etag_of(job));
    res.set_header("Cache-Control", "no-store");
    std::string body = "{\"job_id\":\"" + job.id + "\",\"status\":\"" + std::string(to_string(job.state)) +
                       "\",\"result\":" + job.result_json + "}";
    res.status = status;
    res.set_content(body, "application/json");
}

/// Teaches the vendor memory what a corrected result shows. The correction itself is committed already: a memory
/// that cannot be written is logged, never a failed PATCH.
void learn_from(JobStore& store, const StoredJob& job, std::int64_t now_ms) {
    const std::optional<docextract::RememberedVendor> learned = learned_vendor(job.result_json);
    if (!learned) {
        return;
    }
    try {
        store.remember_vendor(*learned, now_ms);
    } catch (const StoreUnavailable& e) {
        log_line("job " + job.id + ": the vendor memory was not updated: " + e.what());
    }
}

void handle_patch(const ReviewContext& context, const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (!is_valid_job_id(id)) {
        reply_error(res, 404, "unknown job id");
        return;
    }
    if (req.body.size() > max_patch_bytes) {
        reply_error(res, 413, "the correction is larger than " + std::to_string(max_patch_bytes) + " bytes");
        return;
    }
    try {
        const ResultPatch patch = parse_result_patch(req.body);
        const std::int64_t now = now_unix_ms();
        const std::string reviewed_at = iso_time(now);
        const JobStore::EditOutcome outcome = context.store.edit_result(
            id, expected_revision(req),
            [&](const StoredJob& job) { return apply_result_patch(job, patch, reviewed_at); }, now);
        switch (outcome.status) {
        case JobStore::EditStatus::updated:
            if (context.vendor_memory) {
                learn_from(context.store, outcome.job, now);
            }
            send_job(res, 200, outcome.job);
            return;
        case JobStore::EditStatus::not_found:
            reply_error(res, 404, "unknown job id");
            return;
        case JobStore::EditStatus::not_finished:
            reply_error(res, 409,
                        "job is " + std::string(to_string(outcome.job.state)) +
                            ": only a finished job with a result can be corrected");
            return;
        case JobStore::EditStatus::revision_mismatch:
            res.set_header("ETag", etag_of(outcome.job));
            reply_error(res, 412,
                        "the result changed since it was read (ETag now " + etag_of(outcome.job) +
                            "); read it again and reapply the correction");
            return;
        }
    } catch (const PatchError& e) {
        nlohmann::json body{{"error", e.what()}};
        if (!e.field().empty()) {
            body["field"] = e.field();
        }
        reply_json(res, e.status(), body);
    } catch (const StoreUnavailable& e) {
        reply_store_unavailable(req, res, e.what());
    }
}

/// status=needs_review|done|failed|reviewed|queued|processing as a filter; false for another word.
bool filter_for(std::string_view status, JobFilter& filter) {
    if (status == "needs_review") {
        filter.states = {JobState::done};
        filter.only_flagged = true;
        return true;
    }
    const std::optional<JobState> state = parse_job_state(status);
    if (!state) {
        return false;
    }
    filter.states = {*state};
    return true;
}

void handle_list(const ReviewContext& context, const httplib::Request& req, httplib::Response& res) {
    JobFilter filter;
    const std::string status = req.has_param("status") ? req.get_param_value("status") : "needs_review";
    if (!filter_for(status, filter)) {
        reply_error(res, 400, "status must be needs_review, done, failed, reviewed, queued or processing");
        return;
    }
    filter.limit = default_list_limit;
    if (req.has_param("limit")) {
        const std::string text = req.get_param_value("limit");
        std::size_t limit = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), limit);
        if (error != std::errc() || end != text.data() + text.size() || limit < 1 || limit > max_list_limit) {
            reply_error(res, 400, "limit must be a number from 1 to " + std::to_string(max_list_limit));
            return;
        }
        filter.limit = limit;
    }
    if (req.has_param("cursor") && !req.get_param_value("cursor").empty()) {
        filter.after = decode_job_cursor(req.get_param_value("cursor"));
        if (!filter.after) {
            reply_error(res, 400, "cursor is not one this server gave out (pass next_cursor back unchanged)");
            return;
        }
    }
    std::vector<StoredJob> jobs;
    try {
        ++filter.limit; // one more tells whether there is a next page
        jobs = context.store.list(filter, false);
        --filter.limit;
    } catch (const StoreUnavailable& e) {
        reply_store_unavailable(req, res, e.what());
        return;
    }
    const bool more = jobs.size() > filter.limit;
    if (more) {
        jobs.resize(filter.limit);
    }
    nlohmann::json list = nlohmann::json::array();
    for (const StoredJob& job : jobs) {
        nlohmann::json entry{{"job_id", job.id},
                             {"status", to_string(job.state)},
                             {"filename", job.filename},
                             {"vendor", job.vendor.empty() ? nlohmann::json() : nlohmann::json(job.vendor)},
                             {"needs_review", job.flagged},
                             {"created_at", iso_time(job.created_ms)},
                             {"updated_at", iso_time(job.updated_ms)}};
        if (job.state == JobState::failed) {
            entry["error"] = job.error;
        }
        list.push_back(std::move(entry));
    }
    nlohmann::json body{{"jobs", list}, {"next_cursor", nullptr}};
    if (more && !jobs.empty()) {
        body["next_cursor"] = encode_job_cursor(jobs.back().created_ms, jobs.back().id);
    }
    res.set_header("Cache-Control", "no-store");
    reply_json(res, 200, body);
}

void handle_page(const ReviewContext& context, const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    const std::string number = req.matches[2];
    int page = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), page);
    if (error != std::errc() || end != number.data() + number.size()) {
        reply_error(res, 404, "no such page");
        return;
    }
    const std::string stage = req.has_param("stage") ? req.get_param_value("stage") : "cleaned";
    if (stage != "cleaned" && stage != "original") {
        reply_error(res, 400, "stage must be cleaned or original");
        return;
    }
    std::optional<StoredJob> job;
    std::optional<std::string> bytes;
    try {
        if (is_valid_job_id(id)) {
            job = context.store.find(id);
        }
        if (job) {
            bytes = context.store.upload(id);
        }
    } catch (const StoreUnavailable& e) {
        reply_store_unavailable(req, res, e.what());
        return;
    }
    if (!job) {
        reply_error(res, 404, "unknown job id");
        return;
    }
    if (!bytes) {
        reply_error(res, 410, "the upload of this job is no longer stored");
        return;
    }
    try {
        const std::vector<std::uint8_t> png =
            context.preview.render_page(*bytes, job->filename, page, stage == "cleaned");
        res.status = 200;
        res.set_content(reinterpret_cast<const char*>(png.data()), png.size(), "image/png");
        res.set_header("Cache-Control", "private, max-age=3600"); // the upload never changes
    } catch (const docextract::Error& e) {
        const int status = e.code() == docextract::ErrorCode::invalid_argument ? 404 : 422;
        reply_error(res, status, std::string(docextract::to_string(e.code())) + ": " + e.what());
    }
}

} // namespace

std::optional<std::string_view> review_allowed_methods(std::string_view path) noexcept {
    if (path == "/jobs" || path == "/export") {
        return "GET, HEAD";
    }
    constexpr std::string_view prefix = "/result/";
    if (!path.starts_with(prefix) || path.size() == prefix.size()) {
        return std::nullopt;
    }
    const std::string_view rest = path.substr(prefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos) {
        return "GET, HEAD, PATCH";
    }
    const std::string_view tail = rest.substr(slash);
    constexpr std::string_view pages = "/pages/";
    if (tail.starts_with(pages) && tail.ends_with(".png") && tail.size() > pages.size() + 4) {
        return "GET, HEAD";
    }
    return std::nullopt;
}

void register_review_routes(httplib::Server& server, ReviewContext context) {
    server.Patch(R"(/result/([^/]+))",
                 [context](const httplib::Request& req, httplib::Response& res) { handle_patch(context, req, res); });
    server.Get("/jobs",
               [context](const httplib::Request& req, httplib::Response& res) { handle_list(context, req, res); });
    server.Get(R"(/result/([^/]+)/pages/(\d+)\.png)",
               [context](const httplib::Request& req, httplib::Response& res) { handle_page(context, req, res); });
}

} // namespace docextract::service
