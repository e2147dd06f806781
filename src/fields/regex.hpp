// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// Byte range of a match or capture group inside the subject.
struct Span {
    std::size_t begin = 0; ///< First byte.
    std::size_t end = 0;   ///< One past the last byte.

    [[nodiscard]] std::size_t size() const noexcept { return end - begin; }
    [[nodiscard]] std::string_view in(std::string_view subject) const noexcept {
        return subject.substr(begin, end - begin);
    }
};

/// One match: the whole match and each capture group (nullopt when a group did not take part).
struct RegexMatch {
    Span whole;
    std::vector<std::optional<Span>> groups; ///< groups[0] is capture group 1.

    /// Text of capture group n (1-based); empty when the group did not participate.
    [[nodiscard]] std::string_view group(std::string_view subject, std::size_t n) const noexcept;
    /// True when capture group n (1-based) participated in the match.
    [[nodiscard]] bool has(std::size_t n) const noexcept;
};

/// A compiled PCRE2 pattern (UTF-8, Unicode properties). Compiled once, JIT-compiled when available;
/// const member functions may be called from many threads at once (match data is per call).
class Regex {
public:
    /// Compile options.
    enum Flags : unsigned {
        none = 0U,
        caseless = 1U, ///< Case-insensitive (Unicode case folding).
        extended = 2U, ///< Whitespace and #-comments in the pattern are ignored.
    };

    /// Compiles the pattern; throws Error(invalid_argument) with PCRE2's message if it is malformed.
    explicit Regex(std::string_view pattern, unsigned flags = caseless);
    Regex(Regex&&) noexcept;
    Regex& operator=(Regex&&) noexcept;
    ~Regex();

    /// First match at or after byte offset start, or nullopt.
    [[nodiscard]] std::optional<RegexMatch> search(std::string_view subject, std::size_t start = 0) const;
    /// All non-overlapping matches, left to right.
    [[nodiscard]] std::vector<RegexMatch> find_all(std::string_view subject) const;
    /// True when the whole subject matches.
    [[nodiscard]] bool full_match(std::string_view subject) const;
    /// The pattern as given.
    [[nodiscard]] const std::string& pattern() const noexcept { return pattern_; }

private:
    struct Impl;
    std::string pattern_;
    std::unique_ptr<Impl> impl_;
};

/// Text as a PCRE2 pattern that matches exactly it ("Rs." -> "Rs\\.").
[[nodiscard]] std::string regex_literal(std::string_view text);

} // namespace docextract::detail
