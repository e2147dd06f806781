// SPDX-License-Identifier: MIT
#include "fields/analysis.hpp"

#include "fields/confidence.hpp"

#include "fields/names.hpp"

#include <algorithm>
#include <cstddef>
#include <string>

namespace docextract::detail {

namespace {

/// A value under a label must start within this many label heights below the label row.
constexpr double below_max_gap_heights = 3.0;
/// Horizontal slack (in label heights) when deciding whether a phrase stands under a label.
constexpr double column_slack_heights = 1.0;
/// A customer block ends after this many rows or at a vertical gap of this many row heights.
constexpr int customer_block_rows = 6;
constexpr double customer_block_gap_heights = 2.5;
constexpr double customer_block_first_gap_heights = 5.0;
/// A phrase printed twice in one row counts as a customer's name from this many letters on.
constexpr std::ptrdiff_t min_repeated_name_letters = 6;

bool is_label_kind_blocking_below(LabelKind kind) noexcept {
    return kind != LabelKind::table_header && kind != LabelKind::number_word;
}

int horizontal_overlap(int a0, int a1, int b0, int b1) noexcept {
    return std::min(a1, b1) - std::max(a0, b0);
}

} // namespace

/// The kind of a reading: lines read one by one or a second reading when any of its lines is one.
ReadingPass reading_pass(std::span<const PageText> pages) noexcept {
    bool second = false;
    for (const PageText& page : pages) {
        for (const TextLine& line : page.lines) {
            if (line.pass == ReadingPass::line) {
                return ReadingPass::line;
            }
            second = second || line.pass == ReadingPass::second_reading;
        }
    }
    return second ? ReadingPass::second_reading : ReadingPass::page;
}

Analysis::Analysis(std::span<const PageText> pages, int reading)
    : layout_(build_layout(pages)), reading_(reading), pass_(reading_pass(pages)), noise_(ocr_noise(pages)),
      text_layer_(!pages.empty() && std::all_of(pages.begin(), pages.end(), [](const PageText& page) {
          return page.source == TextSource::text_layer;
      })) {
    info_.resize(layout_.rows.size());
    for (std::size_t r = 0; r < layout_.rows.size(); ++r) {
        auto& info = info_[r];
        // Labels never reach across a wide gap: "DATE      DUE BY" are two labels, not "date due".
        const Row& row = layout_.rows[r];
        for (int chunk = 0; chunk < row.chunks; ++chunk) {
            const auto [first, last] = row.chunk_words(chunk);
            const Span span = row.span_of(first, last);
            const LabelSpelling spelling =
                row.source == TextSource::ocr ? LabelSpelling::ocr_tolerant : LabelSpelling::exact;
            for (auto label : find_labels(span.in(row.text), spelling)) {
                label.span.begin += span.begin;
                label.span.end += span.begin;
                info.labels.push_back(label);
            }
        }
        info.customer.assign(layout_.rows[r].words.size(), false);
        int headers = 0;
        bool field_labels = false; // "Invoice No  Date  Due by  Amount": a row of meta data, not an item table
        for (const auto& l : info.labels) {
            if (l.kind == LabelKind::table_header) {
                ++headers;
            }
            field_labels = field_labels || l.kind == LabelKind::invoice_number || l.kind == LabelKind::receipt_number ||
                           l.kind == LabelKind::date_invoice || l.kind == LabelKind::date_generic ||
                           l.kind == LabelKind::date_due || l.kind == LabelKind::bill_to ||
                           l.kind == LabelKind::ship_to;
            if (l.day_first) {
                ++day_first_labels_;
            }
        }
        info.table_header = headers >= 2 || (headers == 1 && info.labels.size() >= 3 && !field_labels);
    }
    mark_customer_blocks();
}

std::vector<LabelRef> Analysis::labels_of(std::initializer_list<LabelKind> kinds) const {
    std::vector<LabelRef> out;
    for (std::size_t r = 0; r < info_.size(); ++r) {
        for (std::size_t i = 0; i < info_[r].labels.size(); ++i) {
            if (std::find(kinds.begin(), kinds.end(), info_[r].labels[i].kind) != kinds.end()) {
                out.push_back(LabelRef{r, i});
            }
        }
    }
    return out;
}

std::pair<std::size_t, std::size_t> Analysis::label_words(const LabelRef& ref) const noexcept {
    return layout_.rows[ref.row].words_in(label(ref).span);
}

bool Analysis::in_customer_block(std::size_t row, std::size_t first, std::size_t last) const noexcept {
    const auto& flags = info_[row].customer;
    for (std::size_t i = first; i < last && i < flags.size(); ++i) {
        if (flags[i]) {
            return true;
        }
    }
    return false;
}

std::vector<ValueSlot> Analysis::value_slots(const LabelRef& ref, int max_below) const {
    std::vector<ValueSlot> slots;
    const Row& row = layout_.rows[ref.row];
    const RowInfo& info = info_[ref.row];
    const LabelMatch& lab = info.labels[ref.index];

    // Same row: up to the next label that is not a mere column header.
    std::size_t end = row.text.size();
    for (std::size_t i = ref.index + 1; i < info.labels.size(); ++i) {
        if (is_label_kind_blocking_below(info.labels[i].kind) || info.table_header) {
            end = info.labels[i].span.begin;
            break;
        }
    }
    slots.push_back(ValueSlot{ref.row, Span{lab.span.end, end}, 0});

    if (info.table_header || max_below <= 0) {
        return slots;
    }
    const auto [lf, ll] = row.words_in(lab.span);
    if (lf >= ll) {
        return slots;
    }
    const Box label_box = row.box_of(lf, ll);
    const int h = std::max(1, row.height);
    const int slack = static_cast<int>(column_slack_heights * h);
    const int col0 = label_box.x - slack;
    const int col1 = label_box.right() + slack;
    int found = 0;
    for (std::size_t r = ref.row + 1; r < layout_.rows.size() && found < max_below; ++r) {
        const Row& below = layout_.rows[r];
        if (below.page != row.page) {
            break;
        }
        if (static_cast<double>(below.box.y - row.box.bottom()) > below_max_gap_heights * h * (found + 1)) {
            break;
        }
        // Chunks of that row that stand under the label.
        std::vector<int> chunks;
        for (const auto& w : below.words) {
            if (horizontal_overlap(col0, col1, w.box.x, w.box.right()) > 0 &&
                std::find(chunks.begin(), chunks.end(), w.chunk) == chunks.end()) {
                chunks.push_back(w.chunk);
            }
        }
        if (chunks.empty()) {
            continue;
        }
        std::sort(chunks.begin(), chunks.end());
        const auto first_chunk = below.chunk_words(chunks.front());
        const auto last_chunk = below.chunk_words(chunks.back());
        const Span span = below.span_of(first_chunk.first, last_chunk.second);
        // A phrase that carries its own label is another label/value pair, not this label's value.
        bool labelled = false;
        for (const auto& l : info_[r].labels) {
            if (l.span.begin < span.end && span.begin < l.span.end && is_label_kind_blocking_below(l.kind)) {
                labelled = true;
            }
        }
        if (labelled) {
            break;
        }
        ++found;
        slots.push_back(ValueSlot{r, span, found});
    }
    return slots;
}

void Analysis::mark_customer_blocks() {
    for (const auto& ref : labels_of({LabelKind::bill_to, LabelKind::ship_to})) {
        const Row& row = layout_.rows[ref.row];
        const auto [lf, ll] = label_words(ref);
        if (lf >= ll) {
            continue;
        }
        // The rest of the label's phrase on its own row ("Bill to: ACME Ltd").
        const int chunk = row.words[lf].chunk;
        for (std::size_t i = ll; i < row.words.size() && row.words[i].chunk == chunk; ++i) {
            info_[ref.row].customer[i] = true;
        }
        const Box label_box = row.box_of(lf, ll);
        const int h = std::max(1, row.height);
        const int col0 = label_box.x - h;
        const int col1 = std::max(label_box.right(), label_box.x + row.page_width * 3 / 10);
        int previous_bottom = row.box.bottom();
        int taken = 0;
        for (std::size_t r = ref.row + 1; r < layout_.rows.size() && taken < customer_block_rows; ++r) {
            const Row& below = layout_.rows[r];
            // The first line may stand further below its header than the lines of the block from each other.
            const double allowed = (taken == 0 ? customer_block_first_gap_heights : customer_block_gap_heights) *
                                   std::max(h, layout_.median_height);
            if (below.page != row.page || static_cast<double>(below.box.y - previous_bottom) > allowed) {
                break;
            }
            std::vector<std::size_t> words;
            for (std::size_t i = 0; i < below.words.size(); ++i) {
                const auto& w = below.words[i];
                if (horizontal_overlap(col0, col1, w.box.x, w.box.right()) > 0) {
                    words.push_back(i);
                }
            }
            if (words.empty()) {
                continue;
            }
            const Span span = below.span_of(words.front(), words.back() + 1);
            bool stop = false;
            for (const auto& l : info_[r].labels) {
                if (l.span.begin < span.end && span.begin < l.span.end && l.kind != LabelKind::contact &&
                    l.kind != LabelKind::email && l.kind != LabelKind::number_word &&
                    l.kind != LabelKind::other_number && l.kind != LabelKind::bill_to) {
                    stop = true;
                }
            }
            if (stop || info_[r].table_header) {
                break;
            }
            for (const std::size_t i : words) {
                info_[r].customer[i] = true;
            }
            previous_bottom = below.box.bottom();
            ++taken;
        }
    }
    mark_names_printed_twice();
}

void Analysis::mark_names_printed_twice() {
    // "Lakeside Dental LLC      Lakeside Dental LLC": the same name side by side is the customer under a bill-to and
    // a ship-to header (which OCR may have garbled beyond recognition); a vendor's name does not repeat in one row.
    for (std::size_t r = 0; r < layout_.rows.size(); ++r) {
        const Row& row = layout_.rows[r];
        for (int a = 0; a < row.chunks; ++a) {
            const std::string name = fold_key(row.chunk_text(a));
            const auto letters = std::count_if(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
            if (letters < min_repeated_name_letters) {
                continue;
            }
            for (int b = a + 1; b < row.chunks; ++b) {
                if (fold_key(row.chunk_text(b)) != name) {
                    continue;
                }
                for (const int chunk : {a, b}) {
                    const auto [first, last] = row.chunk_words(chunk);
                    for (std::size_t i = first; i < last; ++i) {
                        info_[r].customer[i] = true;
                    }
                }
            }
        }
    }
}

} // namespace docextract::detail
