// SPDX-License-Identifier: MIT
#include "web_assets.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <string_view>

using namespace docextract::service;

TEST_SUITE("web_assets") {
    TEST_CASE("the page, the docs and their scripts are embedded with their types") {
        for (const char* name :
             {"index.html", "api.js", "app.js", "review.js", "style.css", "docs.html", "docs.js", "openapi.json"}) {
            CAPTURE(name);
            const WebAsset* asset = find_web_asset(name);
            REQUIRE(asset != nullptr);
            CHECK(!asset->body.empty());
        }
        CHECK(find_web_asset("index.html")->content_type == "text/html; charset=utf-8");
        CHECK(find_web_asset("app.js")->content_type == "text/javascript; charset=utf-8");
        CHECK(find_web_asset("openapi.json")->content_type == "application/json");
        CHECK(find_web_asset("missing.js") == nullptr);
    }

    TEST_CASE("every file the pages load from /static/ is embedded") {
        for (const char* page : {"index.html", "docs.html"}) {
            const std::string_view html = find_web_asset(page)->body;
            int loaded = 0;
            for (std::size_t at = html.find("/static/"); at != std::string_view::npos;
                 at = html.find("/static/", at + 1)) {
                const std::size_t start = at + std::string_view("/static/").size();
                const std::size_t end = html.find('"', start);
                REQUIRE(end != std::string_view::npos);
                const std::string name(html.substr(start, end - start));
                CAPTURE(page);
                CAPTURE(name);
                CHECK(find_web_asset(name) != nullptr);
                ++loaded;
            }
            CHECK(loaded >= 2); // a stylesheet and a script at least
        }
    }

    TEST_CASE("no embedded file refers to another host (the page makes no external requests)") {
        for (const WebAsset& asset : web_assets()) {
            CAPTURE(asset.name);
            if (asset.name == "openapi.json") {
                continue; // its "servers" entry is relative; checked below
            }
            CHECK(asset.body.find("http://") == std::string_view::npos);
            CHECK(asset.body.find("https://") == std::string_view::npos);
            CHECK(asset.body.find("//cdn") == std::string_view::npos);
        }
    }

    TEST_CASE("openapi.json is an OpenAPI 3 document describing every route the server has") {
        const nlohmann::json spec = nlohmann::json::parse(find_web_asset("openapi.json")->body);
        CHECK(spec.at("openapi").get<std::string>().rfind("3.", 0) == 0);
        CHECK(spec.at("servers").at(0).at("url") == "/");
        const nlohmann::json& paths = spec.at("paths");
        const std::set<std::pair<std::string, std::string>> routes = {{"/", "get"},
                                                                      {"/health", "get"},
                                                                      {"/extract", "post"},
                                                                      {"/result/{job_id}", "get"},
                                                                      {"/preview", "post"},
                                                                      {"/docs", "get"},
                                                                      {"/openapi.json", "get"},
                                                                      {"/result/{job_id}", "patch"},
                                                                      {"/jobs", "get"},
                                                                      {"/export", "get"},
                                                                      {"/result/{job_id}/pages/{n}.png", "get"}};
        for (const auto& [path, method] : routes) {
            CAPTURE(path);
            REQUIRE(paths.contains(path));
            CHECK(paths.at(path).contains(method));
        }
        // Every status code the server can answer /extract with is documented.
        for (const char* code : {"202", "400", "413", "415", "429", "503"}) {
            CAPTURE(code);
            CHECK(paths.at("/extract").at("post").at("responses").contains(code));
        }
        // Every route behind the API key documents the 401 it answers without one.
        for (const auto& [path, method] : routes) {
            if (path == "/" || path == "/health" || path == "/docs" || path == "/openapi.json") {
                continue;
            }
            CAPTURE(path);
            CAPTURE(method);
            CHECK(paths.at(path).at(method).at("responses").contains("401"));
        }
        // A reviewed job is a status /result can answer, and a refused correction names its field.
        const nlohmann::json& states = spec.at("components").at("schemas").at("Job").at("properties").at("status");
        CHECK(std::find(states.at("enum").begin(), states.at("enum").end(), "reviewed") != states.at("enum").end());
        CHECK(spec.at("components").at("schemas").at("Error").at("properties").contains("field"));
        // Every local $ref resolves.
        std::function<void(const nlohmann::json&)> check_refs = [&](const nlohmann::json& node) {
            if (node.is_object()) {
                if (node.contains("$ref")) {
                    const std::string ref = node.at("$ref");
                    REQUIRE(ref.rfind("#/", 0) == 0);
                    CHECK_MESSAGE(spec.contains(nlohmann::json::json_pointer(ref.substr(1))), ref);
                }
                for (const auto& [key, value] : node.items()) {
                    check_refs(value);
                }
            } else if (node.is_array()) {
                for (const auto& value : node) {
                    check_refs(value);
                }
            }
        };
        check_refs(spec);
    }
}
