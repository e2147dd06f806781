// SPDX-License-Identifier: MIT
#include "fields/date_field.hpp"

#include "fields/amounts.hpp"

#include <algorithm>
#include <map>

namespace docextract::detail {

namespace {

struct FoundDate {
    std::size_t row = 0;
    DateMatch match;
    // Best label association.
    bool labelled = false;
    LabelKind kind = LabelKind::date_generic;
    float strength = 0;
    int rows_below = 0;
    std::size_t distance = 0; ///< Bytes between label and date on the same row.
};

const Regex& time_regex() {
    static const Regex re(R"((?<![0-9])(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9](?:[:.][0-5][0-9])?(?![0-9]))");
    return re;
}

/// The row text with OCR letter/digit confusions fixed inside numeric tokens (same length).
std::string ocr_fixed_text(const Row& row) {
    std::string text = row.text;
    for (std::size_t i = 0; i < row.words.size(); ++i) {
        const std::string fixed = fix_ocr_digits(row.words[i].text);
        if (fixed.size() == row.words[i].text.size()) {
            text.replace(row.word_begin[i], fixed.size(), fixed);
        }
    }
    return text;
}

bool better_association(const FoundDate& d, int rows_below, std::size_t distance) {
    if (!d.labelled) {
        return true;
    }
    if (rows_below != d.rows_below) {
        return rows_below < d.rows_below;
    }
    return distance < d.distance;
}

} // namespace

DateFields find_dates(const Analysis& analysis, DateOrder order, const std::string& currency, const FieldModel& model) {
    DateFields out;
    const auto& rows = analysis.rows();
    std::vector<FoundDate> found;
    std::vector<DateMatch> all;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const bool ocr = rows[r].source == TextSource::ocr;
        auto dates = detail::find_dates(rows[r].text, ocr);
        if (ocr) {
            // "3O/07/2018": OCR letters inside a date. Fixing keeps byte offsets, so spans stay valid.
            const std::string fixed = ocr_fixed_text(rows[r]);
            if (fixed != rows[r].text) {
                for (auto& m : detail::find_dates(fixed, true)) {
                    const bool known = std::any_of(dates.begin(), dates.end(), [&](const DateMatch& d) {
                        return d.span.begin < m.span.end && m.span.begin < d.span.end;
                    });
                    if (!known) {
                        dates.push_back(std::move(m));
                    }
                }
            }
        }
        for (auto& m : dates) {
            if (!m.repaired) { // a repaired date is no evidence of the order the document writes
                all.push_back(m);
            }
            found.push_back(FoundDate{r, std::move(m)});
        }
    }
    if (order == DateOrder::automatic) {
        out.order = decide_date_order(all, DateOrderHints{analysis.day_first_labels(), currency});
    } else {
        out.order = DateOrderDecision{order, DateOrderEvidence::other_dates};
    }

    // Attach each date to the nearest date label whose value slot holds it.
    for (const auto& ref : analysis.labels_of(
             {LabelKind::date_invoice, LabelKind::date_generic, LabelKind::date_due, LabelKind::date_other})) {
        const LabelMatch& lab = analysis.label(ref);
        for (const auto& slot : analysis.value_slots(ref, 2)) {
            bool taken = false;
            for (auto& d : found) {
                if (d.row != slot.row || d.match.span.begin < slot.span.begin || d.match.span.end > slot.span.end) {
                    continue;
                }
                const std::size_t distance = d.match.span.begin - slot.span.begin;
                if (better_association(d, slot.rows_below, distance)) {
                    d.labelled = true;
                    d.kind = lab.kind;
                    d.strength = lab.strength;
                    d.rows_below = slot.rows_below;
                    d.distance = distance;
                }
                taken = true;
                break; // only the first date of a slot belongs to the label
            }
            if (taken) {
                break;
            }
        }
    }

    std::vector<Candidate> dates;
    std::vector<Candidate> dues;
    for (const auto& d : found) {
        const auto value = d.match.resolve(out.order.order);
        if (!value) {
            continue;
        }
        const Row& row = rows[d.row];
        Candidate c;
        c.value = value->iso();
        c.row = d.row;
        c.span = d.match.span;
        c.raw = std::string(d.match.span.in(row.text));
        c.evidence.ocr = span_confidence(row, d.match.span);
        c.evidence.ambiguous = d.match.ambiguous() && out.order.evidence != DateOrderEvidence::other_dates;
        if (d.match.two_digit_year) {
            c.evidence.add(Feature::date_two_digit_year);
        }
        if (d.match.repaired) {
            c.evidence.add(Feature::date_repaired);
        }
        if (d.labelled && (d.kind == LabelKind::date_due || d.kind == LabelKind::date_other)) {
            if (d.kind == LabelKind::date_due) {
                Candidate due = c;
                due.evidence.label = d.strength;
                due.evidence.rows_below = d.rows_below;
                dues.push_back(std::move(due));
            }
            c.evidence.add(Feature::date_distractor);
        } else if (d.labelled) {
            c.evidence.label = d.strength;
            c.evidence.rows_below = d.rows_below;
        } else {
            c.evidence.set(Feature::relative_y, row.relative_y());
            if (time_regex().search(row.text, d.match.span.end).has_value()) {
                c.evidence.add(Feature::date_with_time);
            }
            if (d.match.form == DateForm::compact) {
                c.evidence.add(Feature::date_compact);
            }
        }
        dates.push_back(std::move(c));
    }
    out.date = choose(std::move(dates), analysis, weights_for(model, "date"));
    out.due_date = choose(std::move(dues), analysis, weights_for(model, "due_date"));
    return out;
}

} // namespace docextract::detail
