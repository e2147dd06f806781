// SPDX-License-Identifier: MIT
#include "fields/names.hpp"

#include "fields/regex.hpp"
#include "fields/vocabulary.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace docextract::detail {

namespace {

/// A name matches an owner key fully when the shorter covers at least this share of the longer.
constexpr double min_cover = 0.7;

/// Folds one Latin-1 supplement / Latin Extended-A code point (given as its UTF-8 bytes) to ASCII.
std::string_view fold_latin(unsigned char lead, unsigned char cont) {
    if (lead == 0xC3) {
        switch (cont) {
        case 0x80:
        case 0x81:
        case 0x82:
        case 0x83:
        case 0x84:
        case 0x85: // À..Å
        case 0xA0:
        case 0xA1:
        case 0xA2:
        case 0xA3:
        case 0xA4:
        case 0xA5: // à..å
            return "a";
        case 0x87:
        case 0xA7:
            return "c";
        case 0x88:
        case 0x89:
        case 0x8A:
        case 0x8B:
        case 0xA8:
        case 0xA9:
        case 0xAA:
        case 0xAB:
            return "e";
        case 0x8C:
        case 0x8D:
        case 0x8E:
        case 0x8F:
        case 0xAC:
        case 0xAD:
        case 0xAE:
        case 0xAF:
            return "i";
        case 0x91:
        case 0xB1:
            return "n";
        case 0x92:
        case 0x93:
        case 0x94:
        case 0x95:
        case 0x96:
        case 0x98:
        case 0xB2:
        case 0xB3:
        case 0xB4:
        case 0xB5:
        case 0xB6:
        case 0xB8:
            return "o";
        case 0x99:
        case 0x9A:
        case 0x9B:
        case 0x9C:
        case 0xB9:
        case 0xBA:
        case 0xBB:
        case 0xBC:
            return "u";
        case 0x9D:
        case 0xBD:
        case 0xBF:
            return "y";
        case 0x9F:
            return "ss";
        default:
            return "";
        }
    }
    return "";
}

/// The legal forms of the vocabulary as one case-insensitive pattern, longest first.
std::string legal_suffixes() {
    return R"((?<![\p{L}\p{N}]))" + alternation(shipped_vocabulary().legal_forms) + R"(\.?)";
}

const Regex& suffix_regex() {
    static const Regex re(legal_suffixes() + R"(\s*$)");
    return re;
}

const Regex& inner_suffix_regex() {
    static const Regex re(legal_suffixes() + R"((?= \S))");
    return re;
}

const Regex& trailing_registration() {
    static const Regex re(R"(\s*(?:[\(\[]\s*[0-9A-Za-z][0-9A-Za-z\-./ ]{3,}[\)\]]?|[0-9]{5,}\s*-\s*\S{1,2})\s*$)");
    return re;
}

bool is_free_mail(std::string_view domain_label) {
    static constexpr std::array<std::string_view, 22> providers{
        "gmail",   "googlemail", "yahoo",   "hotmail",    "outlook",  "live",    "msn",   "aol",
        "icloud",  "me",         "gmx",     "web",        "t-online", "kpnmail", "ziggo", "orange",
        "wanadoo", "free",       "laposte", "protonmail", "mail",     "yandex"};
    for (const auto p : providers) {
        if (domain_label == p) {
            return true;
        }
    }
    return false;
}

std::string without_registration(std::string_view text) {
    std::string s(text);
    if (const auto m = trailing_registration().search(s)) {
        // Only a parenthesised group with a digit is a registration number.
        const std::string_view group = m->whole.in(s);
        if (group.find_first_of("0123456789") != std::string_view::npos) {
            s.erase(m->whole.begin);
        }
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == ';' || s.back() == ':')) {
        s.pop_back();
    }
    return s;
}

} // namespace

std::string fold_key(std::string_view text) {
    return fold_key(text, false);
}

std::string fold_key(std::string_view text, bool german) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 'A' && c <= 'Z') {
            out += static_cast<char>(c - 'A' + 'a');
        } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out += static_cast<char>(c);
        } else if (c >= 0xC0 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            // German transliteration as used in domain names: ä -> ae, ö -> oe, ü -> ue.
            const bool umlaut = c == 0xC3 && (next == 0x84 || next == 0xA4 || next == 0x96 || next == 0xB6 ||
                                              next == 0x9C || next == 0xBC);
            out += fold_latin(c, next);
            if (german && umlaut) {
                out += 'e';
            }
            ++i;
            while (i + 1 < text.size() && (static_cast<unsigned char>(text[i + 1]) & 0xC0U) == 0x80U) {
                ++i;
            }
        }
    }
    return out;
}

bool has_legal_suffix(std::string_view text) {
    return suffix_regex().search(without_registration(text)).has_value();
}

