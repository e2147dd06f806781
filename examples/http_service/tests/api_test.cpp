// SPDX-License-Identifier: MIT
// docextract-server in its default mode (in-process workers), driven over HTTP as a client would.
#include "test_support.hpp"

#include <docextract/docextract.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <regex>
#include <span>
#include <utility>
#include <vector>

using namespace docextract::service::testing;

namespace {

/// What the CLI prints for a document: to_json of a Pipeline run, the library's defaults.
nlohmann::json expected_result(const std::string& bytes, const std::string& name) {
    // The service keeps what a document tells of its vendor, for the vendor memory to learn from a correction.
    docextract::PipelineOptions options;
    options.document_traits = true;
    docextract::Pipeline pipeline(options);
    const auto data = std::as_bytes(std::span<const char>(bytes.data(), bytes.size()));
    return nlohmann::json::parse(docextract::to_json(pipeline.run(data, name)));
}

std::string multipart_head(const std::string& boundary, const std::string& filename) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
           "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
}

int status_of(const std::string& raw_response) {
    REQUIRE(raw_response.rfind("HTTP/1.1 ", 0) == 0);
    return std::stoi(raw_response.substr(9, 3));
}

std::string body_of(const std::string& raw_response) {
    const auto end = raw_response.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : raw_response.substr(end + 4);
}

/// The value of a header in a raw response ("" when absent).
std::string header_of(const std::string& raw_response, const std::string& name) {
    const auto end = raw_response.find("\r\n\r\n");
    const auto at = raw_response.find("\r\n" + name + ": ");
    if (at == std::string::npos || at >= end) {
        return {};
    }
    const auto value = at + 4 + name.size();
    return raw_response.substr(value, raw_response.find("\r\n", value) - value);
}

} // namespace

