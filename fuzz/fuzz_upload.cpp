// SPDX-License-Identifier: MIT
// Fuzz target: the HTTP service's multipart upload reader (examples/http_service/upload_reader.*), fed through
// cpp-httplib's own request parser as the server runs it. The input is the body of a POST /extract with a fixed
// multipart boundary ("docextract-fuzz") and a Content-Length that matches; the reader runs with a small file
// limit so the over-limit paths are reached too.

#include "memory_stream.hpp"
#include "upload_reader.hpp"

#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

constexpr std::size_t max_file_bytes = std::size_t{64} * 1024;

/// A server whose request processing can be driven on a stream without sockets.
class StreamServer : public httplib::Server {
public:
    StreamServer() {
        Post("/extract", [](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
            const docextract::service::UploadOutcome outcome =
                docextract::service::read_upload(req, reader, max_file_bytes);
            if (outcome.upload.has_value() == outcome.rejection.has_value()) {
                __builtin_trap(); // exactly one of them
            }
            if (outcome.upload && (outcome.upload->bytes.empty() || outcome.upload->bytes.size() > max_file_bytes)) {
                __builtin_trap();
            }
            res.status = outcome.rejection ? outcome.rejection->status : 202;
        });
    }

    void serve(httplib::Stream& stream) {
        bool closed = false;
        process_request(stream, true, closed, nullptr);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static StreamServer server;
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    std::string request = "POST /extract HTTP/1.1\r\nHost: fuzz\r\n"
                          "Content-Type: multipart/form-data; boundary=docextract-fuzz\r\n"
                          "Content-Length: " +
                          std::to_string(size) + "\r\n\r\n";
    request.append(body);
    docextract::fuzz::MemoryStream stream(request);
    server.serve(stream);
    return 0;
}
