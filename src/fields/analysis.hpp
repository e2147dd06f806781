// SPDX-License-Identifier: MIT
#pragma once

#include "fields/labels.hpp"
#include "fields/layout.hpp"
#include "fields/regex.hpp"

#include <docextract/text.hpp>

#include <cstddef>
#include <span>
#include <vector>

namespace docextract::detail {

/// A place where the value of a label may stand: the rest of its row, or a phrase in a row below it.
struct ValueSlot {
    std::size_t row = 0; ///< Row index in the layout.
    Span span;           ///< Bytes of the row text to read the value from.
    int rows_below = 0;  ///< 0 for the label's own row, k for the k-th row under it.
};

/// Labels and flags of one row.
struct RowInfo {
    std::vector<LabelMatch> labels;
    bool table_header = false;  ///< The row names item-table columns (Qty, Description, Price...).
    std::vector<bool> customer; ///< Per word: inside a bill-to/ship-to block (the customer, not the vendor).
};

/// A label found somewhere in the document, with its row.
struct LabelRef {
    std::size_t row = 0;
    std::size_t index = 0; ///< Index in RowInfo::labels.
};

/// The kind of a reading: lines read one by one or a second reading when any of its lines is one, else the page.
[[nodiscard]] ReadingPass reading_pass(std::span<const PageText> pages) noexcept;

/// The document as the field finders see it: visual rows, labels, customer blocks.
class Analysis {
public:
    /// Analyses the pages (layout, labels, customer blocks) of one reading (0 first, 1 second) of a document.
    explicit Analysis(std::span<const PageText> pages, int reading = 0);

    [[nodiscard]] const Layout& layout() const noexcept { return layout_; }
    [[nodiscard]] const std::vector<Row>& rows() const noexcept { return layout_.rows; }
    [[nodiscard]] const RowInfo& info(std::size_t row) const noexcept { return info_[row]; }
    [[nodiscard]] const LabelMatch& label(const LabelRef& ref) const noexcept {
        return info_[ref.row].labels[ref.index];
    }
    /// Which reading of the document this is, in the order the extractor was given them (0 the first).
    [[nodiscard]] int reading() const noexcept { return reading_; }
    /// What kind of reading it is: lines read one by one, the second reading of whole pages, or else the pages.
    [[nodiscard]] ReadingPass pass() const noexcept { return pass_; }
    /// Share of the words that OCR read unsurely (ocr_noise()).
    [[nodiscard]] double noise() const noexcept { return noise_; }
    /// Whether every page's words come from a text layer.
    [[nodiscard]] bool text_layer() const noexcept { return text_layer_; }
    /// Number of labels written in a language that prints dates day-first.
    [[nodiscard]] int day_first_labels() const noexcept { return day_first_labels_; }

    /// All labels of the given kinds, in document order.
    [[nodiscard]] std::vector<LabelRef> labels_of(std::initializer_list<LabelKind> kinds) const;
    /// Where the value of a label may stand: to its right up to the next label, then (unless the label heads
    /// an item table) phrases in up to max_below rows under it in the same column.
    [[nodiscard]] std::vector<ValueSlot> value_slots(const LabelRef& ref, int max_below = 2) const;
    /// Word range of a label in its row.
    [[nodiscard]] std::pair<std::size_t, std::size_t> label_words(const LabelRef& ref) const noexcept;
    /// True when any word of [first, last) of the row belongs to a customer block.
    [[nodiscard]] bool in_customer_block(std::size_t row, std::size_t first, std::size_t last) const noexcept;

private:
    void mark_customer_blocks();
    /// Marks a phrase printed twice in one row (a bill-to and a ship-to block of the same customer) as customer.
    void mark_names_printed_twice();

    Layout layout_;
    std::vector<RowInfo> info_;
    int day_first_labels_ = 0;
    int reading_ = 0;
    ReadingPass pass_ = ReadingPass::page;
    double noise_ = 0;
    bool text_layer_ = false;
};

} // namespace docextract::detail
