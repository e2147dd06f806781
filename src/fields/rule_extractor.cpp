// SPDX-License-Identifier: MIT
#include "fields/rule_extractor.hpp"

#include "fields/analysis.hpp"
#include "fields/candidates.hpp"
#include "fields/currency.hpp"
#include "fields/date_field.hpp"
#include "fields/email.hpp"
#include "fields/invoice_number.hpp"
#include "fields/memory_evidence.hpp"
#include "fields/totals.hpp"
#include "fields/vendor.hpp"

#include <docextract/field_model.hpp>
#include <docextract/fields.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <memory>
#include <string_view>

namespace docextract {

namespace detail {

namespace {

/// How many vendor candidates are matched against email domains.
constexpr std::size_t vendor_names_for_email = 3;

} // namespace

std::vector<NamedChoice> choose_fields(const Analysis& analysis, const ExtractorOptions& options,
                                       const FieldModel& model) {
    const auto contacts = find_contacts(analysis);
    AmountFields amounts = find_amount_fields(analysis, model);
    Choice currency = find_currency(analysis, amounts.total, amounts.total_currency, model);
    Choice vendor = find_vendor(analysis, contacts, model);
    auto names = top_vendor_names(analysis, vendor_names_for_email, model);
    if (vendor.best) {
        names.insert(names.begin(), vendor.best->value);
    }
    Choice email = find_email(analysis, contacts, names, model);
    Choice number = find_invoice_number(analysis, model);
    DateFields dates =
        find_dates(analysis, options.date_order, currency.best ? currency.best->value : std::string(), model);

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

/// Fields that are in every result, found or not; the others only when a value is chosen.
bool always_reported(std::string_view name) {
    return name == "currency" ||
           std::find(core_field_names.begin(), core_field_names.end(), name) != core_field_names.end();
}

void add_reason(std::vector<ReviewReason>& reasons, ReviewReason reason) {
    if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) {
        reasons.push_back(reason);
    }
}

/// The field of one value of a scored pool: its best candidate's text and place, its calibrated probability.
Field field_of(const FieldCandidates& pool, const FieldWeights& weights, const std::string& value, double probability,
               std::size_t best_index, double none) {
    Field field;
    field.name = pool.field;
    const FieldCandidate& best = pool.all[best_index];
    field.value = value;
    field.confidence = calibrate(probability, weights.calibration, pool.page_noise);
    field.raw_text = best.raw_text;
    field.box = best.box;
    field.page = best.page;
    field.source = best.source;
    field.reasons = best.hints;
    if (probability < detail::conflict_share * (1.0 - none)) {
        add_reason(field.reasons, ReviewReason::conflicting_candidates);
    }
    if (pool.page_noise >= detail::noisy_from) {
        add_reason(field.reasons, ReviewReason::low_ocr_confidence); // many words of the page are unsure
    }
    return field;
}

/// The field the model chooses from the pooled candidates of every reading: the most probable value, or none when
/// "no value" is more probable than any value.
Field decide(FieldCandidates& pool, const FieldWeights& weights) {
    const FieldScores scores = score_candidates(pool, weights);
    if (scores.values.empty()) {
        Field field;
        field.name = pool.field;
        field.reasons.push_back(ReviewReason::not_found);
        return field;
    }
    const ValueProbability& top = scores.values.front();
    return field_of(pool, weights, top.value, top.probability, top.best, scores.none);
}

/// The field whose candidates the lines read again may confirm.
constexpr std::string_view confirmed_field = "vendor";

/// Confidences closer than this are the same: the memory changed nothing worth a mark.
constexpr float same_confidence = 1e-4F;

class RuleExtractor final : public FieldExtractor {
public:
    explicit RuleExtractor(const ExtractorOptions& options)
        : options_(options), model_(options.model ? options.model : shipped_field_model()),
          threshold_(options.review_threshold >= 0.0F ? options.review_threshold : model_->review_threshold) {
        // Compile every pattern now: a bad pattern is a setup error, not a per-document one.
        const std::vector<PageText> none;
        (void)extract(none);
    }

    [[nodiscard]] std::vector<Field> extract(std::span<const PageText> pages) const override {
        const std::vector<std::vector<PageText>> one{std::vector<PageText>(pages.begin(), pages.end())};
        return extract_readings(one);
    }

    [[nodiscard]] std::vector<Field> extract_readings(std::span<const std::vector<PageText>> readings) const override {
        std::vector<Field> fields;
        for (auto& pool : pooled(readings)) {
            Field field = decide(pool, detail::weights_for(*model_, pool.field));
            if (field.value || always_reported(field.name)) {
                fields.push_back(std::move(field));
            }
        }
        apply_review_threshold(fields, threshold_);
        return fields;
    }

    [[nodiscard]] std::vector<FieldCandidates>
    candidates(std::span<const std::vector<PageText>> readings) const override {
        std::vector<FieldCandidates> pools = pooled(readings);
        for (auto& pool : pools) {
            (void)score_candidates(pool, detail::weights_for(*model_, pool.field)); // fills each candidate's score
        }
        return pools;
    }

