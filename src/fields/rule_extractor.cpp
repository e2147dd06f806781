// SPDX-License-Identifier: MIT
#include "fields/analysis.hpp"
#include "fields/candidates.hpp"
#include "fields/currency.hpp"
#include "fields/date_field.hpp"
#include "fields/email.hpp"
#include "fields/invoice_number.hpp"
#include "fields/totals.hpp"
#include "fields/vendor.hpp"

#include <docextract/fields.hpp>

namespace docextract {

namespace {

/// Review threshold applied by the extractor itself, so that its output is consistent on its own; the
/// pipeline re-applies its own threshold.
constexpr float default_review_threshold = 0.7F;
/// How many vendor candidates are matched against email domains.
constexpr std::size_t vendor_names_for_email = 3;

class RuleExtractor final : public FieldExtractor {
public:
    explicit RuleExtractor(const ExtractorOptions& options) : options_(options) {
        // Compile every pattern now: a bad pattern is a setup error, not a per-document one.
        const std::vector<PageText> none;
        (void)extract(none);
    }

    [[nodiscard]] std::vector<Field> extract(std::span<const PageText> pages) const override {
        using namespace detail;
        const Analysis analysis(pages);
        const auto contacts = find_contacts(analysis);
        const AmountFields amounts = find_amount_fields(analysis);
        const Choice currency = find_currency(analysis, amounts.total, amounts.total_currency);
        const Choice vendor = find_vendor(analysis, contacts);
        auto names = top_vendor_names(analysis, vendor_names_for_email);
        if (vendor.best) {
            names.insert(names.begin(), vendor.best->value);
        }
        const Choice email = find_email(analysis, contacts, names);
        const Choice number = find_invoice_number(analysis);
        const DateFields dates =
            find_dates(analysis, options_.date_order, currency.best ? currency.best->value : std::string());

        std::vector<Field> fields;
        fields.push_back(make_field("vendor", vendor, analysis));
        fields.push_back(make_field("invoice_number", number, analysis));
        fields.push_back(make_field("date", dates.date, analysis));
        fields.push_back(make_field("total", amounts.total, analysis));
        fields.push_back(make_field("email", email, analysis));
        fields.push_back(make_field("currency", currency, analysis));
        // Extra fields only when a label names them.
        if (amounts.subtotal.best) {
            fields.push_back(make_field("subtotal", amounts.subtotal, analysis));
        }
        if (amounts.tax.best) {
            fields.push_back(make_field("tax", amounts.tax, analysis));
        }
        if (dates.due_date.best) {
            fields.push_back(make_field("due_date", dates.due_date, analysis));
        }
        apply_review_threshold(fields, default_review_threshold);
        return fields;
    }

private:
    ExtractorOptions options_;
};

} // namespace

std::unique_ptr<FieldExtractor> make_rule_extractor(const ExtractorOptions& options) {
    return std::make_unique<RuleExtractor>(options);
}

} // namespace docextract
