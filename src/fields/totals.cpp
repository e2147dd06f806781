// SPDX-License-Identifier: MIT
#include "fields/totals.hpp"

#include "fields/amounts.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace docextract::detail {

namespace {

bool is_money_label(LabelKind k) noexcept {
    switch (k) {
    case LabelKind::total_strong:
    case LabelKind::total:
    case LabelKind::amount_due:
    case LabelKind::subtotal:
    case LabelKind::tax:
    case LabelKind::rounding:
    case LabelKind::discount:
    case LabelKind::shipping:
    case LabelKind::payment:
    case LabelKind::change:
    case LabelKind::paid:
    case LabelKind::balance:
        return true;
    default:
        return false;
    }
}

bool is_total_label(LabelKind k) noexcept {
    return k == LabelKind::total_strong || k == LabelKind::total || k == LabelKind::amount_due;
}

/// Closes up the spaces OCR puts around a decimal mark in a labelled money slot, keeping byte offsets: "105 . 00"
/// becomes "  105.00", and a last "6 00" (the mark lost) becomes "6.00" when the slot holds no amount with decimals.
void close_spaced_decimals(std::string& text, Span span) {
    static const Regex spaced(R"((?<![\p{L}\p{N}.,])([0-9]{1,6}) ?([.,]) ?([0-9]{2})(?![\p{N}.,]))");
    static const Regex lost(R"((?<![\p{L}\p{N}.,:/\-])(?<![\p{N}.,:/\-] )([0-9]{1,5}) ([0-9]{2})\s*$)");
    const std::string_view slot = std::string_view(text).substr(span.begin, span.size());
    bool decimals = false;
    std::vector<std::pair<Span, std::string>> edits;
    for (const auto& m : spaced.find_all(slot)) {
        decimals = true;
        if (m.whole.size() == m.group(slot, 1).size() + 3) {
            continue; // already closed up
        }
        std::string closed =
            std::string(m.group(slot, 1)) + std::string(m.group(slot, 2)) + std::string(m.group(slot, 3));
        closed.insert(0, m.whole.size() - closed.size(), ' ');
        edits.emplace_back(m.whole, std::move(closed));
    }
    if (!decimals) {
        if (const auto m = lost.search(slot)) {
            const Span digits = *m->groups[0];
            edits.emplace_back(Span{digits.end, digits.end + 1}, ".");
        }
    }
    for (const auto& [where, replacement] : edits) {
        text.replace(span.begin + where.begin, replacement.size(), replacement);
    }
}

/// Amounts in a slot, read with OCR digit fixes (O->0, l->1, S->5 inside numbers). Fixes keep byte offsets.
/// labelled: the slot is the value of a money label, where spaces around a decimal mark are closed up.
std::vector<AmountMatch> slot_amounts(const Row& row, Span span, bool labelled = false) {
    std::string text = row.text;
    for (std::size_t i = 0; i < row.words.size(); ++i) {
        const std::size_t b = row.word_begin[i];
        const std::size_t e = b + row.words[i].text.size();
        if (b >= span.begin && e <= span.end) {
            const std::string fixed = fix_ocr_digits(row.words[i].text);
            if (fixed.size() == row.words[i].text.size()) {
                text.replace(b, fixed.size(), fixed);
            }
        }
    }
    if (labelled) {
        close_spaced_decimals(text, span);
    }
    std::vector<AmountMatch> out;
    for (auto m : find_amounts(std::string_view(text).substr(span.begin, span.size()), true)) {
        if (!m.amount.has_decimals && m.amount.currency.empty()) {
            continue; // quantities, percentages' numbers, years: not money
        }
        m.span.begin += span.begin;
        m.span.end += span.begin;
        out.push_back(std::move(m));
    }
    return out;
}

/// The amounts the slot's amount at `span` becomes when one of its words is read as one of the recogniser's near
/// misses ("54.50" for "64.50"), other than `cents`, each once.
std::vector<std::int64_t> alternative_amounts(const Row& row, Span span, std::int64_t cents) {
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < row.words.size(); ++i) {
        const std::size_t b = row.word_begin[i];
        const std::string& word = row.words[i].text;
        if (b + word.size() <= span.begin || b >= span.end) {
            continue;
        }
        for (const auto& alternative : row.words[i].alternatives) {
            if (alternative.size() != word.size()) {
                continue; // offsets must stay valid
            }
            Row changed = row;
            changed.words[i].text = alternative;
            changed.text.replace(b, alternative.size(), alternative);
            for (const auto& m : slot_amounts(changed, span, true)) {
                if (m.span.begin < span.end && span.begin < m.span.end && m.amount.cents != cents &&
                    m.amount.cents > 0 && std::find(out.begin(), out.end(), m.amount.cents) == out.end()) {
                    out.push_back(m.amount.cents);
                }
            }
        }
    }
    return out;
}

