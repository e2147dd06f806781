// SPDX-License-Identifier: MIT
#include "export_routes.hpp"

#include "json_reply.hpp"
#include "log.hpp"
#include "unavailable_reply.hpp"

#include <docextract/csv.hpp>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdio>
#include <ctime>
#include <memory>

namespace docextract::service {
namespace {

constexpr std::size_t page_size = 100;

docextract::ExportRow export_row_of(const StoredJob& job) {
    docextract::ExportRow row;
    row.filename = job.filename;
    row.job_id = job.id;
    row.error = job.error;
    const nlohmann::json result = nlohmann::json::parse(job.result_json, nullptr, false);
    if (!result.is_object() || !result.contains("fields") || !result.at("fields").is_object()) {
        return row;
    }
    for (const auto& [name, field] : result.at("fields").items()) {
        if (!field.is_object()) {
            continue;
        }
        docextract::ExportField out;
        if (field.contains("value") && field.at("value").is_string()) {
            out.value = field.at("value").get<std::string>();
        }
        out.confidence = field.value("confidence", 0.0);
        out.needs_review = field.value("needs_review", true);
        out.source = field.value("source", std::string("none"));
        row.fields[name] = std::move(out);
    }
    return row;
}

std::string jsonl_line(const StoredJob& job, const docextract::ExportRow& row) {
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [name, field] : row.fields) {
        fields[name] = nlohmann::json{{"value", field.value ? nlohmann::json(*field.value) : nlohmann::json()},
                                      {"confidence", field.confidence},
                                      {"needs_review", field.needs_review},
                                      {"source", field.source}};
    }
    nlohmann::json line{
        {"filename", job.filename}, {"job_id", job.id}, {"status", to_string(job.state)}, {"fields", fields}};
    if (job.state == JobState::failed) {
        line["error"] = job.error;
    }
    return line.dump() + "\n";
}

struct ExportState {
    JobFilter filter;
    bool csv = true;
    bool header_sent = false;
};

void handle_export(JobStore& store, const httplib::Request& req, httplib::Response& res) {
    const std::string format = req.has_param("format") ? req.get_param_value("format") : "csv";
    if (format != "csv" && format != "jsonl") {
        reply_error(res, 400, "format must be csv or jsonl");
        return;
    }
    auto state = std::make_shared<ExportState>();
    state->csv = format == "csv";
    state->filter.limit = page_size;
    if (req.has_param("status")) {
        const std::string status = req.get_param_value("status");
        if (status == "needs_review") {
            state->filter.states = {JobState::done};
            state->filter.only_flagged = true;
        } else if (const std::optional<JobState> parsed = parse_job_state(status)) {
            state->filter.states = {*parsed};
        } else {
            reply_error(res, 400, "status must be needs_review, done, failed or reviewed");
            return;
        }
    } else {
        state->filter.states = {JobState::done, JobState::reviewed};
    }
    if (req.has_param("since")) {
        const std::optional<std::int64_t> since = parse_since(req.get_param_value("since"));
        if (!since) {
            reply_error(res, 400,
                        "since must be a date (2026-12-02), a UTC time (2026-12-02T19:30:00Z) or "
                        "milliseconds since 1970");
            return;
        }
        state->filter.updated_since_ms = *since;
    }
    // Fail before the 200 when the database is down, rather than in the middle of the stream.
    try {
        JobFilter probe = state->filter;
        probe.limit = 1;
        (void)store.list(probe, false);
    } catch (const StoreUnavailable& e) {
        reply_store_unavailable(req, res, e.what());
        return;
    }
    const std::string type = state->csv ? "text/csv; charset=utf-8" : "application/x-ndjson";
    res.set_header("Cache-Control", "no-store");
    res.set_header("Content-Disposition",
                   std::string("attachment; filename=\"docextract-export.") + (state->csv ? "csv" : "jsonl") + "\"");
    res.set_chunked_content_provider(type, [&store, state](std::size_t, httplib::DataSink& sink) {
        std::string chunk;
        if (state->csv && !state->header_sent) {
            chunk = docextract::csv_header();
        }
        state->header_sent = true;
        std::vector<StoredJob> jobs;
        try {
            jobs = store.list(state->filter, true);
        } catch (const StoreUnavailable& e) {
            log_line(std::string("GET /export: cut after the 200, the job store failed: ") + e.what());
            return false; // the client sees a cut stream, never a silently short export
        }
        for (const StoredJob& job : jobs) {
            const docextract::ExportRow row = export_row_of(job);
            chunk += state->csv ? docextract::csv_row(row) : jsonl_line(job, row);
        }
        if (!chunk.empty() && !sink.write(chunk.data(), chunk.size())) {
            return false;
        }
        if (jobs.size() < state->filter.limit) {
            sink.done();
        } else {
            state->filter.after = std::pair{jobs.back().created_ms, jobs.back().id};
        }
        return true;
    });
}

} // namespace

std::optional<std::int64_t> parse_since(std::string_view text) {
    if (text.empty()) {
        return std::nullopt;
    }
    std::int64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error == std::errc() && end == text.data() + text.size()) {
        return number >= 0 ? std::optional(number) : std::nullopt;
    }
    const std::string value(text);
    std::tm tm{};
    int consumed = 0;
    double seconds = 0;
    if (value.size() == 10 &&
        std::sscanf(value.c_str(), "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &consumed) == 3 &&
        consumed == 10) {
        seconds = 0;
    } else if (std::sscanf(value.c_str(), "%4d-%2d-%2dT%2d:%2d:%lfZ%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                           &tm.tm_hour, &tm.tm_min, &seconds, &consumed) == 6 &&
               static_cast<std::size_t>(consumed) == value.size() && seconds >= 0 && seconds < 61) {
    } else {
        return std::nullopt;
    }
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59) {
        return std::nullopt;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const std::time_t base = timegm(&tm);
    return static_cast<std::int64_t>(base) * 1000 + static_cast<std::int64_t>(seconds * 1000.0);
}

void register_export_routes(httplib::Server& server, JobStore& store) {
    JobStore* s = &store;
    server.Get("/export", [s](const httplib::Request& req, httplib::Response& res) { handle_export(*s, req, res); });
}

} // namespace docextract::service
