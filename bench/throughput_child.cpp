// SPDX-License-Identifier: MIT
#include "throughput_child.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace docextract::bench {
namespace {

double seconds(const timeval& time) {
    return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) * 1e-6;
}

/// Points `target` (1 or 2) at a new file; only async-signal-safe calls, as it runs between fork and exec.
void redirect(const char* path, int target) {
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0 || ::dup2(fd, target) < 0) {
        ::_exit(126);
    }
    ::close(fd);
}

} // namespace

ChildRun run_child(const std::vector<std::string>& argv, const std::map<std::string, std::string>& environment,
                   const std::filesystem::path& stdout_file, const std::filesystem::path& stderr_file) {
    if (argv.empty()) {
        throw std::runtime_error("no command to run");
    }
    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls are allowed.
    std::vector<std::string> env_strings;
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string variable(*entry);
        const std::string name = variable.substr(0, variable.find('='));
        if (environment.find(name) == environment.end()) {
            env_strings.push_back(variable);
        }
    }
    for (const auto& [name, value] : environment) {
        env_strings.push_back(name + "=" + value);
    }
    std::vector<char*> env_pointers;
    for (std::string& variable : env_strings) {
        env_pointers.push_back(variable.data());
    }
    env_pointers.push_back(nullptr);
    std::vector<std::string> arguments = argv;
    std::vector<char*> arg_pointers;
    for (std::string& argument : arguments) {
        arg_pointers.push_back(argument.data());
    }
    arg_pointers.push_back(nullptr);
    const std::string out_path = stdout_file.string();
    const std::string err_path = stderr_file.string();

    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) {
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    }
    if (pid == 0) {
        redirect(out_path.c_str(), STDOUT_FILENO);
        redirect(err_path.c_str(), STDERR_FILENO);
        ::execvpe(arg_pointers[0], arg_pointers.data(), env_pointers.data());
        ::_exit(127);
    }

    int status = 0;
    rusage usage{};
    while (::wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            throw std::runtime_error(std::string("wait4 failed: ") + std::strerror(errno));
        }
    }
    ChildRun run;
    run.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    run.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    run.max_rss_mb = static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux reports KiB
    if (WIFEXITED(status)) {
        run.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        run.exit_code = 128 + WTERMSIG(status);
    }
    return run;
}

} // namespace docextract::bench
