// SPDX-License-Identifier: MIT
#include "job_id.hpp"
#include "job_queue.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <random>
#include <set>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <system_error>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace docextract::service;

namespace {

// --- Predicting std::mt19937_64 from its outputs -------------------------------------------------------------
// 312 consecutive outputs of a Mersenne Twister give away its state, and with it every later output. Ids made of
// such outputs are guessable by anyone who has seen enough ids; ids from the kernel's generator are not.

constexpr std::size_t mt_n = 312;
constexpr std::size_t mt_m = 156;
constexpr std::uint64_t mt_a = 0xB5026F5AA96619E9ULL;
constexpr std::uint64_t mt_lower = (std::uint64_t{1} << 31U) - 1U;
constexpr std::uint64_t mt_upper = ~mt_lower;

std::uint64_t undo_right(std::uint64_t y, unsigned shift, std::uint64_t mask) {
    std::uint64_t x = y;
    for (unsigned known = 0; known < 64; known += shift) {
        x = y ^ ((x >> shift) & mask);
    }
    return x;
}

std::uint64_t undo_left(std::uint64_t y, unsigned shift, std::uint64_t mask) {
    std::uint64_t x = y;
    for (unsigned known = 0; known < 64; known += shift) {
        x = y ^ ((x << shift) & mask);
    }
    return x;
}

/// The state word behind one output (the inverse of mt19937_64's tempering).
std::uint64_t untemper(std::uint64_t y) {
    y = undo_right(y, 43, ~std::uint64_t{0});
    y = undo_left(y, 37, 0xFFF7EEE000000000ULL);
    y = undo_left(y, 17, 0x71D67FFFEDA60000ULL);
    y = undo_right(y, 29, 0x5555555555555555ULL);
    return y;
}

std::uint64_t temper(std::uint64_t x) {
    x ^= (x >> 29U) & 0x5555555555555555ULL;
    x ^= (x << 17U) & 0x71D67FFFEDA60000ULL;
    x ^= (x << 37U) & 0xFFF7EEE000000000ULL;
    x ^= x >> 43U;
    return x;
}

/// The output that follows `outputs` (at least 312 consecutive outputs) if they came from a std::mt19937_64.
std::uint64_t predict_next(const std::vector<std::uint64_t>& outputs) {
    const std::size_t k = outputs.size() - mt_n; // x[k + n] = x[k + m] ^ twist(x[k], x[k + 1])
    const std::uint64_t x0 = untemper(outputs[k]);
    const std::uint64_t x1 = untemper(outputs[k + 1]);
    const std::uint64_t xm = untemper(outputs[k + mt_m]);
    const std::uint64_t y = (x0 & mt_upper) | (x1 & mt_lower);
    return temper(xm ^ (y >> 1U) ^ ((x1 & 1U) != 0 ? mt_a : 0));
}

std::uint64_t hex_word(const std::string& id, std::size_t word) {
    return std::stoull(id.substr(16 * word, 16), nullptr, 16);
}

// --- A child process in which getrandom(2) fails ---------------------------------------------------------------

/// Runs `body` in a forked child whose getrandom calls fail with EPERM (a seccomp filter); returns the child's
/// exit code, or -1 when the kernel refuses the filter.
template <typename Body> int run_without_getrandom(Body body) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::array<sock_filter, 4> filter = {{
            BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
            BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getrandom, 0, 1),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
            BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        }};
        sock_fprog program{static_cast<unsigned short>(filter.size()), filter.data()};
        if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
            ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) != 0) {
            ::_exit(100);
        }
        std::array<std::byte, 4> probe{};
        if (::getrandom(probe.data(), probe.size(), 0) != -1 || errno != EPERM) {
            ::_exit(101); // the filter is not in force
        }
        ::_exit(body());
    }
    REQUIRE(pid > 0);
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 100 || WEXITSTATUS(status) == 101) {
        return -1;
    }
    return WEXITSTATUS(status);
}

// --- Signals that interrupt getrandom ---------------------------------------------------------------------------

extern "C" void ignore_signal(int /*signal*/) {}

/// Sends SIGUSR1 (installed without SA_RESTART) to the calling thread, over and over, while it lives.
class SignalStorm {
public:
    SignalStorm() : target_(::pthread_self()) {
        struct sigaction action {};
        action.sa_handler = ignore_signal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = 0; // no SA_RESTART: a blocked system call returns early
        ::sigaction(SIGUSR1, &action, &previous_);
        sender_ = std::thread([this] {
            while (!stop_) {
                ::pthread_kill(target_, SIGUSR1);
                std::this_thread::yield();
            }
        });
    }
    ~SignalStorm() {
        stop_ = true;
        sender_.join();
        ::sigaction(SIGUSR1, &previous_, nullptr);
    }
    SignalStorm(const SignalStorm&) = delete;
    SignalStorm& operator=(const SignalStorm&) = delete;

private:
    pthread_t target_;
    struct sigaction previous_ {};
    std::atomic<bool> stop_{false};
    std::thread sender_;
};

/// True when no 4 KiB block of the buffer (which started as zeros) is still all zeros.
bool filled(const std::vector<std::byte>& buffer) {
    for (std::size_t at = 0; at < buffer.size(); at += 4096) {
        const auto end = buffer.begin() + static_cast<std::ptrdiff_t>(std::min(buffer.size(), at + 4096));
        if (std::all_of(buffer.begin() + static_cast<std::ptrdiff_t>(at), end,
                        [](std::byte b) { return b == std::byte{0}; })) {
            return false;
        }
    }
    return true;
}

} // namespace

