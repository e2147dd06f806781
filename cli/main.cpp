// SPDX-License-Identifier: MIT
// docextract: extracts invoice and receipt fields from files and folders (see docs/cli.md).
#include "options.hpp"
#include "run.hpp"

#include <docextract/memory.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    docextract::reuse_page_buffers();
    CLI::App app{"docextract"};
    app.name("docextract");
    docextract::cli::CliOptions options;
    docextract::cli::setup(app, options);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        // --help and --version exit 0; every real parse error exits 2 (CLI11 reports 1xx codes otherwise).
        const int code = app.exit(error);
        return code == 0 ? 0 : docextract::cli::exit_usage;
    }
    try {
        return docextract::cli::run(options);
    } catch (const std::exception& error) {
        std::cerr << "docextract: " << error.what() << '\n';
        return docextract::cli::exit_failed;
    }
}