    [[nodiscard]] DocumentTraits recall(std::span<const std::vector<PageText>> readings, const VendorMemory* memory,
                                        std::vector<Field>& fields) const override {
        const detail::MemoryParameters& parameters = detail::memory_parameters();
        std::vector<std::string> tax_ids;
        std::vector<FieldCandidates> pools = pooled(readings, &tax_ids);
        for (auto& pool : pools) {
            (void)score_candidates(pool, detail::weights_for(*model_, pool.field));
        }
        DocumentTraits traits = detail::document_traits(pools, std::move(tax_ids));
        if (memory == nullptr) {
            return traits;
        }
        const std::optional<std::size_t> known = recognise_vendor(*memory, traits);
        if (!known) {
            return traits;
        }
        const RememberedVendor& vendor = memory->vendors[*known];
        for (Field& field : fields) {
            if (field.source == FieldSource::embedded_xml) {
                continue; // structured data is not a reading the memory could improve
            }
            const auto pool = std::find_if(pools.begin(), pools.end(),
                                           [&](const FieldCandidates& p) { return p.field == field.name; });
            if (pool == pools.end()) {
                continue;
            }
            const FieldWeights& weights = detail::weights_for(*model_, pool->field);
            const double none = detail::none_score(pool->none_features, weights);
            const std::optional<detail::Recalled> recalled =
                detail::recall_field(*pool, none, field.confidence, vendor, parameters);
            if (!recalled) {
                continue;
            }
            Field remembered =
                field_of(*pool, weights, recalled->value, recalled->probability, recalled->best, recalled->none);
            std::vector<Field> one{std::move(remembered)};
            apply_review_threshold(one, threshold_);
            if (one.front().value == field.value &&
                std::abs(one.front().confidence - field.confidence) < same_confidence) {
                continue;
            }
            one.front().memory = MemoryEffect{.vendor = vendor.canonical_name,
                                              .evidence = recalled->evidence,
                                              .value_without = field.value,
                                              .confidence_without = field.confidence,
                                              .needs_review_without = field.needs_review};
            field = std::move(one.front());
        }
        return traits;
    }

    [[nodiscard]] std::string model_version() const override { return model_->version; }

private:
    /// The candidates of every reading, one pool per field, not yet scored (decide() scores them once). With
    /// `tax_ids`, also the tax ids every reading prints.
    [[nodiscard]] std::vector<FieldCandidates> pooled(std::span<const std::vector<PageText>> readings,
                                                      std::vector<std::string>* tax_ids = nullptr) const {
        std::vector<FieldCandidates> pools;
        // Lines read again one by one come last and only confirm a vendor name: their vendor candidates join a name
        // another reading proposed (so that of two spellings of one printed line, the one read twice gains), and
        // they propose none of their own. Their amounts and dates are left out: a line cropped and read alone
        // confirms a misread digit as readily as the right one (docs/performance.md, "Lines read again").
        std::vector<std::size_t> order;
        std::vector<std::size_t> line_readings;
        for (std::size_t r = 0; r < readings.size(); ++r) {
            (detail::reading_pass(readings[r]) == ReadingPass::line ? line_readings : order).push_back(r);
        }
        const std::size_t first_confirming = order.size();
        order.insert(order.end(), line_readings.begin(), line_readings.end());
        for (std::size_t k = 0; k < order.size(); ++k) {
            const std::size_t r = order[k];
            const detail::Analysis analysis(readings[r], static_cast<int>(r));
            const bool confirms_only = k >= first_confirming;
            if (tax_ids != nullptr) {
                for (std::string& id : detail::find_tax_ids(analysis, detail::memory_parameters())) {
                    if (std::find(tax_ids->begin(), tax_ids->end(), id) == tax_ids->end()) {
                        tax_ids->push_back(std::move(id));
                    }
                }
            }
            for (const auto& named : detail::choose_fields(analysis, options_, *model_)) {
                FieldCandidates found = detail::public_candidates(named.name, named.choice, analysis);
                const auto same = std::find_if(pools.begin(), pools.end(),
                                               [&](const FieldCandidates& p) { return p.field == named.name; });
                if (confirms_only) {
                    if (same != pools.end() && named.name == confirmed_field) {
                        for (auto& c : found.all) {
                            if (std::any_of(same->all.begin(), same->all.end(),
                                            [&](const FieldCandidate& o) { return o.value == c.value; })) {
                                same->all.push_back(std::move(c));
                            }
                        }
                    }
                } else if (same == pools.end()) {
                    pools.push_back(std::move(found)); // the first reading's noise and "no value" features stand
                } else {
                    std::move(found.all.begin(), found.all.end(), std::back_inserter(same->all));
                }
            }
        }
        return pools;
    }

    ExtractorOptions options_;
    std::shared_ptr<const FieldModel> model_;
    float threshold_;
};

} // namespace

std::vector<Field> FieldExtractor::extract_readings(std::span<const std::vector<PageText>> readings) const {
    std::vector<Field> fields;
    for (const auto& pages : readings) {
        std::vector<Field> next = extract(pages);
        fields = fields.empty() ? std::move(next) : surer_fields(std::move(fields), next);
    }
    return fields;
}

std::vector<FieldCandidates> FieldExtractor::candidates(std::span<const std::vector<PageText>> /*readings*/) const {
    return {};
}

DocumentTraits FieldExtractor::recall(std::span<const std::vector<PageText>> /*readings*/,
                                      const VendorMemory* /*memory*/, std::vector<Field>& /*fields*/) const {
    return {};
}

std::string FieldExtractor::model_version() const {
    return {};
}

std::unique_ptr<FieldExtractor> make_rule_extractor(const ExtractorOptions& options) {
    return std::make_unique<RuleExtractor>(options);
}

} // namespace docextract