bool contains_total_word(std::string_view label) {
    static const Regex re(R"((?<![\p{L}])(?:t[o0]ta[l1]|totaal|summe|gesamt|sum|cuota|montant)(?![\p{L}])|-summe)");
    return re.search(label).has_value();
}

std::int64_t abs64(std::int64_t v) noexcept {
    return v < 0 ? -v : v;
}

/// Largest rounding adjustment (in cents) that turns a total into the payable amount (cash rounding to 5 cents).
constexpr std::int64_t max_rounding_cents = 4;

/// Values that the page's other amounts add up to: subtotal + tax (with rounding, shipping, discount), and cash
/// minus change. These are the candidates an OCR misreading of the total's digits is repaired to.
std::set<std::int64_t> arithmetic_values(const AmountGroups& g) {
    std::set<std::int64_t> out;
    std::vector<std::int64_t> taxes{0};
    for (const auto t : g.taxes) {
        if (t > 0) {
            taxes.push_back(t);
        }
    }
    std::vector<std::int64_t> roundings{0};
    for (const auto r : g.roundings) {
        if (r != 0) {
            roundings.push_back(r);
            roundings.push_back(-r);
        }
    }
    std::vector<std::int64_t> discounts{0};
    discounts.insert(discounts.end(), g.discounts.begin(), g.discounts.end());
    for (const auto s : g.subtotals) {
        for (const auto t : taxes) {
            for (const auto r : roundings) {
                for (const auto d : discounts) {
                    if (t != 0 && s > 0) {
                        out.insert(s + t + r - d);
                    }
                }
            }
        }
    }
    for (const auto p : g.payments) {
        for (const auto c : g.changes) {
            if (c > 0 && p > c) {
                out.insert(p - c);
            }
        }
    }
    return out;
}

} // namespace

bool one_digit_apart(std::int64_t a, std::int64_t b) {
    const std::string x = format_cents(a);
    const std::string y = format_cents(b);
    if (x.size() != y.size() || a == b) {
        return false;
    }
    int differ = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] != y[i]) {
            if (x[i] < '0' || x[i] > '9' || y[i] < '0' || y[i] > '9') {
                return false;
            }
            ++differ;
        }
    }
    return differ == 1;
}

std::vector<LabelledAmount> labelled_amounts(const Analysis& analysis) {
    std::vector<LabelledAmount> out;
    for (std::size_t r = 0; r < analysis.rows().size(); ++r) {
        const auto& info = analysis.info(r);
        const Row& label_row = analysis.rows()[r];
        std::size_t consumed = info.labels.size(); // a tax word absorbed by the total label before it
        for (std::size_t i = 0; i < info.labels.size(); ++i) {
            const LabelMatch& lab = info.labels[i];
            if (!is_money_label(lab.kind) || i == consumed) {
                continue;
            }
            const LabelRef ref{r, i};
            auto slots = analysis.value_slots(ref, 1);
            // "Total RM Including GST 6%  99.80", "Total Sales (4 clusive of GST) 100.00": a tax word inside the
            // total's wording, garbled or separated, is part of the total label and not a label of its own.
            if (is_total_label(lab.kind) && i + 1 < info.labels.size() && info.labels[i + 1].kind == LabelKind::tax &&
                !slots.empty() && slot_amounts(label_row, slots.front().span, true).empty()) {
                const auto [tf, tl] = label_row.words_in(info.labels[i + 1].span);
                const auto [lf, ll] = label_row.words_in(lab.span);
                if (tf < tl && lf < ll && label_row.words[tf].chunk == label_row.words[ll - 1].chunk) {
                    std::size_t end = label_row.text.size();
                    if (i + 2 < info.labels.size()) {
                        end = info.labels[i + 2].span.begin;
                    }
                    slots.front().span = Span{info.labels[i + 1].span.end, end};
                    consumed = i + 1;
                }
            }
            for (const auto& slot : slots) {
                const Row& row = analysis.rows()[slot.row];
                const auto amounts = slot_amounts(row, slot.span, true);
                if (amounts.empty()) {
                    continue;
                }
                // On the label's row the amount column is rightmost; under a label the first amount belongs to it.
                const AmountMatch& m = slot.rows_below == 0 ? amounts.back() : amounts.front();
                LabelledAmount a;
                a.kind = lab.kind;
                a.strength = lab.strength;
                a.label_text = std::string(lab.span.in(label_row.text));
                a.cents = m.amount.cents;
                a.has_decimals = m.amount.has_decimals;
                a.currency = m.amount.currency;
                a.row = slot.row;
                a.span = m.span;
                a.rows_below = slot.rows_below;
                a.ocr = span_confidence(row, m.span);
                for (const auto& other : amounts) {
                    if (other.amount.cents != m.amount.cents && other.amount.has_decimals) {
                        a.table_row = true;
                    }
                }
                out.push_back(std::move(a));
                break; // the nearest slot with an amount is the label's value
            }
        }
    }
    return out;
}

