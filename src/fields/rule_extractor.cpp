// SPDX-License-Identifier: MIT
#include "fields/rule_extractor.hpp"

#include "fields/analysis.hpp"
#include "fields/candidates.hpp"
#include "fields/currency.hpp"
#include "fields/date_field.hpp"
#include "fields/email.hpp"
#include "fields/invoice_number.hpp"
#include "fields/totals.hpp"
#include "fields/vendor.hpp"

#include <docextract/fields.hpp>

#include <algorithm>

namespace docextract {

namespace detail {

namespace {

/// How many vendor candidates are matched against email domains.
constexpr std::size_t vendor_names_for_email = 3;

} // namespace

std::vector<NamedChoice> choose_fields(const Analysis& analysis, const ExtractorOptions& options) {
    const auto contacts = find_contacts(analysis);
    AmountFields amounts = find_amount_fields(analysis);
    Choice currency = find_currency(analysis, amounts.total, amounts.total_currency);
    Choice vendor = find_vendor(analysis, contacts);
    auto names = top_vendor_names(analysis, vendor_names_for_email);
    if (vendor.best) {
        names.insert(names.begin(), vendor.best->value);
    }
    Choice email = find_email(analysis, contacts, names);
    Choice number = find_invoice_number(analysis);
    DateFields dates = find_dates(analysis, options.date_order, currency.best ? currency.best->value : std::string());

    std::vector<NamedChoice> out;
    out.push_back({"vendor", std::move(vendor)});
    out.push_back({"invoice_number", std::move(number)});
    out.push_back({"date", std::move(dates.date)});
    out.push_back({"total", std::move(amounts.total)});
    out.push_back({"email", std::move(email)});
    out.push_back({"currency", std::move(currency)});
    // Extra fields only when a label names them.
    if (amounts.subtotal.best) {
        out.push_back({"subtotal", std::move(amounts.subtotal)});
    }
    if (amounts.tax.best) {
        out.push_back({"tax", std::move(amounts.tax)});
    }
    if (dates.due_date.best) {
        out.push_back({"due_date", std::move(dates.due_date)});
    }
    return out;
}

} // namespace detail

namespace {

/// Review threshold applied by the extractor itself, so that its output is consistent on its own; the
/// pipeline re-applies its own threshold.
constexpr float default_review_threshold = 0.7F;
class RuleExtractor final : public FieldExtractor {
public:
    explicit RuleExtractor(const ExtractorOptions& options) : options_(options) {
        // Compile every pattern now: a bad pattern is a setup error, not a per-document one.
        const std::vector<PageText> none;
        (void)extract(none);
    }

    [[nodiscard]] std::vector<Field> extract(std::span<const PageText> pages) const override {
        const detail::Analysis analysis(pages);
        const double noise = detail::ocr_noise(pages);
        const bool noisy = noise >= detail::document_calibration.noisy_from;
        std::vector<Field> fields;
        for (const auto& named : detail::choose_fields(analysis, options_)) {
            Field field = detail::make_field(named.name, named.choice, analysis);
            if (field.value) {
                field.confidence = detail::document_probability(field.confidence, noise);
                if (noisy && std::find(field.reasons.begin(), field.reasons.end(), ReviewReason::low_ocr_confidence) ==
                                 field.reasons.end()) {
                    field.reasons.push_back(ReviewReason::low_ocr_confidence); // many words of the page are unsure
                }
            }
            fields.push_back(std::move(field));
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
