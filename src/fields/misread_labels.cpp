// SPDX-License-Identifier: MIT
#include "fields/misread_labels.hpp"

#include "fields/edit_distance.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

namespace {

/// Long one-word labels that OCR still finds when a letter or two are misread. Short words are left out: one
/// letter turns "change" into "charge" and "total" into "tonal", real words with other meanings.
struct TolerantWord {
    LabelKind kind;
    Language language;
    std::string_view word; ///< Lower case, ASCII, at least 8 letters.
};

constexpr TolerantWord tolerant_words[] = {
    {LabelKind::invoice_number, Language::de, "rechnungsnummer"},
    {LabelKind::invoice_number, Language::nl, "factuurnummer"},
    {LabelKind::date_invoice, Language::de, "rechnungsdatum"},
    {LabelKind::date_invoice, Language::de, "ausstellungsdatum"},
    {LabelKind::date_invoice, Language::nl, "factuurdatum"},
    {LabelKind::date_due, Language::nl, "vervaldatum"},
    {LabelKind::date_due, Language::es, "vencimiento"},
    {LabelKind::date_due, Language::de, "zahlungsziel"},
    {LabelKind::total_strong, Language::de, "gesamtbetrag"},
    {LabelKind::total_strong, Language::de, "rechnungsbetrag"},
    {LabelKind::total_strong, Language::de, "gesamtsumme"},
    {LabelKind::total_strong, Language::de, "bruttobetrag"},
    {LabelKind::total_strong, Language::de, "rechnungssumme"},
    {LabelKind::total_strong, Language::nl, "totaalbedrag"},
    {LabelKind::total_strong, Language::nl, "factuurbedrag"},
    {LabelKind::subtotal, Language::neutral, "subtotal"},
    {LabelKind::subtotal, Language::de, "zwischensumme"},
    {LabelKind::subtotal, Language::de, "nettobetrag"},
    {LabelKind::subtotal, Language::nl, "subtotaal"},
    {LabelKind::subtotal, Language::es, "imponible"},
    {LabelKind::tax, Language::de, "mehrwertsteuer"},
    {LabelKind::tax, Language::de, "umsatzsteuer"},
    {LabelKind::rounding, Language::neutral, "rounding"},
    {LabelKind::discount, Language::neutral, "discount"},
    {LabelKind::shipping, Language::de, "versandkosten"},
    {LabelKind::shipping, Language::nl, "verzendkosten"},
};

/// Strength of a label found through an OCR-tolerant spelling: the word may be another one.
constexpr float tolerant_strength = 0.8F;

/// Errors allowed in a word of this length: one up to 10 letters, two from 11.
std::size_t tolerated_errors(std::size_t length) {
    return length >= 11 ? 2 : 1;
}

/// The tolerant word a token (lower case) is a misreading of: the same first letter, within the tolerated errors,
/// and no other word as close.
const TolerantWord* misread_label(std::string_view token) {
    const TolerantWord* best = nullptr;
    std::size_t best_distance = 0;
    bool tied = false;
    for (const auto& w : tolerant_words) {
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
        if (const TolerantWord* w = misread_label(token)) {
            kept.push_back(LabelMatch{w->kind, w->language, tolerant_strength, span});
        }
    }
}

} // namespace docextract::detail