AmountGroups group_amounts(const std::vector<LabelledAmount>& amounts) {
    AmountGroups g;
    for (const auto& a : amounts) {
        switch (a.kind) {
        case LabelKind::subtotal:
            g.subtotals.push_back(a.cents);
            break;
        case LabelKind::tax:
            g.taxes.push_back(a.cents);
            break;
        case LabelKind::rounding:
            g.roundings.push_back(a.cents);
            break;
        case LabelKind::discount:
            g.discounts.push_back(abs64(a.cents));
            break;
        case LabelKind::shipping:
            g.shippings.push_back(a.cents);
            break;
        case LabelKind::payment:
            g.payments.push_back(a.cents);
            break;
        case LabelKind::change:
            g.changes.push_back(abs64(a.cents));
            break;
        case LabelKind::paid:
            g.paids.push_back(abs64(a.cents));
            break;
        case LabelKind::balance:
        case LabelKind::amount_due:
            g.balances.push_back(a.cents);
            break;
        default:
            break;
        }
    }
    return g;
}

int check_total(std::int64_t total, const AmountGroups& g) {
    // Distinct tax amounts, plus their sum (several rates without a sum row).
    std::vector<std::int64_t> taxes;
    std::int64_t tax_sum = 0;
    for (const auto t : g.taxes) {
        if (t > 0 && std::find(taxes.begin(), taxes.end(), t) == taxes.end()) {
            taxes.push_back(t);
            tax_sum += t;
        }
    }
    if (taxes.size() > 1) {
        taxes.push_back(tax_sum);
    }
    taxes.push_back(0);
    std::vector<std::int64_t> roundings{0};
    for (const auto r : g.roundings) {
        if (r != 0) {
            roundings.push_back(r);
            roundings.push_back(-r); // the sign of a rounding line is often lost
        }
    }
    std::vector<std::int64_t> shippings{0};
    shippings.insert(shippings.end(), g.shippings.begin(), g.shippings.end());
    std::vector<std::int64_t> discounts{0};
    discounts.insert(discounts.end(), g.discounts.begin(), g.discounts.end());

    std::vector<std::int64_t> bases = g.subtotals;
    if (g.items) {
        bases.push_back(*g.items);
        // Tax-inclusive: the item lines add up to the total (unless they add up to a printed subtotal of that value).
        if (*g.items == total && std::find(g.subtotals.begin(), g.subtotals.end(), total) == g.subtotals.end()) {
            return 1;
        }
    }
    for (const auto s : bases) {
        for (const auto t : taxes) {
            for (const auto r : roundings) {
                for (const auto h : shippings) {
                    for (const auto d : discounts) {
                        if ((t != 0 || r != 0 || h != 0 || d != 0) && s + t + r + h - d == total) {
                            return 1;
                        }
                    }
                }
            }
        }
    }
    for (const auto p : g.payments) {
        for (const auto c : g.changes) {
            if (c > 0 && p - c == total) {
                return 1;
            }
        }
    }
    // Paid exactly: a payment equal to the total with no (or zero) change.
    const bool no_change = std::all_of(g.changes.begin(), g.changes.end(), [](std::int64_t c) { return c == 0; });
    if (no_change && std::find(g.payments.begin(), g.payments.end(), total) != g.payments.end()) {
        return 1;
    }
    for (const auto a : g.paids) {
        for (const auto b : g.balances) {
            if (a > 0 && total - a == b) {
                return 1;
            }
        }
    }
    const bool has_tax = taxes.size() > 1;
    if (!g.subtotals.empty() && has_tax &&
        std::find(g.subtotals.begin(), g.subtotals.end(), total) == g.subtotals.end()) {
        return -1;
    }
    return 0;
}

