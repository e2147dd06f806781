// SPDX-License-Identifier: MIT
#pragma once

// JSON answers of the review and export routes: a body, or {"error": "..."} with a status.

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace docextract::service {

inline void reply_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

inline void reply_error(httplib::Response& res, int status, std::string_view message) {
    reply_json(res, status, nlohmann::json{{"error", message}});
}

} // namespace docextract::service
