// SPDX-License-Identifier: MIT
// json_check: validates docextract's JSON output for the CLI tests, so they need no Python.
//   json_check FILE --object [--expect INDEX:POINTER=VALUE]...   FILE holds one JSON object (may be indented)
//   json_check FILE --lines N [--expect INDEX:POINTER=VALUE]...  FILE holds exactly N lines, each a JSON object
// POINTER is a JSON pointer (/fields/total/value). A string is compared as is, anything else by its JSON text
// (null, true, 3). INDEX is the line number from 0 (0 for --object). Exit 0 when everything holds.
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Expectation {
    std::size_t index = 0;
    std::string pointer;
    std::string value;
};

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "json_check: " << message << '\n';
    std::exit(1);
}

Expectation parse_expectation(const std::string& text) {
    const std::size_t colon = text.find(':');
    const std::size_t equals = text.find('=', colon == std::string::npos ? 0 : colon);
    if (colon == std::string::npos || equals == std::string::npos) {
        fail("--expect wants INDEX:POINTER=VALUE, got '" + text + "'");
    }
    return {std::stoul(text.substr(0, colon)), text.substr(colon + 1, equals - colon - 1), text.substr(equals + 1)};
}

nlohmann::json parse_object(const std::string& text, const std::string& where) {
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& error) {
        fail(where + " is not valid JSON: " + error.what());
    }
    if (!json.is_object()) {
        fail(where + " is not a JSON object");
    }
    return json;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        fail("usage: json_check FILE (--object | --lines N) [--expect INDEX:POINTER=VALUE]...");
    }
    std::ifstream in(argv[1], std::ios::binary);
    if (!in) {
        fail(std::string("cannot read ") + argv[1]);
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string content = buffer.str();

    std::vector<nlohmann::json> documents;
    std::vector<Expectation> expectations;
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--object") {
            documents.push_back(parse_object(content, "the output"));
        } else if (arg == "--lines" && i + 1 < argc) {
            const std::size_t wanted = std::stoul(argv[++i]);
            std::istringstream lines(content);
            std::string line;
            while (std::getline(lines, line)) {
                documents.push_back(parse_object(line, "line " + std::to_string(documents.size())));
            }
            if (content.empty() || content.back() != '\n') {
                fail("JSONL output must end with a newline");
            }
            if (documents.size() != wanted) {
                fail("expected " + std::to_string(wanted) + " lines, got " + std::to_string(documents.size()));
            }
        } else if (arg == "--expect" && i + 1 < argc) {
            expectations.push_back(parse_expectation(argv[++i]));
        } else {
            fail("unknown argument '" + arg + "'");
        }
    }
    if (documents.empty()) {
        fail("give --object or --lines N");
    }
    for (const Expectation& e : expectations) {
        const std::string where = "line " + std::to_string(e.index) + " " + e.pointer;
        if (e.index >= documents.size()) {
            fail(where + ": no such line");
        }
        const nlohmann::json::json_pointer pointer(e.pointer);
        if (!documents[e.index].contains(pointer)) {
            fail(where + ": missing");
        }
        const nlohmann::json& value = documents[e.index].at(pointer);
        const std::string actual = value.is_string() ? value.get<std::string>() : value.dump();
        if (actual != e.value) {
            fail(where + ": expected '" + e.value + "', got '" + actual + "'");
        }
    }
    std::cout << "json_check: " << documents.size() << " object(s), " << expectations.size()
              << " expectation(s) hold\n";
    return 0;
}
