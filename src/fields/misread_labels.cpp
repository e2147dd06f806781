// SPDX-License-Identifier: MIT
#include "fields/misread_labels.hpp"

#include "fields/edit_distance.hpp"
#include "fields/vocabulary.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

namespace {

/// Errors allowed in a word of this length: one up to 10 letters, two from 11.
std::size_t tolerated_errors(std::size_t length) {
    return length >= 11 ? 2 : 1;
}

/// The tolerant word a token (lower case) is a misreading of: the same first letter, within the tolerated errors,
/// and no other word as close.
const MisreadWord* misread_label(std::string_view token) {
    const MisreadWord* best = nullptr;
    std::size_t best_distance = 0;
    bool tied = false;
    for (const auto& w : shipped_vocabulary().misread) {
        if (token.empty() || token[0] != w.word[0]) {
            continue;
        }
        const std::size_t limit = tolerated_errors(w.word.size());
        const std::size_t d = edit_distance(token, w.word, limit);
        if (d == 0 || d > limit) {
            continue; // an exact spelling is the vocabulary's business
        }
        if (best == nullptr || d < best_distance) {
            best = &w;
            best_distance = d;
            tied = false;
        } else if (d == best_distance && w.kind != best->kind) {
            tied = true;
        }
    }
    return tied ? nullptr : best;
}

bool token_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

} // namespace

void add_misread_labels(std::string_view text, std::vector<LabelMatch>& kept) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (!token_byte(text[i])) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < text.size() && token_byte(text[end])) {
            ++end;
        }
        const Span span{i, end};
        i = end;
        if (span.size() < 7 || span.size() > 19) {
            continue;
        }
        const bool covered = std::any_of(kept.begin(), kept.end(), [&](const LabelMatch& k) {
            return k.span.begin < span.end && span.begin < k.span.end;
        });
        if (covered) {
            continue;
        }
        std::string token(span.in(text));
        std::transform(token.begin(), token.end(), token.begin(),
                       [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
        if (const MisreadWord* w = misread_label(token)) {
            const Locale& locale = shipped_vocabulary().locales[w->locale];
            kept.push_back(LabelMatch{w->kind, locale.name, locale.day_first, w->strength, span});
        }
    }
}

} // namespace docextract::detail
