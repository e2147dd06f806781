// SPDX-License-Identifier: MIT
#include "fields/labels.hpp"

#include "fields/misread_labels.hpp"
#include "fields/vocabulary.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

namespace {

struct Compiled {
    const LabelWording* wording;
    Regex regex;
};

/// The shipped wordings compiled, in the order that settles a tie between two matches of one length: by kind as
/// LabelKind lists them, then by file and line.
const std::vector<Compiled>& compiled_vocabulary() {
    static const std::vector<Compiled> compiled = [] {
        const auto& wordings = shipped_vocabulary().labels;
        std::vector<const LabelWording*> ordered;
        ordered.reserve(wordings.size());
        for (const auto& w : wordings) {
            ordered.push_back(&w);
        }
        std::stable_sort(ordered.begin(), ordered.end(), [](const LabelWording* a, const LabelWording* b) {
            return static_cast<int>(a->kind) < static_cast<int>(b->kind);
        });
        std::vector<Compiled> out;
        out.reserve(ordered.size());
        for (const auto* w : ordered) {
            out.push_back(Compiled{w, Regex(std::string("(?<![\\p{L}\\p{N}])(?<![\\p{L}\\p{N}]_)(?:") + w->pattern +
                                            ")(?:(?<=[^\\p{L}_])|(?![\\p{L}]|_[\\p{L}\\p{N}]))")});
        }
        return out;
    }();
    return compiled;
}

} // namespace

std::vector<LabelMatch> find_labels(std::string_view text, LabelSpelling spelling) {
    struct Hit {
        std::size_t order;
        LabelMatch match;
    };
    std::vector<Hit> hits;
    const auto& vocab = compiled_vocabulary();
    for (std::size_t i = 0; i < vocab.size(); ++i) {
        for (const auto& m : vocab[i].regex.find_all(text)) {
            if (m.whole.size() == 0) {
                continue;
            }
            const LabelWording& w = *vocab[i].wording;
            const Locale& locale = shipped_vocabulary().locales[w.locale];
            Hit hit{i, LabelMatch{w.kind, locale.name, locale.day_first, w.strength, m.whole}};
            // Trailing spaces matched by optional parts are not part of the label.
            while (hit.match.span.end > hit.match.span.begin && text[hit.match.span.end - 1] == ' ') {
                --hit.match.span.end;
            }
            hits.push_back(hit);
        }
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        if (a.match.span.size() != b.match.span.size()) {
            return a.match.span.size() > b.match.span.size();
        }
        return a.order < b.order;
    });
    std::vector<LabelMatch> kept;
    for (const auto& h : hits) {
        const bool overlapping = std::any_of(kept.begin(), kept.end(), [&](const LabelMatch& k) {
            return k.span.begin < h.match.span.end && h.match.span.begin < k.span.end;
        });
        if (!overlapping) {
            kept.push_back(h.match);
        }
    }
    if (spelling == LabelSpelling::ocr_tolerant) {
        add_misread_labels(text, kept);
    }
    std::sort(kept.begin(), kept.end(),
              [](const LabelMatch& a, const LabelMatch& b) { return a.span.begin < b.span.begin; });
    return kept;
}

std::vector<std::size_t> label_locales(std::string_view text) {
    std::vector<std::size_t> locales;
    for (const auto& compiled : compiled_vocabulary()) {
        const std::size_t locale = compiled.wording->locale;
        if (shipped_vocabulary().locales[locale].name == "common") {
            continue;
        }
        const auto found = compiled.regex.find_all(text);
        if (std::any_of(found.begin(), found.end(), [](const auto& m) { return m.whole.size() > 0; })) {
            locales.push_back(locale);
        }
    }
    return locales;
}

std::string_view to_string(LabelKind kind) noexcept {
    switch (kind) {
    case LabelKind::invoice_number:
        return "invoice_number";
    case LabelKind::receipt_number:
        return "receipt_number";
    case LabelKind::document_title:
        return "document_title";
    case LabelKind::number_word:
        return "number_word";
    case LabelKind::other_number:
        return "other_number";
    case LabelKind::date_invoice:
        return "date_invoice";
    case LabelKind::date_generic:
        return "date_generic";
    case LabelKind::date_due:
        return "date_due";
    case LabelKind::date_other:
        return "date_other";
    case LabelKind::total_strong:
        return "total_strong";
    case LabelKind::total:
        return "total";
    case LabelKind::amount_due:
        return "amount_due";
    case LabelKind::subtotal:
        return "subtotal";
    case LabelKind::tax:
        return "tax";
    case LabelKind::rounding:
        return "rounding";
    case LabelKind::discount:
        return "discount";
    case LabelKind::shipping:
        return "shipping";
    case LabelKind::payment:
        return "payment";
    case LabelKind::change:
        return "change";
    case LabelKind::paid:
        return "paid";
    case LabelKind::balance:
        return "balance";
    case LabelKind::quantity:
        return "quantity";
    case LabelKind::bill_to:
        return "bill_to";
    case LabelKind::ship_to:
        return "ship_to";
    case LabelKind::email:
        return "email";
    case LabelKind::contact:
        return "contact";
    case LabelKind::table_header:
        return "table_header";
    }
    return "unknown";
}

} // namespace docextract::detail