TEST_SUITE("job_id") {
    TEST_CASE("ids are 32 lower-case hex digits and do not repeat") {
        std::set<std::string> seen;
        for (int i = 0; i < 10000; ++i) {
            const std::string id = new_job_id();
            REQUIRE(is_valid_job_id(id));
            REQUIRE(seen.insert(id).second);
        }
    }

    TEST_CASE("ids drawn on several threads at once do not repeat") {
        constexpr int threads = 4;
        constexpr int per_thread = 5000;
        std::vector<std::vector<std::string>> drawn(threads);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&drawn, t] {
                for (int i = 0; i < per_thread; ++i) {
                    drawn[static_cast<std::size_t>(t)].push_back(new_job_id());
                }
            });
        }
        for (std::thread& worker : workers) {
            worker.join();
        }
        std::set<std::string> seen;
        for (const auto& ids : drawn) {
            for (const std::string& id : ids) {
                REQUIRE(is_valid_job_id(id));
                REQUIRE(seen.insert(id).second);
            }
        }
        CHECK(seen.size() == std::size_t{threads} * per_thread);
    }

    TEST_CASE("the next id cannot be computed from earlier ones (no Mersenne Twister behind them)") {
        // The predictor works: it foretells a real mt19937_64 ...
        std::mt19937_64 twister(std::random_device{}());
        std::vector<std::uint64_t> outputs;
        for (std::size_t i = 0; i < mt_n; ++i) {
            outputs.push_back(twister());
        }
        for (int i = 0; i < 8; ++i) {
            const std::uint64_t predicted = predict_next(outputs);
            outputs.push_back(twister());
            REQUIRE(predicted == outputs.back());
        }
        // ... but not the ids: 156 consecutive ids (312 64-bit words) say nothing about the next 20.
        outputs.clear();
        for (std::size_t i = 0; i < mt_n / 2; ++i) {
            const std::string id = new_job_id();
            outputs.push_back(hex_word(id, 0));
            outputs.push_back(hex_word(id, 1));
        }
        int foretold = 0;
        for (int i = 0; i < 20; ++i) {
            const std::string id = new_job_id();
            for (std::size_t word = 0; word < 2; ++word) {
                foretold += predict_next(outputs) == hex_word(id, word) ? 1 : 0;
                outputs.push_back(hex_word(id, word));
            }
        }
        CHECK(foretold == 0);
    }

    TEST_CASE("every id is drawn from getrandom: where getrandom fails, no id is made") {
        CHECK(is_valid_job_id(new_job_id())); // anything lazily set up is set up before the fork
        const int code = run_without_getrandom([] {
            try {
                (void)new_job_id();
                return 1; // an id without getrandom
            } catch (const std::system_error& e) {
                return e.code() == std::errc::operation_not_permitted ? 0 : 2;
            } catch (...) {
                return 3;
            }
        });
        if (code == -1) {
            MESSAGE("seccomp filters are not available here: getrandom cannot be made to fail");
        } else {
            CHECK(code == 0);
        }
    }

    TEST_CASE("secure_random_bytes fills the whole buffer, also when signals cut getrandom short") {
        std::array<std::byte, 32> first{};
        std::array<std::byte, 32> second{};
        secure_random_bytes(first);
        secure_random_bytes(second);
        CHECK(first != second);
        secure_random_bytes({}); // nothing asked, nothing done

        // Large requests under a storm of signals: the kernel returns part of the request (or EINTR), and the
        // function must go on until every byte is filled.
        constexpr std::size_t size = std::size_t{8} << 20U;
        bool saw_short_read = false;
        {
            const SignalStorm storm;
            for (int attempt = 0; attempt < 50 && !saw_short_read; ++attempt) {
                std::vector<std::byte> raw(size);
                const ssize_t n = ::getrandom(raw.data(), raw.size(), 0);
                saw_short_read = (n >= 0 && static_cast<std::size_t>(n) < size) || (n < 0 && errno == EINTR);
            }
            for (int round = 0; round < 5; ++round) {
                std::vector<std::byte> buffer(size);
                secure_random_bytes(buffer);
                REQUIRE(filled(buffer));
            }
        }
        if (!saw_short_read) {
            MESSAGE("no getrandom call was interrupted in 50 tries; the retry path may not have run");
        }
    }

    TEST_CASE("anything else is not an id") {
        CHECK_FALSE(is_valid_job_id(""));
        CHECK_FALSE(is_valid_job_id("0123456789abcdef0123456789abcde"));   // 31
        CHECK_FALSE(is_valid_job_id("0123456789abcdef0123456789abcdef0")); // 33
        CHECK_FALSE(is_valid_job_id("0123456789ABCDEF0123456789abcdef"));  // upper case
        CHECK_FALSE(is_valid_job_id("0123456789abcdef0123456789abcde*"));
        CHECK_FALSE(is_valid_job_id("../../../../../../../../../etc/pw"));
    }

    TEST_CASE("job states round-trip through their names") {
        for (JobState state : {JobState::queued, JobState::processing, JobState::done, JobState::failed}) {
            CHECK(parse_job_state(to_string(state)) == state);
        }
        CHECK_FALSE(parse_job_state("finished"));
    }
}
