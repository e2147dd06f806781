// SPDX-License-Identifier: MIT
#include "fields/email.hpp"

#include "fields/ascii.hpp"
#include "fields/names.hpp"

#include <algorithm>
#include <string>
#include <string_view>

namespace docextract::detail {

namespace {

const Regex& email_regex(bool ocr) {
    static const Regex exact(
        R"((?<![\p{L}\p{N}._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}(?![\p{L}\p{N}]))",
        Regex::none);
    // OCR splits addresses at '@' and '.' ("info@shop. com", "marie. jansen@shop.com"): one space there is
    // tolerated (after a dot in the local part only when it is lower case, so that "Tel." stays apart). OCR also
    // adds accents to letters ("servicés.com") and reads the last dot as ':' or ',' ("consulting:us" before a
    // lower-case top-level domain); repaired_address undoes both.
    static const Regex spaced(
        R"((?<![\p{L}\p{N}._%+\-])(?:[a-z0-9][a-z0-9_%+\-]*\. (?=[A-Za-z0-9._%+\-]+ ?@))?[A-Za-z0-9][A-Za-z0-9._%+\-]* ?@ ?[A-Za-z0-9\-À-ÖØ-öø-ÿ]+(?: ?\. ?[A-Za-z0-9\-À-ÖØ-öø-ÿ]+)*(?: ?\. ?[A-Za-z]{2,}|[:,][a-z]{2,3})(?![\p{L}\p{N}]))",
        Regex::none);
    return ocr ? spaced : exact;
}

/// The ASCII letter an accented Latin-1 letter (the second byte of its two-byte UTF-8 form after 0xC3) is read
/// for, or 0. Addresses are ASCII: an accent in one is an OCR error.
char unaccented(unsigned char second) {
    static constexpr std::string_view letters = "AAAAAAACEEEEIIII"  // 0x80-0x8F: À-Ï
                                                "DNOOOOO OUUUUY  "  // 0x90-0x9F: Ð-ß (× and ß have none)
                                                "aaaaaaaceeeeiiii"  // 0xA0-0xAF: à-ï
                                                "dnooooo ouuuuy y"; // 0xB0-0xBF: ð-ÿ (÷ and þ have none)
    if (second < 0x80 || second > 0xBF) {
        return 0;
    }
    const char c = letters[second - 0x80];
    return c == ' ' ? 0 : c;
}

/// The address as written, without the spaces OCR put in, accents taken off, and a last ':' or ',' before the
/// top-level domain read as the dot it is.
std::string repaired_address(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == ' ') {
            continue;
        }
        if (c == 0xC3 && i + 1 < s.size()) {
            if (const char plain = unaccented(static_cast<unsigned char>(s[i + 1]))) {
                out += plain;
                ++i;
                continue;
            }
        }
        out += static_cast<char>(c);
    }
    const std::size_t at = out.find('@');
    const std::size_t last = out.find_last_of(".:,");
    if (at != std::string::npos && last != std::string::npos && last > at && out[last] != '.') {
        out[last] = '.';
    }
    return out;
}

const Regex& web_regex() {
    static const Regex re(
        R"((?<![\p{L}\p{N}@.])(?:https?://)?www\.[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}|https?://[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)");
    return re;
}

const Regex& role_account() {
    static const Regex re(
        R"((?:info|office|billing|bills?|invoices?|invoicing|accounts?|accounting|ar|sales|rechnung(?:en)?|buchhaltung|kontakt|contact|hello|support|admin|mail|factuur|facturen|facturatie|debiteuren|administratie|factures?|facturation|compta|comptabilite|facturacion|factura|contabilidad|ventas|enquiry|enquiries|orders?|shop|store|team)(?:[._\-].*)?)",
        Regex::caseless);
    return re;
}

/// "of fice@shop.de": OCR broke a role word at its ligature (ffi, fi, fl). A lower-case piece of one to three letters
/// right before a local part that names no role, which with it names one, belongs to the address: the span that
/// includes it, or `address` itself.
Span with_broken_role_word(const Row& row, Span address) {
    const std::string_view text = row.text;
    const std::size_t at = text.find('@', address.begin);
    if (address.begin < 2 || text[address.begin - 1] != ' ' || at == std::string_view::npos || at >= address.end) {
        return address;
    }
    const std::string_view local = text.substr(address.begin, at - address.begin);
    std::size_t start = address.begin - 1;
    while (start > 0 && text[start - 1] >= 'a' && text[start - 1] <= 'z') {
        --start;
    }
    const std::size_t piece = address.begin - 1 - start;
    if (piece == 0 || piece > 3 || (start > 0 && text[start - 1] != ' ') || role_account().full_match(local)) {
        return address;
    }
    const std::string joined = std::string(text.substr(start, piece)) + std::string(local);
    return role_account().full_match(joined) ? Span{start, address.end} : address;
}

} // namespace

std::vector<Contact> find_contacts(const Analysis& analysis) {
    std::vector<Contact> out;
    const auto& rows = analysis.rows();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const Row& row = rows[r];
        for (const auto& m : email_regex(row.source == TextSource::ocr).find_all(row.text)) {
            Contact c;
            c.row = r;
            c.span = row.source == TextSource::ocr ? with_broken_role_word(row, m.whole) : m.whole;
            c.value = ascii_lower(repaired_address(c.span.in(row.text)));
            c.owner = owner_key(c.value);
            const auto [first, last] = row.words_in(c.span);
            c.customer = analysis.in_customer_block(r, first, last);
            out.push_back(std::move(c));
        }
        for (const auto& m : web_regex().find_all(row.text)) {
            Contact c;
            c.row = r;
            c.span = m.whole;
            c.value = ascii_lower(m.whole.in(row.text));
            c.owner = owner_key(c.value);
            c.is_email = false;
            const auto [first, last] = row.words_in(m.whole);
            c.customer = analysis.in_customer_block(r, first, last);
            out.push_back(std::move(c));
        }
    }
    return out;
}

Choice find_email(const Analysis& analysis, const std::vector<Contact>& contacts,
                  const std::vector<std::string>& vendor_names, const FieldModel& model) {
    const auto& rows = analysis.rows();
    std::vector<Candidate> candidates;
    for (const auto& contact : contacts) {
        if (!contact.is_email) {
            continue;
        }
        const Row& row = rows[contact.row];
        Candidate c;
        c.row = contact.row;
        c.span = contact.span;
        c.raw = std::string(contact.span.in(row.text));
        c.value = contact.value;
        c.evidence.ocr = span_confidence(row, contact.span);
        // An email label on the same row, before the address.
        for (const auto& l : analysis.info(contact.row).labels) {
            if (l.kind == LabelKind::email && l.span.end <= contact.span.begin) {
                c.evidence.label = l.strength;
            }
        }
        if (contact.customer) {
            continue; // the customer's address is never the vendor's
        }
        const std::string local = contact.value.substr(0, contact.value.find('@'));
        if (role_account().full_match(local)) {
            c.evidence.add(Feature::email_role_account);
        }
        double match = 0;
        for (const auto& name : vendor_names) {
            match = std::max(match, name_matches_owner(name, contact.owner));
        }
        c.evidence.add(Feature::email_vendor_domain, match);
        const double y = row.relative_y();
        if (row.page == 0 && (y < 0.3 || y > 0.8)) {
            c.evidence.add(Feature::email_edge_position);
        }
        candidates.push_back(std::move(c));
    }
    return choose(std::move(candidates), analysis, weights_for(model, "email"), false);
}

} // namespace docextract::detail
