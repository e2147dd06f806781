// SPDX-License-Identifier: MIT
#include "upload_validation.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace docextract::service;

namespace {
constexpr std::size_t limit = 20U * 1024U * 1024U;

std::string with_magic(std::string_view magic) {
    std::string bytes(magic);
    bytes.append(64, '\0');
    return bytes;
}
} // namespace

TEST_SUITE("upload_validation") {
    TEST_CASE("declared length: within the limit plus multipart overhead passes, above is 413") {
        CHECK_FALSE(check_declared_length("", limit)); // chunked: enforced while reading
        CHECK_FALSE(check_declared_length("1000", limit));
        CHECK_FALSE(check_declared_length(std::to_string(limit + multipart_overhead_allowance), limit));
        const auto over = check_declared_length(std::to_string(limit + multipart_overhead_allowance + 1), limit);
        REQUIRE(over);
        CHECK(over->status == 413);
        CHECK(over->message.find("20 MB") != std::string::npos);
        const auto huge = check_declared_length("99999999999999999999999999", limit); // beyond 64 bits
        REQUIRE(huge);
        CHECK(huge->status == 413);
    }

    TEST_CASE("declared length: garbage is a bad request") {
        for (const char* value : {"abc", "-5", "12 34", "0x10"}) {
            CAPTURE(value);
            const auto rejection = check_declared_length(value, limit);
            REQUIRE(rejection);
            CHECK(rejection->status == 400);
        }
    }

    TEST_CASE("content: the four supported formats pass by their bytes, whatever the name") {
        const std::string png_end("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
        CHECK_FALSE(check_file_content(with_magic("%PDF-1.7\n") + "\n%%EOF\n"));
        CHECK_FALSE(check_file_content(with_magic("\x89PNG\r\n\x1a\n") + png_end));
        CHECK_FALSE(check_file_content(with_magic("\xFF\xD8\xFF\xE0") + "\xFF\xDA..\xFF\xD9"));
        CHECK_FALSE(check_file_content(with_magic(std::string_view("II*\0", 4))));
        CHECK_FALSE(check_file_content(with_magic(std::string_view("MM\0*", 4))));
    }

    TEST_CASE("content: a PNG, JPEG or PDF cut short (no end marker) is 422") {
        for (const std::string& bytes : {with_magic("%PDF-1.7\n"), with_magic("\x89PNG\r\n\x1a\n"),
                                         with_magic("\xFF\xD8\xFF\xE0") + "\xFF\xD9 thumbnail end, then \xFF\xDA"}) {
            CAPTURE(bytes);
            const auto rejection = check_file_content(bytes);
            REQUIRE(rejection);
            CHECK(rejection->status == 422);
            CHECK(rejection->message.find("truncated") != std::string::npos);
        }
    }

    TEST_CASE("content: anything else is 415, nothing at all is 400") {
        for (const std::string& bytes :
             {std::string("hello world, this is text"), std::string("PK\x03\x04zipzipzip"),
              std::string("<html><body>invoice</body></html>"), std::string("GIF89a......")}) {
            CAPTURE(bytes);
            const auto rejection = check_file_content(bytes);
            REQUIRE(rejection);
            CHECK(rejection->status == 415);
        }
        const auto empty = check_file_content("");
        REQUIRE(empty);
        CHECK(empty->status == 400);
    }

    TEST_CASE("file names keep the last path component, lose control characters and stay short") {
        CHECK(sanitize_filename("invoice.pdf") == "invoice.pdf");
        CHECK(sanitize_filename("C:\\Users\\me\\scan 1.png") == "scan 1.png");
        CHECK(sanitize_filename("../../etc/passwd") == "passwd");
        CHECK(sanitize_filename("a\r\nb\x01.pdf") == "ab.pdf");
        CHECK(sanitize_filename("") == "upload");
        CHECK(sanitize_filename("dir/") == "upload");
        CHECK(sanitize_filename(std::string(300, 'x')).size() == 255);
        // Cutting inside a UTF-8 sequence drops the partial character.
        std::string accents;
        for (int i = 0; i < 200; ++i) {
            accents += "\xC3\xA9"; // é
        }
        const std::string cut = sanitize_filename(accents);
        CHECK(cut.size() == 254);
        CHECK(cut.substr(cut.size() - 2) == "\xC3\xA9");
    }

    TEST_CASE("sizes are described in the unit they were configured in") {
        CHECK(describe_size(20U * 1024U * 1024U) == "20 MB");
        CHECK(describe_size(64U * 1024U) == "64 KB");
        CHECK(describe_size(1000) == "1000 bytes");
    }
}
