// SPDX-License-Identifier: MIT
#define PCRE2_CODE_UNIT_WIDTH 8
#include "fields/regex.hpp"

#include <docextract/error.hpp>

#include <pcre2.h>

#include <array>

namespace docextract::detail {

std::string_view RegexMatch::group(std::string_view subject, std::size_t n) const noexcept {
    if (n == 0 || n > groups.size() || !groups[n - 1]) {
        return {};
    }
    return groups[n - 1]->in(subject);
}

bool RegexMatch::has(std::size_t n) const noexcept {
    return n > 0 && n <= groups.size() && groups[n - 1];
}

struct Regex::Impl {
    pcre2_code* code = nullptr;
    std::uint32_t capture_count = 0;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() { pcre2_code_free(code); }
};

namespace {

struct MatchDataDeleter {
    void operator()(pcre2_match_data* data) const noexcept { pcre2_match_data_free(data); }
};
using MatchData = std::unique_ptr<pcre2_match_data, MatchDataDeleter>;

std::string pcre2_message(int error_code) {
    std::array<PCRE2_UCHAR, 256> buffer{};
    const int n = pcre2_get_error_message(error_code, buffer.data(), buffer.size());
    if (n < 0) {
        return "unknown PCRE2 error " + std::to_string(error_code);
    }
    return {reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(n)};
}

/// Runs one match; returns the match or nullopt (no match, or a subject PCRE2 refuses).
std::optional<RegexMatch> match_once(const pcre2_code* code, std::uint32_t capture_count, std::string_view subject,
                                     std::size_t start, std::uint32_t options) {
    if (start > subject.size()) {
        return std::nullopt;
    }
    const MatchData data(pcre2_match_data_create_from_pattern(code, nullptr));
    if (!data) {
        return std::nullopt;
    }
    const int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), start, options,
                               data.get(), nullptr);
    if (rc < 0) {
        return std::nullopt; // PCRE2_ERROR_NOMATCH or a match-time limit: treat both as "no match"
    }
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data.get());
    RegexMatch match;
    match.whole = Span{ovector[0], ovector[1]};
    match.groups.resize(capture_count);
    for (std::uint32_t i = 1; i <= capture_count; ++i) {
        const PCRE2_SIZE b = ovector[2 * i];
        const PCRE2_SIZE e = ovector[2 * i + 1];
        if (b != PCRE2_UNSET && e != PCRE2_UNSET) {
            match.groups[i - 1] = Span{b, e};
        }
    }
    return match;
}

} // namespace

Regex::Regex(std::string_view pattern, unsigned flags) : pattern_(pattern), impl_(std::make_unique<Impl>()) {
    std::uint32_t options = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
    if ((flags & caseless) != 0U) {
        options |= PCRE2_CASELESS;
    }
    if ((flags & extended) != 0U) {
        options |= PCRE2_EXTENDED;
    }
    int error_code = 0;
    PCRE2_SIZE error_offset = 0;
    impl_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern_.data()), pattern_.size(), options, &error_code,
                                &error_offset, nullptr);
    if (impl_->code == nullptr) {
        throw Error(ErrorCode::invalid_argument, "invalid regular expression '" + pattern_ + "' at offset " +
                                                     std::to_string(error_offset) + ": " + pcre2_message(error_code));
    }
    // JIT is an optimisation only: without it (unsupported CPU, no executable memory) the interpreter runs.
    (void)pcre2_jit_compile(impl_->code, PCRE2_JIT_COMPLETE);
    (void)pcre2_pattern_info(impl_->code, PCRE2_INFO_CAPTURECOUNT, &impl_->capture_count);
}

Regex::Regex(Regex&&) noexcept = default;
Regex& Regex::operator=(Regex&&) noexcept = default;
Regex::~Regex() = default;

std::optional<RegexMatch> Regex::search(std::string_view subject, std::size_t start) const {
    return match_once(impl_->code, impl_->capture_count, subject, start, 0);
}

std::vector<RegexMatch> Regex::find_all(std::string_view subject) const {
    std::vector<RegexMatch> out;
    std::size_t start = 0;
    while (start <= subject.size()) {
        auto m = match_once(impl_->code, impl_->capture_count, subject, start, 0);
        if (!m) {
            break;
        }
        std::size_t next = m->whole.end;
        if (m->whole.end == m->whole.begin) {
            // Empty match: step over one UTF-8 code point so the loop always advances.
            next = m->whole.end + 1;
            while (next < subject.size() && (static_cast<unsigned char>(subject[next]) & 0xC0U) == 0x80U) {
                ++next;
            }
        }
        out.push_back(std::move(*m));
        start = next;
    }
    return out;
}

bool Regex::full_match(std::string_view subject) const {
    return match_once(impl_->code, impl_->capture_count, subject, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED).has_value();
}

std::string regex_literal(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos) {
            out += '\\';
        }
        out += c;
    }
    return out;
}

} // namespace docextract::detail