std::string fix_legal_suffix(std::string_view text) {
    // "SDN BHD" as OCR reads it: "SON BHD", "Sdn. Bnd.", and with the middle letters lost or swapped ("SEN BHD",
    // "Sdit Bhd", "SLi BHD", "Sén Bhd", "SUN BHD"): a short S-word before a BHD-word is the Malaysian "Sendirian
    // Berhad".
    static const Regex malay(
        R"((?<![\p{L}])([sS5])((?:[dDoO0lLiIeEéuU][A-Za-z]{0,2}))(\.?\s*)([bB8])([hHnN])([dDoO0])(\.?)\s*$)",
        Regex::none);
    static const Regex sendirian(R"((?<![\p{L}])(SDN\.?|Sdn\.?)\s*$)", Regex::none);
    static const Regex limited(R"((?<![\p{L}])([lL])([iI1l])([dD])(\.?)\s*$)", Regex::none);
    std::string s(text);
    if (const auto m = malay.search(s)) {
        // Case follows the BHD-word ("SDN BHD", "Sdn Bhd", "sdn bhd").
        const auto lower = [&](std::size_t group) {
            const char c = s[m->groups[group]->begin];
            return c >= 'a' && c <= 'z';
        };
        const bool all_lower = lower(3);
        const bool title = !all_lower && lower(4);
        std::string fixed = all_lower ? "sdn" : title ? "Sdn" : "SDN";
        fixed += m->groups[2]->in(s);
        fixed += all_lower ? "bhd" : title ? "Bhd" : "BHD";
        fixed += m->groups[6]->in(s);
        s = s.substr(0, m->groups[0]->begin) + fixed;
    } else if (const auto sdn = sendirian.search(s)) {
        // "LIGHTROOM GALLERY SDN": Sendirian is always followed by Berhad, which OCR lost.
        const bool title = s[sdn->groups[0]->begin + 1] == 'd';
        s = s.substr(0, sdn->groups[0]->end) + (title ? " Bhd" : " BHD");
    } else if (const auto l = limited.search(s)) {
        const Span g = *l->groups[1];
        s[g.begin] = 't';
        if (s[l->groups[0]->begin] == 'L' && s[l->groups[2]->begin] == 'D') {
            s[g.begin] = 'T';
        }
    }
    return s;
}

std::size_t legal_name_end(std::string_view text) {
    if (has_legal_suffix(text)) {
        return 0; // the whole text is the name
    }
    auto m = inner_suffix_regex().search(text);
    if (!m || m->whole.begin == 0) {
        return 0;
    }
    std::size_t end = m->whole.end;
    // Chained forms: "GmbH & Co. KG".
    while (true) {
        std::size_t next = end;
        while (next < text.size() && (text[next] == ' ' || text[next] == '&' || text[next] == ',')) {
            ++next;
        }
        const auto more = inner_suffix_regex().search(text, next);
        if (!more || more->whole.begin != next || next - end > 3) {
            break;
        }
        end = more->whole.end;
    }
    return end;
}

std::string strip_legal_suffix(std::string_view text) {
    std::string s = without_registration(text);
    // Strip repeatedly: "XYZ Trading Sdn Bhd" -> "XYZ".
    for (int i = 0; i < 3; ++i) {
        const auto m = suffix_regex().search(s);
        if (!m || m->whole.begin == 0) {
            break;
        }
        s.erase(m->whole.begin);
        while (!s.empty() && (s.back() == ' ' || s.back() == ',' || s.back() == '&' || s.back() == '-')) {
            s.pop_back();
        }
    }
    return s;
}

bool only_legal_form(std::string_view text) {
    // The suffix rule needs a name in front of the form: give it one and see whether anything else is left.
    return fold_key(strip_legal_suffix("X " + std::string(text))) == "x";
}

std::string owner_key(std::string_view email_or_url) {
    std::string_view s = email_or_url;
    std::string_view local;
    if (const auto at = s.find('@'); at != std::string_view::npos) {
        local = s.substr(0, at);
        s = s.substr(at + 1);
    } else {
        if (const auto scheme = s.find("://"); scheme != std::string_view::npos) {
            s = s.substr(scheme + 3);
        }
        if (const auto slash = s.find('/'); slash != std::string_view::npos) {
            s = s.substr(0, slash);
        }
    }
    // Labels of the host name; drop "www" and the top-level part(s).
    std::vector<std::string_view> labels;
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto dot = s.find('.', start);
        labels.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) {
            break;
        }
        start = dot + 1;
    }
    if (!labels.empty() && (labels.front() == "www" || labels.front() == "WWW")) {
        labels.erase(labels.begin());
    }
    std::string main_label;
    if (labels.size() >= 2) {
        main_label = std::string(labels[labels.size() - 2]);
        // co.uk, com.my, com.au: the label before the second-level one.
        const std::string sld = fold_key(main_label);
        if ((sld == "co" || sld == "com" || sld == "org" || sld == "net" || sld == "gov") && labels.size() >= 3) {
            main_label = std::string(labels[labels.size() - 3]);
        }
    } else if (!labels.empty()) {
        main_label = std::string(labels.front());
    }
    const std::string key = fold_key(main_label);
    if (!local.empty() && is_free_mail(key)) {
        return fold_key(local);
    }
    return key;
}

double name_matches_owner(std::string_view name, std::string_view owner) {
    if (owner.size() < 3) {
        return 0.0;
    }
    // The name and the owner must cover most of each other: "rooms" is not the owner of "oyorooms".
    auto covers = [&](const std::string& core) {
        const double shorter = static_cast<double>(std::min(core.size(), owner.size()));
        const double longer = static_cast<double>(std::max(core.size(), owner.size()));
        return core.size() >= 3 && shorter >= min_cover * longer &&
               (owner.find(core) != std::string_view::npos || core.find(owner) != std::string::npos);
    };
    if (covers(fold_key(strip_legal_suffix(name), true)) || covers(fold_key(strip_legal_suffix(name)))) {
        return 1.0;
    }
    // Distinctive words.
    std::string word;
    const std::string stripped = strip_legal_suffix(name);
    auto check = [&](const std::string& w) {
        const std::string k = fold_key(w);
        const std::string g = fold_key(w, true);
        return (k.size() >= 4 && owner.find(k) != std::string_view::npos) ||
               (g.size() >= 4 && owner.find(g) != std::string_view::npos);
    };
    for (const char c : stripped) {
        if (c == ' ' || c == '-' || c == '&' || c == ',' || c == '.') {
            if (check(word)) {
                return 0.5;
            }
            word.clear();
        } else {
            word += c;
        }
    }
    return check(word) ? 0.5 : 0.0;
}

} // namespace docextract::detail
