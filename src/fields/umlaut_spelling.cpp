// SPDX-License-Identifier: MIT
#include "fields/umlaut_spelling.hpp"

#include "fields/ascii.hpp"
#include "fields/edit_distance.hpp"

#include <algorithm>
#include <array>

namespace docextract::detail {

namespace {

/// Domain words this short are too likely to match a word by chance.
constexpr std::size_t min_domain_word = 5;
/// Bytes an umlaut spelling may differ from the word OCR read (an umlaut is two bytes in UTF-8).
constexpr std::size_t max_distance = 2;
/// Umlaut spellings tried per domain word, at most.
constexpr std::size_t max_spellings = 8;

struct Umlaut {
    std::string_view ascii;
    std::string_view lower;
    std::string_view upper;
};
constexpr std::array<Umlaut, 3> umlauts = {{{"ae", "ä", "Ä"}, {"oe", "ö", "Ö"}, {"ue", "ü", "Ü"}}};

bool ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/// The spellings of a domain word with some of its ae/oe/ue written as umlauts (at least one), lower case.
std::vector<std::string> umlaut_spellings(const std::string& word) {
    std::vector<std::string> out;
    const auto expand = [&](auto&& self, const std::string& done, std::size_t from, bool changed) -> void {
        if (out.size() >= max_spellings) {
            return;
        }
        if (from >= word.size()) {
            if (changed) {
                out.push_back(done);
            }
            return;
        }
        for (const auto& u : umlauts) {
            if (word.compare(from, 2, u.ascii) == 0) {
                self(self, done + std::string(u.lower), from + 2, true);
            }
        }
        self(self, done + word[from], from + 1, changed);
    };
    expand(expand, std::string(), 0, false);
    return out;
}

/// `spelling` (lower case) in the case of `as_read`: all capitals, a capital first, or as it is.
std::string in_case_of(const std::string& spelling, std::string_view as_read) {
    const bool capitals = std::none_of(as_read.begin(), as_read.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    const bool first = !as_read.empty() && as_read.front() >= 'A' && as_read.front() <= 'Z';
    std::string out;
    for (std::size_t i = 0; i < spelling.size(); ++i) {
        std::string_view rest = std::string_view(spelling).substr(i);
        const bool upper = capitals || (first && i == 0);
        const auto umlaut = std::find_if(umlauts.begin(), umlauts.end(),
                                         [&](const Umlaut& u) { return rest.substr(0, u.lower.size()) == u.lower; });
        if (umlaut != umlauts.end()) {
            out += upper ? umlaut->upper : umlaut->lower;
            i += umlaut->lower.size() - 1;
        } else {
            const char c = spelling[i];
            out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        }
    }
    return out;
}

} // namespace

std::vector<std::string> domain_words(std::string_view address) {
    std::string_view domain = address;
    if (const auto at = domain.find('@'); at != std::string_view::npos) {
        domain = domain.substr(at + 1);
    } else {
        if (const auto scheme = domain.find("//"); scheme != std::string_view::npos) {
            domain = domain.substr(scheme + 2);
        }
        if (domain.substr(0, 4) == "www.") {
            domain = domain.substr(4);
        }
    }
    domain = domain.substr(0, domain.find('/'));
    if (const auto tld = domain.rfind('.'); tld != std::string_view::npos) {
        domain = domain.substr(0, tld);
    }
    std::vector<std::string> out;
    std::string word;
    for (std::size_t i = 0; i <= domain.size(); ++i) {
        if (i < domain.size() && ascii_letter(domain[i])) {
            word += domain[i];
            continue;
        }
        if (word.size() >= min_domain_word) {
            out.push_back(ascii_lower(word));
        }
        word.clear();
    }
    return out;
}

std::string respelled_umlauts(std::string_view name, const std::vector<std::string>& words) {
    std::string out;
    std::size_t i = 0;
    while (i < name.size()) {
        // Words are runs of letters: ASCII and the bytes of UTF-8 letters (an OCR'd "é" where "ü" was printed).
        std::size_t end = i;
        while (end < name.size() && (ascii_letter(name[end]) || static_cast<unsigned char>(name[end]) >= 0x80)) {
            ++end;
        }
        if (end == i) {
            out += name[i++];
            continue;
        }
        const std::string_view as_read = name.substr(i, end - i);
        const std::string lower = ascii_lower(as_read);
        std::string best;
        std::size_t best_distance = max_distance + 1;
        const bool spelled_so = std::any_of(
            words.begin(), words.end(), [&](const std::string& word) { return word.find(lower) != std::string::npos; });
        // The domain word may join several words of the name ("kraemerbuerotechnik"): each piece of about the
        // word's length is tried. A name word written in the domain as read needs no repair ("Kraemer", "Samuel").
        for (const auto& word : spelled_so || lower.size() < min_domain_word ? std::vector<std::string>() : words) {
            const std::size_t shortest = lower.size() > max_distance ? lower.size() - max_distance : 1;
            for (std::size_t start = 0; start < word.size(); ++start) {
                for (std::size_t length = shortest; length <= lower.size() + max_distance; ++length) {
                    if (start + length > word.size()) {
                        break;
                    }
                    for (const auto& spelling : umlaut_spellings(word.substr(start, length))) {
                        const std::size_t d = edit_distance(lower, spelling, max_distance + 1);
                        if (d < best_distance) {
                            best_distance = d;
                            best = spelling;
                        }
                    }
                }
            }
        }
        out += best.empty() ? std::string(as_read) : in_case_of(best, as_read);
        i = end;
    }
    return out;
}

} // namespace docextract::detail