std::optional<std::int64_t> line_item_sum(const Analysis& analysis) {
    const auto& rows = analysis.rows();
    std::size_t header = rows.size();
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (analysis.info(r).table_header) {
            header = r;
            break;
        }
    }
    if (header == rows.size()) {
        return std::nullopt;
    }
    std::int64_t sum = 0;
    int lines = 0;
    for (std::size_t r = header + 1; r < rows.size() && rows[r].page == rows[header].page; ++r) {
        const auto& labels = analysis.info(r).labels;
        if (std::any_of(labels.begin(), labels.end(), [](const LabelMatch& l) { return is_money_label(l.kind); })) {
            break;
        }
        std::optional<std::int64_t> last;
        for (const auto& m : find_amounts(rows[r].text)) {
            if (m.amount.has_decimals) {
                last = m.amount.cents;
            }
        }
        if (last) {
            sum += *last;
            ++lines;
        }
    }
    if (lines == 0) {
        return std::nullopt;
    }
    return sum;
}

AmountFields find_amount_fields(const Analysis& analysis, const FieldModel& model) {
    AmountFields out;
    const auto amounts = labelled_amounts(analysis);
    AmountGroups groups = group_amounts(amounts);
    groups.items = line_item_sum(analysis);
    const auto& rows = analysis.rows();

    std::int64_t paid_total = 0;
    for (const auto a : groups.paids) {
        paid_total += a;
    }

    // ---- total: labelled candidates
    std::vector<Candidate> totals;
    std::set<std::int64_t> total_values;
    for (const auto& a : amounts) {
        if (is_total_label(a.kind)) {
            total_values.insert(a.cents);
        }
    }
    // The largest printed subtotal: a total under half of it is a misread amount or a tax line ("TOTAL T 8.68" under
    // "SUB-TOTAL 144.68") unless a discount or part payment explains it.
    std::int64_t largest_subtotal = 0;
    const bool reductions =
        std::any_of(groups.discounts.begin(), groups.discounts.end(), [](std::int64_t d) { return d > 0; }) ||
        paid_total > 0;
    for (const auto& a : amounts) {
        if (a.kind == LabelKind::subtotal && !a.table_row && a.has_decimals) {
            largest_subtotal = std::max(largest_subtotal, a.cents);
        }
    }
    std::vector<Candidate> near_misses;
    for (const auto& a : amounts) {
        if (!is_total_label(a.kind)) {
            continue;
        }
        Candidate c;
        c.value = format_cents(a.cents);
        c.row = a.row;
        c.span = a.span;
        c.raw = std::string(a.span.in(rows[a.row].text));
        c.evidence.label = a.strength;
        c.evidence.rows_below = a.rows_below;
        c.evidence.ocr = a.ocr;
        const double y = rows[a.row].relative_y();
        if (y >= 0.5) {
            c.evidence.add(Feature::total_lower_half);
        } else if (y < 0.33) {
            c.evidence.add(Feature::total_top_third);
        }
        if (a.kind == LabelKind::total_strong) {
            c.evidence.add(Feature::total_label_strong);
        } else if (a.kind == LabelKind::amount_due) {
            c.evidence.add(Feature::total_label_due);
        }
        if (!a.has_decimals) {
            c.evidence.add(Feature::total_no_decimals);
        }
        if (!a.currency.empty()) {
            c.evidence.add(Feature::total_currency_mark);
        }
        if (a.cents <= 0) {
            c.evidence.add(Feature::total_not_positive);
            c.evidence.implausible = true;
        }
        if (a.table_row) {
            c.evidence.add(Feature::total_table_row);
        }
        if (!reductions && a.cents > 0 && 2 * a.cents < largest_subtotal) {
            c.evidence.add(Feature::total_below_subtotal);
        }
        if (a.cents < 0 && c.raw.size() > 2 && c.raw[0] == '-' && c.raw[1] == ' ') {
            // "Total : - 21.40": a dash standing apart from the digits separates label and value more often than it
            // signs the amount; both readings compete (arithmetic usually settles it).
            Candidate positive = c;
            positive.value = format_cents(-a.cents);
            positive.evidence.add(Feature::total_detached_dash);
            positive.evidence.set(Feature::total_not_positive, 0.0);
            positive.evidence.implausible = false;
            totals.push_back(std::move(positive));
        }
        if (a.kind == LabelKind::amount_due && paid_total > 0) {
            // "Balance due" after a deposit is not the invoice total.
            for (const auto v : total_values) {
                if (v - paid_total == a.cents) {
                    c.evidence.add(Feature::total_partial_balance);
                    break;
                }
            }
        }
        for (const std::int64_t cents : alternative_amounts(rows[a.row], a.span, a.cents)) {
            if (abs64(cents - a.cents) <= max_rounding_cents && abs64(a.cents) % 5 == 0) {
                continue; // "23.25" is the total after rounding 23.26, not a misreading of it
            }
            Candidate alternative = c;
            alternative.value = format_cents(cents);
            alternative.evidence.add(Feature::total_alternative);
            alternative.evidence.set(Feature::total_below_subtotal,
                                     !reductions && 2 * cents < largest_subtotal ? 1.0 : 0.0);
            near_misses.push_back(std::move(alternative));
        }
        totals.push_back(std::move(c));
    }
    // The recogniser's near misses of the labelled totals: the page's arithmetic and support choose among them.
    for (auto& c : near_misses) {
        totals.push_back(std::move(c));
    }
    // ---- total: the amount handed over (cash, card) is the total when nothing was given back; without any total
    // label, a "subtotal" may be the total (receipts print SUBTOTAL for the tax-inclusive sum)
    const bool no_total_label = total_values.empty();
    for (const auto& a : amounts) {
        const bool payment = a.kind == LabelKind::payment;
        const bool subtotal = a.kind == LabelKind::subtotal && no_total_label;
        if ((!payment && !subtotal) || a.cents <= 0) {
            continue;
        }
        Candidate c;
        c.value = format_cents(a.cents);
        c.row = a.row;
        c.span = a.span;
        c.raw = std::string(a.span.in(rows[a.row].text));
        c.evidence.label = a.strength;
        c.evidence.add(payment ? Feature::total_payment_label : Feature::total_subtotal_label);
        c.evidence.rows_below = a.rows_below;
        c.evidence.ocr = a.ocr;
        totals.push_back(std::move(c));
    }
    // ---- total: unlabelled amounts as a weak fallback
    {
        std::vector<Candidate> loose;
        std::int64_t largest = 0;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const auto& info = analysis.info(r);
            if (info.table_header) {
                continue;
            }
            bool distractor_row = false;
            for (const auto& l : info.labels) {
                if (is_money_label(l.kind) || l.kind == LabelKind::quantity || l.kind == LabelKind::other_number ||
                    l.kind == LabelKind::contact) {
                    distractor_row = true;
                }
            }
            if (distractor_row || rows[r].relative_y() < 0.2) {
                continue;
            }
            for (const auto& m : slot_amounts(rows[r], Span{0, rows[r].text.size()})) {
                if (!m.amount.has_decimals || m.amount.cents <= 0) {
                    continue;
                }
                Candidate c;
                c.value = format_cents(m.amount.cents);
                c.row = r;
                c.span = m.span;
                c.raw = std::string(m.span.in(rows[r].text));
                c.evidence.ocr = span_confidence(rows[r], m.span);
                c.evidence.add(Feature::total_unlabelled);
                largest = std::max(largest, m.amount.cents);
                loose.push_back(std::move(c));
            }
        }
        for (auto& c : loose) {
            if (c.value == format_cents(largest)) {
                c.evidence.add(Feature::total_largest);
            }
            totals.push_back(std::move(c));
        }
    }
    // ---- total: arithmetic, and rounding between two totals
    std::set<std::string> pre_rounding;
    // Amounts the rounded total may appear as: other totals, and what was paid ("VISA 41.50" after "Total 41.52",
    // "Rounding -0.02").
    std::set<std::int64_t> rounded_values = total_values;
    for (const auto p : groups.payments) {
        rounded_values.insert(p);
    }
    for (const auto r : groups.roundings) {
        if (r == 0) {
            continue;
        }
        for (const auto v : total_values) {
            if (rounded_values.count(v + r) > 0 || rounded_values.count(v - r) > 0) {
                // v and v±r are both printed as totals: the one after rounding is the payable total.
                const std::int64_t other = rounded_values.count(v + r) > 0 ? v + r : v - r;
                // The rounded total is the one whose cents are a multiple of 5 (Malaysian/Swiss rounding).
                if (abs64(v) % 5 != 0 && abs64(other) % 5 == 0) {
                    pre_rounding.insert(format_cents(v));
                }
            }
        }
    }
    if (!analysis.labels_of({LabelKind::rounding}).empty()) {
        // "Total 23.26 / Rounding Adj: ~0.0) / TOTAL 23.25": the rounding line's amount is unreadable, but two totals a
        // few cents apart, one of them on 5 cents, are the total before and after rounding.
        for (const auto v : total_values) {
            for (const auto w : rounded_values) {
                if (v != w && abs64(v - w) <= max_rounding_cents && abs64(v) % 5 != 0 && abs64(w) % 5 == 0) {
                    pre_rounding.insert(format_cents(v));
                }
            }
        }
    }
    for (auto& c : totals) {
        // Parse back the normalised value to check it.
        const auto parsed = parse_amount(c.value);
        if (!parsed) {
            continue;
        }
        if (c.evidence.label > 0) {
            c.evidence.arithmetic = check_total(parsed->cents, groups);
        } else if (check_total(parsed->cents, groups) > 0) {
            c.evidence.arithmetic = 1;
        }
        if (c.evidence.arithmetic > 0) {
            // Other amounts on the page add up to this value: its digits are confirmed, however unsure OCR was.
            c.evidence.ocr = std::max(c.evidence.ocr, arithmetic_confirmed_ocr);
        }
        if (pre_rounding.count(c.value) > 0) {
            c.evidence.add(Feature::total_pre_rounding);
        }
    }
    // ---- total: values the page's arithmetic derives from a labelled total that it does not confirm
    {
        const auto sums = arithmetic_values(groups);
        const auto rows_printing = [&totals](const std::string& value) {
            std::set<std::size_t> seen;
            for (const auto& o : totals) {
                if (o.value == value) {
                    seen.insert(o.row);
                }
            }
            return seen.size();
        };
        std::vector<Candidate> derived;
        std::set<std::string> derived_values;
        const auto add = [&](const Candidate& from, std::int64_t cents, std::optional<Feature> feature) {
            const std::string value = format_cents(cents);
            if (!derived_values.insert(value).second) {
                return; // one derived candidate per value: a derivation is no independent support
            }
            Candidate d = from;
            d.value = value;
            if (feature) {
                d.evidence.add(*feature);
            }
            derived.push_back(std::move(d));
        };
        for (auto& c : totals) {
            const auto parsed = parse_amount(c.value);
            if (!parsed || c.evidence.label <= 0 || c.evidence.arithmetic > 0 ||
                c.evidence.get(Feature::total_alternative) > 0) {
                continue;
            }
            const std::int64_t v = parsed->cents;
            // "Total 41.52 / Rounding -0.02": the payable amount is the total after rounding, on 5 cents.
            for (const auto r : groups.roundings) {
                if (r == 0 || abs64(r) > max_rounding_cents || abs64(v) % 5 == 0) {
                    continue;
                }
                for (const auto w : {v + r, v - r}) {
                    if (w > 0 && w % 5 == 0 && total_values.count(w) == 0) {
                        const bool penalised = pre_rounding.count(c.value) > 0;
                        add(c, w, Feature::total_rounded);
                        derived.back().evidence.set(Feature::total_pre_rounding, 0.0);
                        if (!penalised) {
                            c.evidence.add(Feature::total_pre_rounding);
                            pre_rounding.insert(c.value);
                        }
                    }
                }
            }
            // "TOTAL 8.40 / CASH 20.00 / CHANGE 11.40": one misread digit; cash minus change (or subtotal plus tax)
            // gives the value the total was printed as. Only for a total printed once (a total printed twice alike
            // is more likely right than the change), and never across a rounding gap (248.04 + 0.01 = 248.05).
            if (c.evidence.arithmetic == 0 && rows_printing(c.value) > 1) {
                continue;
            }
            // A total OCR read with confidence is not rewritten by amounts it read less surely ("Total 20.05" at 0.93
            // against "Cash 56.00 / Change 27.95" at 0.7: the cash line is the misread one).
            if (c.evidence.ocr >= sure_total_ocr) {
                continue;
            }
            for (const auto a : sums) {
                if (a > 0 && one_digit_apart(v, a) && total_values.count(a) == 0 &&
                    !(abs64(a - v) <= max_rounding_cents && abs64(v) % 5 == 0)) {
                    add(c, a, Feature::total_repaired_digit);
                    derived.back().evidence.arithmetic = 1;
                    derived.back().evidence.ocr = std::max(derived.back().evidence.ocr, arithmetic_confirmed_ocr);
                }
            }
        }
        for (auto& d : derived) {
            totals.push_back(std::move(d));
        }
    }
    // Magnitude and rounding, for the model to weigh.
    std::int64_t largest_labelled = 0;
    for (const auto& c : totals) {
        if (const auto parsed = parse_amount(c.value); parsed && c.evidence.label > 0) {
            largest_labelled = std::max(largest_labelled, parsed->cents);
        }
    }
    for (auto& c : totals) {
        if (const auto parsed = parse_amount(c.value)) {
            c.evidence.set(Feature::total_cents_5, abs64(parsed->cents) % 5 == 0 ? 1.0 : 0.0);
            c.evidence.set(Feature::total_max_labelled,
                           c.evidence.label > 0 && parsed->cents == largest_labelled ? 1.0 : 0.0);
        }
    }
    out.total = choose(std::move(totals), analysis, weights_for(model, "total"));
    std::int64_t total_cents = 0;
    bool have_total = false;
    if (out.total.best) {
        if (const auto parsed = parse_amount(out.total.best->value)) {
            total_cents = parsed->cents;
            have_total = true;
        }
        for (const auto& a : amounts) {
            if (a.row == out.total.best->row && a.span.begin == out.total.best->span.begin) {
                out.total_currency = a.currency;
            }
        }
        if (out.total_currency.empty()) {
            for (const auto& m : find_amounts(out.total.best->raw)) {
                out.total_currency = m.amount.currency;
            }
        }
    }

    // ---- subtotal and tax: labelled only
    std::vector<Candidate> subtotals;
    std::vector<Candidate> taxes;
    for (const auto& printed : amounts) {
        if (printed.kind != LabelKind::subtotal && printed.kind != LabelKind::tax) {
            continue;
        }
        LabelledAmount a = printed;
        Candidate c;
        c.raw = std::string(a.span.in(rows[a.row].text));
        if (a.cents < 0 && c.raw.size() > 2 && c.raw[0] == '-' && c.raw[1] == ' ') {
            // "Summe MwSt.- 2.471,34": a dash standing apart after the label separates it from the value.
            a.cents = -a.cents;
            c.evidence.add(Feature::total_detached_dash);
        }
        c.value = format_cents(a.cents);
        c.row = a.row;
        c.span = a.span;
        c.evidence.label = a.strength;
        c.evidence.rows_below = a.rows_below;
        c.evidence.ocr = a.ocr;
        if (have_total && (a.cents >= total_cents && !(a.kind == LabelKind::subtotal && a.cents == total_cents))) {
            c.evidence.add(Feature::amount_not_below_total);
        }
        if (a.cents < 0) {
            c.evidence.add(Feature::total_not_positive);
        }
        if (a.kind == LabelKind::tax) {
            if (contains_total_word(a.label_text)) {
                c.evidence.add(Feature::tax_sum_row);
            }
            if (a.cents == 0) {
                c.evidence.add(Feature::amount_zero);
            }
        }
        if (a.kind == LabelKind::subtotal && groups.items && *groups.items == a.cents) {
            c.evidence.arithmetic = 1; // the item lines add up to it
        } else if (have_total) {
            // Does this amount take part in a sum that gives the total?
            AmountGroups only = groups;
            if (a.kind == LabelKind::subtotal) {
                only.subtotals = {a.cents};
            } else {
                only.taxes = {a.cents};
                if (groups.items) {
                    only.subtotals.push_back(*groups.items);
                }
            }
            only.items.reset(); // "the item lines give the total" says nothing about this amount
            only.payments.clear();
            only.paids.clear();
            if (check_total(total_cents, only) > 0) {
                c.evidence.arithmetic = 1;
            }
        }
        (a.kind == LabelKind::subtotal ? subtotals : taxes).push_back(std::move(c));
    }
    out.subtotal = choose(std::move(subtotals), analysis, weights_for(model, "subtotal"));
    out.tax = choose(std::move(taxes), analysis, weights_for(model, "tax"));
    return out;
}

} // namespace docextract::detail
