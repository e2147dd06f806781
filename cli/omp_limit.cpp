// SPDX-License-Identifier: MIT
#include "omp_limit.hpp"

#include <climits>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>
#include <vector>

namespace docextract::cli {

void limit_openmp_threads() {
    if (std::getenv("OMP_THREAD_LIMIT") != nullptr) {
        return; // the user's own limit, or this process is the re-execution
    }
    if (::setenv("OMP_THREAD_LIMIT", "1", 1) != 0) {
        return;
    }
    std::ifstream cmdline("/proc/self/cmdline", std::ios::binary);
    const std::string raw((std::istreambuf_iterator<char>(cmdline)), std::istreambuf_iterator<char>());
    if (raw.empty()) {
        return;
    }
    // The arguments are NUL-terminated strings, one after the other.
    std::vector<std::string> arguments;
    for (std::size_t start = 0; start < raw.size();) {
        const std::size_t end = raw.find('\0', start);
        arguments.push_back(raw.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? raw.size() : end + 1;
    }
    std::vector<char*> argv;
    argv.reserve(arguments.size() + 1);
    for (std::string& argument : arguments) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    // Execute the program's real path, not /proc/self/exe, so that ps and top keep showing its name (as the HTTP
    // service does, examples/http_service/openmp_limit.cpp).
    char path[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0) {
        return;
    }
    path[length] = '\0';
    ::execv(path, argv.data());
    // execv only returns on failure: go on with OpenMP as it was loaded (slower with several workers, still right).
}

} // namespace docextract::cli