TEST_SUITE("api") {
    TEST_CASE("extract answers 202 at once and the result is the CLI's JSON for the document") {
        ServerProcess server({"--workers", "2"});
        httplib::Client client = server.client();
        for (const char* name : {"invoice_text.pdf", "receipt_small.png"}) {
            CAPTURE(name);
            const std::string bytes = read_file(sample(name));
            const httplib::Result accepted = upload(client, "/extract", bytes, name);
            REQUIRE_MESSAGE(accepted, describe(accepted));
            CHECK(accepted->status == 202);
            const nlohmann::json body = body_json(accepted);
            CHECK(body.at("status") == "queued");
            const std::string id = body.at("job_id");
            CHECK(id.size() == 32);
            CHECK(accepted->get_header_value("Location") == "/result/" + id);

            const nlohmann::json done = wait_for_job(client, id, {"done", "failed"});
            REQUIRE_MESSAGE(done.at("status") == "done", done.dump());
            CHECK(done.at("job_id") == id);
            CHECK_FALSE(done.contains("error"));
            CHECK(without_timings(done.at("result")) == without_timings(expected_result(bytes, name)));
        }
    }

    TEST_CASE("a document the pipeline cannot read ends as failed with the error") {
        ServerProcess server({"--workers", "1"});
        httplib::Client client = server.client();
        // Complete framing (it passes the upload checks), damaged pixel data: only decoding finds it.
        std::string broken = read_file(sample("receipt_small.png"));
        std::fill(broken.begin() + 100, broken.end() - 100, 'Z');
        const std::string id = submit(client, broken, "broken.png");
        const nlohmann::json job = wait_for_job(client, id, {"done", "failed"});
        CHECK(job.at("status") == "failed");
        CHECK_FALSE(job.at("error").get<std::string>().empty());
        CHECK_FALSE(job.contains("result"));
    }

    TEST_CASE("a truncated upload gets 422 at once from /extract, as from /preview") {
        ServerProcess server({"--workers", "1"});
        httplib::Client client = server.client();
        for (const char* name : {"receipt_small.png", "invoice_photo.jpg", "invoice_text.pdf"}) {
            CAPTURE(name);
            const std::string whole = read_file(sample(name));
            const std::string cut = whole.substr(0, whole.size() / 2);
            const httplib::Result extract = upload(client, "/extract", cut, name);
            REQUIRE_MESSAGE(extract, describe(extract));
            CHECK(extract->status == 422);
            CHECK(body_json(extract).at("error").get<std::string>().find("truncated") != std::string::npos);
            CHECK(status_code(upload(client, "/preview", cut, name)) == 422);
        }
    }

    TEST_CASE("validation: 400 without a file, for an empty file or a non-multipart body, 415 for other types") {
        ServerProcess server({"--workers", "1"});
        httplib::Client client = server.client();

        const httplib::Result no_file =
            upload(client, "/extract", read_file(sample("receipt_small.png")), "r.png", "document");
        REQUIRE_MESSAGE(no_file, describe(no_file));
        CHECK(no_file->status == 400);
        CHECK(body_json(no_file).at("error").get<std::string>().find("'file'") != std::string::npos);

        const httplib::Result empty = upload(client, "/extract", "", "empty.pdf");
        REQUIRE_MESSAGE(empty, describe(empty));
        CHECK(empty->status == 400);
        CHECK(body_json(empty).contains("error"));

        const httplib::Result raw_body =
            client.Post("/extract", read_file(sample("invoice_text.pdf")), "application/pdf");
        REQUIRE_MESSAGE(raw_body, describe(raw_body));
        CHECK(raw_body->status == 400);
        CHECK(body_json(raw_body).contains("error"));

        // The type comes from the bytes: a text file named .pdf is refused, a PDF named .txt is accepted.
        const httplib::Result text = upload(client, "/extract", "Invoice 42\nTotal 10.00\n", "invoice.pdf");
        REQUIRE_MESSAGE(text, describe(text));
        CHECK(text->status == 415);
        CHECK(text->get_header_value("Content-Type") == "application/json");
        CHECK(body_json(text).at("error").get<std::string>().find("PDF, PNG, JPEG or TIFF") != std::string::npos);
        const httplib::Result html = upload(client, "/preview", "<html><body>x</body></html>", "page.png");
        REQUIRE_MESSAGE(html, describe(html));
        CHECK(html->status == 415);
        const httplib::Result renamed = upload(client, "/extract", read_file(sample("invoice_text.pdf")), "notes.txt");
        REQUIRE_MESSAGE(renamed, describe(renamed));
        CHECK(renamed->status == 202);
    }

    TEST_CASE("size limit: a declared length over the limit gets 413 before the body is sent") {
        ServerProcess server({"--workers", "1", "--max-upload-mb", "1"});
        // Declares 1 GB, sends a few bytes: a server that waited for the body would time out instead.
        const std::string boundary = "XyZ";
        const std::string request = "POST /extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                                    "boundary=" +
                                    boundary + "\r\nContent-Length: 1000000000\r\n\r\n" +
                                    multipart_head(boundary, "big.png") + "\x89PNG";
        const std::string response = raw_exchange(server.port(), request);
        CHECK(status_of(response) == 413);
        CHECK(nlohmann::json::parse(body_of(response)).at("error").get<std::string>().find("1 MB") !=
              std::string::npos);

        // With Expect: 100-continue the client is told before it sends anything.
        const std::string expecting = "POST /preview HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                                      "boundary=" +
                                      boundary + "\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n";
        const std::string early = raw_exchange(server.port(), expecting);
        CHECK(status_of(early) == 413);
        CHECK(nlohmann::json::parse(body_of(early)).contains("error"));
    }

    TEST_CASE("size limit: an upload growing past the limit is cut off while it is read") {
        ServerProcess server({"--workers", "1", "--max-upload-mb", "1"});
        const std::string png_start = read_file(sample("receipt_small.png"));
        std::string file = png_start;
        file.resize(1024U * 1024U + 1U, 'x'); // one byte over

        // Content-Length within the multipart allowance, so only counting while reading can catch it.
        httplib::Client client = server.client();
        const httplib::Result over = upload(client, "/extract", file, "big.png");
        REQUIRE_MESSAGE(over, describe(over));
        CHECK(over->status == 413);
        CHECK(body_json(over).contains("error"));

        // Chunked: no length is declared at all.
        const std::string boundary = "chunky";
        std::string body = multipart_head(boundary, "big.png") + file + file + "\r\n--" + boundary + "--\r\n";
        std::string request = "POST /extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                              "boundary=" +
                              boundary + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (std::size_t at = 0; at < body.size(); at += 65536) {
            const std::string piece = body.substr(at, 65536);
            char size[32];
            std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
            request += size + piece + "\r\n";
        }
        request += "0\r\n\r\n";
        const std::string response = raw_exchange(server.port(), request);
        CHECK(status_of(response) == 413);

        // Exactly at the limit is accepted (ending in an IEND chunk, so it is not refused as truncated).
        file.resize(1024U * 1024U);
        file.replace(file.size() - 12, 12, std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12));
        const httplib::Result at_limit = upload(client, "/extract", file, "limit.png");
        REQUIRE_MESSAGE(at_limit, describe(at_limit));
        CHECK(at_limit->status == 202);
    }

    TEST_CASE("a known path with another method: 405 with Allow at once, before any body is read") {
        ServerProcess server({"--workers", "1"});
        // Declares a body it never sends: a server that waited for the body would answer only after its read
        // timeout (and with 400).
        const std::string put = "PUT /extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                                "boundary=XyZ\r\nContent-Length: 100000\r\n\r\n" +
                                multipart_head("XyZ", "a.png") + "\x89PNG";
        const std::string response = raw_exchange(server.port(), put);
        CHECK(status_of(response) == 405);
        CHECK(header_of(response, "Allow") == "POST");
        CHECK(header_of(response, "Connection") == "close");
        CHECK(nlohmann::json::parse(body_of(response)).at("error").get<std::string>().find("POST") !=
              std::string::npos);

        // With Expect: 100-continue the client is told before it sends the body (no "100 Continue" first).
        const std::string expecting =
            "PUT /preview HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\nExpect: 100-continue\r\n\r\n";
        const std::string early = raw_exchange(server.port(), expecting);
        CHECK(status_of(early) == 405);
        CHECK(header_of(early, "Allow") == "POST");
        CHECK(nlohmann::json::parse(body_of(early)).contains("error"));

        httplib::Client client = server.client();
        const std::string id_path = "/result/0123456789abcdef0123456789abcdef";
        struct Case {
            httplib::Result result;
            std::string_view allow;
        };
        Case cases[] = {
            {client.Get("/extract"), "POST"},
            {client.Delete("/preview"), "POST"},
            {client.Post("/health", "{}", "application/json"), "GET, HEAD"},
            {client.Delete(id_path.c_str()), "GET, HEAD, PATCH"},
            {client.Post("/jobs", "x", "text/plain"), "GET, HEAD"},
            {client.Delete((id_path + "/pages/0.png").c_str()), "GET, HEAD"},
            {client.Put("/", "x", "text/plain"), "GET, HEAD"},
            {client.Patch("/static/app.js", "x", "text/plain"), "GET, HEAD"},
            {client.Post("/openapi.json", "x", "text/plain"), "GET, HEAD"},
        };
        for (const Case& c : cases) {
            REQUIRE_MESSAGE(c.result, describe(c.result));
            CAPTURE(c.result->body);
            CHECK(c.result->status == 405);
            CHECK(c.result->get_header_value("Allow") == c.allow);
            CHECK(body_json(c.result).contains("error"));
        }
        // The allowed methods still work, HEAD included, and an unknown path is still 404 whatever the method.
        CHECK(status_code(client.Head("/health")) == 200);
        CHECK(status_code(client.Get("/health")) == 200);
        CHECK(status_code(client.Get(id_path.c_str())) == 404);
        CHECK(status_code(client.Put("/no/such/page", "x", "text/plain")) == 404);
        CHECK(status_code(upload(client, "/extract", "not a document", "a.txt")) == 415);
    }

    TEST_CASE("access log: control characters in a path cannot forge or split a line") {
        const std::filesystem::path dir = scratch_dir("access-log");
        const std::filesystem::path log = dir / "server.log";
        {
            ServerProcess server({"--workers", "1"}, log);
            // Each path carries a token to find its line by; the rest is what an attacker would send. The server
            // decodes %XX before it logs the path.
            const std::vector<std::pair<std::string, std::string>> requests = {
                {"tok1",
                 "/result/tok1%0d%0a2026-01-01T00:00:00.000Z%20docextract-server:%2010.0.0.1%20GET%20/forged%20200"},
                {"tok2", "/tok2%0aforged%0a%0a"},
                {"tok3", "/tok3%0dcarriage"},
                {"tok4", "/static/tok4%1b%5b2J%00%7f%09"},
                {"tok5", "/tok5%e2%80%a8separator%c2%85next"},
                {"tok6", "/tok6%5cr%5cn"}, // a literal backslash-r: must not look like an escaped CR
            };
            for (const auto& [token, target] : requests) {
                CAPTURE(target);
                const std::string response = raw_exchange(
                    server.port(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
                CHECK(status_of(response) == 404);
                // The line is written after the answer: wait for it (one at a time, so the lines keep this order).
                wait_for_file(
                    log,
                    [&token](const std::string& text) {
                        const auto at = text.find(token);
                        return at != std::string::npos && text.find('\n', at) != std::string::npos &&
                               text.back() == '\n';
                    },
                    30s);
            }
            const std::string text = read_file(log);
            std::vector<std::string> lines;
            for (std::size_t at = 0; at < text.size();) {
                const auto end = text.find('\n', at);
                lines.push_back(text.substr(at, end - at));
                at = end + 1;
            }
            CAPTURE(text);
            REQUIRE(lines.size() == requests.size()); // one line per request, nothing else
            const std::regex access_line(
                R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z docextract-server: 127\.0\.0\.1 GET /.* 404)");
            for (std::size_t i = 0; i < lines.size(); ++i) {
                CAPTURE(lines[i]);
                CHECK(std::regex_match(lines[i], access_line));
                CHECK(lines[i].find(requests[i].first) != std::string::npos);
                for (char c : lines[i]) {
                    const auto byte = static_cast<unsigned char>(c);
                    CHECK_FALSE((byte < 0x20U || byte == 0x7FU));
                }
            }
            CHECK(lines[0].find(
                      "/result/tok1\\r\\n2026-01-01T00:00:00.000Z docextract-server: 10.0.0.1 GET /forged 200 404") !=
                  std::string::npos);
            CHECK(lines[1].find("/tok2\\nforged\\n\\n 404") != std::string::npos);
            CHECK(lines[3].find("/static/tok4\\x1b[2J\\x00\\x7f\\t 404") != std::string::npos);
            CHECK(lines[4].find("/tok5\\u2028separator\\u0085next 404") != std::string::npos);
            CHECK(lines[5].find("/tok6\\\\r\\\\n 404") != std::string::npos);
        }
        std::filesystem::remove_all(dir);
    }

    TEST_CASE("rate limits: 429 with Retry-After once a client is over its per-minute budget") {
        ServerProcess server({"--workers", "1", "--extract-per-minute", "2", "--preview-per-minute", "1"});
        httplib::Client client = server.client();
        const std::string bytes = read_file(sample("invoice_text.pdf"));
        CHECK(status_code(upload(client, "/extract", bytes, "a.pdf")) == 202);
        CHECK(status_code(upload(client, "/extract", bytes, "b.pdf")) == 202);
        const httplib::Result limited = upload(client, "/extract", bytes, "c.pdf");
        REQUIRE_MESSAGE(limited, describe(limited));
        CHECK(limited->status == 429);
        const int retry_after = std::stoi(limited->get_header_value("Retry-After"));
        CHECK(retry_after >= 1);
        CHECK(retry_after <= 60);
        CHECK(body_json(limited).contains("error"));

        // Separate budget per endpoint. The limit is checked before the upload is read, so a file of the wrong
        // type spends the budget like a document does, without rendering a preview: on a loaded machine the niced
        // preview threads can take minutes, which is not what this test is about (the preview test renders one).
        const std::string not_a_document = "plain text, not a document";
        const httplib::Result first_preview = upload(client, "/preview", not_a_document, "r.txt");
        REQUIRE_MESSAGE(first_preview, describe(first_preview));
        CHECK(first_preview->status == 415); // validated, so not limited by the /extract budget
        const httplib::Result second_preview = upload(client, "/preview", not_a_document, "r.txt");
        REQUIRE_MESSAGE(second_preview, describe(second_preview));
        CHECK(second_preview->status == 429);
        CHECK(second_preview->has_header("Retry-After"));
        // Reading results is not limited.
        CHECK(status_code(client.Get("/health")) == 200);
    }

    TEST_CASE("result: 404 for unknown and malformed ids, JSON 404s for unknown paths, and no expiry after the TTL") {
        ServerProcess server({"--workers", "1", "--result-ttl", "1"});
        httplib::Client client = server.client();
        for (const char* path : {"/result/0123456789abcdef0123456789abcdef", "/result/nope", "/no/such/page"}) {
            CAPTURE(path);
            const httplib::Result missing = client.Get(path);
            REQUIRE_MESSAGE(missing, describe(missing));
            CHECK(missing->status == 404);
            CHECK(body_json(missing).contains("error"));
        }
        const std::string id = submit(client, read_file(sample("invoice_text.pdf")), "invoice_text.pdf");
        const nlohmann::json done = wait_for_job(client, id, {"done", "failed"});
        CHECK(done.at("status") == "done");
        // The in-process queue forgets the job after the 1 s TTL; the job store keeps it (--retention-days).
        std::this_thread::sleep_for(2500ms);
        const httplib::Result later = client.Get("/result/" + id);
        REQUIRE_MESSAGE(later, describe(later));
        CHECK(later->status == 200);
        CHECK(body_json(later).at("result") == done.at("result"));
    }

    TEST_CASE("preview: the cleaned first page as PNG, and a damaged document is a JSON error") {
        // Preview threads at normal priority: on a loaded machine niced ones can wait minutes for the CPU, and
        // what is checked here is the picture, not the priority.
        ServerProcess server({"--workers", "1", "--worker-nice", "0"});
        httplib::Client client = server.client();
        const httplib::Result png = upload(client, "/preview", read_file(sample("invoice_photo.jpg")), "photo.jpg");
        REQUIRE_MESSAGE(png, describe(png));
        CHECK(png->status == 200);
        CHECK(png->get_header_value("Content-Type") == "image/png");
        REQUIRE(png->body.size() > 1000);
        CHECK(png->body.substr(0, 8) == "\x89PNG\r\n\x1a\n");

        const std::string broken = read_file(sample("receipt_small.png")).substr(0, 100);
        const httplib::Result bad = upload(client, "/preview", broken, "broken.png");
        REQUIRE_MESSAGE(bad, describe(bad));
        CHECK(bad->status >= 400);
        CHECK(body_json(bad).contains("error"));
    }

    TEST_CASE("the web page, the API docs and openapi.json are served, with no external sources") {
        ServerProcess server({"--workers", "1"});
        httplib::Client client = server.client();
        const httplib::Result page = client.Get("/");
        REQUIRE_MESSAGE(page, describe(page));
        CHECK(page->status == 200);
        CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
        CHECK(page->body.find("Extract Fields") != std::string::npos);
        CHECK(page->get_header_value("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
        for (const char* path : {"/static/app.js", "/static/style.css", "/static/docs.js", "/docs"}) {
            CAPTURE(path);
            const httplib::Result asset = client.Get(path);
            REQUIRE_MESSAGE(asset, describe(asset));
            CHECK(asset->status == 200);
            CHECK(!asset->body.empty());
        }
        const httplib::Result spec = client.Get("/openapi.json");
        REQUIRE_MESSAGE(spec, describe(spec));
        CHECK(spec->status == 200);
        CHECK(body_json(spec).at("paths").contains("/extract"));
        CHECK(status_code(client.Get("/static/../../etc/passwd")) == 404);
    }

    TEST_CASE("health reports the in-process queue") {
        ServerProcess server({"--workers", "3"});
        httplib::Client client = server.client();
        const httplib::Result health = client.Get("/health");
        REQUIRE_MESSAGE(health, describe(health));
        CHECK(health->status == 200);
        const nlohmann::json body = body_json(health);
        CHECK(body.at("status") == "ok");
        CHECK(body.at("backend") == "in-process");
        CHECK(body.at("workers_seen") == 3);
        CHECK(body.at("queue_depth") == 0);
        CHECK(body.at("redis") == "not used");
        CHECK(body.at("max_upload_bytes") == 20 * 1024 * 1024);
    }

    TEST_CASE("SIGTERM: the server stops accepting, finishes the running job and exits cleanly") {
        ServerProcess server({"--workers", "1"});
        httplib::Client client = server.client();
        const std::string id = submit(client, read_file(sample("receipt_small.png")), "receipt_small.png");
        wait_for_job(client, id, {"processing", "done"});
        server.process().send_signal(SIGTERM);
        const std::optional<int> status = server.process().wait_exit(120s);
        REQUIRE(status);
        CHECK(*status == 0);
        httplib::Client after = server.client();
        after.set_connection_timeout(1, 0);
        CHECK_FALSE(after.Get("/health"));
    }
}
