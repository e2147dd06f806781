// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/export.hpp>
#include <docextract/geometry.hpp>
#include <docextract/text.hpp>
#include <docextract/vendor_memory.hpp>

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace docextract {

/// The fields every result carries, in output order.
inline constexpr std::array<std::string_view, 5> core_field_names = {"vendor", "invoice_number", "date", "total",
                                                                     "email"};

/// Why a field was flagged for a person to review.
enum class ReviewReason {
    not_found,              ///< No candidate was found.
    below_threshold,        ///< Confidence is under the review threshold.
    no_label,               ///< The value was not next to a label that names it.
    low_ocr_confidence,     ///< The OCR engine was unsure of the characters.
    ambiguous_day_month,    ///< A numeric date reads both day-first and month-first.
    conflicting_candidates, ///< Other candidates with different values scored nearly as well.
    arithmetic_mismatch,    ///< Amounts on the page do not add up to this total.
    implausible_value,      ///< The value is outside a plausible range (e.g. a date far in the future).
};

/// Stable snake_case name of a reason, e.g. "ambiguous_day_month".
DOCEXTRACT_API std::string_view to_string(ReviewReason reason) noexcept;

/// Where a field's value was read from.
enum class FieldSource {
    none,         ///< Not found.
    ocr,          ///< Words recognised by OCR.
    text_layer,   ///< A PDF text layer.
    embedded_xml, ///< Structured e-invoice XML embedded in the PDF.
};

/// Stable lower-case name of a field source, e.g. "embedded_xml".
DOCEXTRACT_API std::string_view to_string(FieldSource source) noexcept;

/// How a vendor memory changed a field: which vendor, what evidence, and the field as it was without it.
struct MemoryEffect {
    std::string vendor;   ///< Canonical name of the recognised vendor.
    std::string evidence; ///< "canonical_name" (spelling replaced), "name" or "date_order" (read in the vendor's
                          ///< order), "place"; '+'-joined.
    std::optional<std::string> value_without; ///< The value without the memory.
    float confidence_without = 0.0F;          ///< The confidence without the memory.
    bool needs_review_without = true;         ///< Whether it was flagged without the memory.
};

/// One extracted field: a normalised value and how much to trust it.
struct Field {
    std::string name;                       ///< Field name, e.g. "total".
    std::optional<std::string> value;       ///< Normalised value; nullopt when not found.
    float confidence = 0.0F;                ///< Estimated probability in 0..1 that the value is exactly right.
    bool needs_review = true;               ///< True when a person should check the value.
    std::vector<ReviewReason> reasons;      ///< Why it needs review (may be non-empty for accepted fields as hints).
    std::string raw_text;                   ///< The text the value was read from, as printed.
    std::optional<Box> box;                 ///< Where the value sits on its page.
    int page = -1;                          ///< Zero-based page index, -1 when not found.
    FieldSource source = FieldSource::none; ///< What the value was read from.
    std::optional<MemoryEffect> memory;     ///< Set when a vendor memory changed the value or the confidence.
};

/// Day/month order to assume for numeric dates that could be read either way.
enum class DateOrder {
    automatic,   ///< Decide from evidence on the page (other dates, language, currency); day-first otherwise.
    day_first,   ///< 03/04/2024 is 3 April.
    month_first, ///< 03/04/2024 is 4 March.
};

struct FieldModel;
struct FieldCandidates;

/// Settings of the field extractor.
struct ExtractorOptions {
    DateOrder date_order = DateOrder::automatic; ///< How to read ambiguous numeric dates (default automatic).
    std::shared_ptr<const FieldModel> model;     ///< The fitted field model; null for the shipped one.
    float review_threshold = -1.0F;              ///< Confidence below which a field is flagged; < 0: the model's.
};

/// Turns page text into fields. Implementations are stateless after construction and thread-safe.
class DOCEXTRACT_API FieldExtractor {
public:
    virtual ~FieldExtractor() = default;
    /// Extracts all fields from the pages of one document; never throws for bad text.
    [[nodiscard]] virtual std::vector<Field> extract(std::span<const PageText> pages) const = 0;
    /// Extracts the fields from several readings of one document (first, then second OCR reading). The default
    /// keeps the surer field of each reading (surer_fields).
    [[nodiscard]] virtual std::vector<Field> extract_readings(std::span<const std::vector<PageText>> readings) const;
    /// Every candidate of every field the readings give, with its features and score (empty when the extractor
    /// has no model); for --explain and for fitting a model.
    [[nodiscard]] virtual std::vector<FieldCandidates>
    candidates(std::span<const std::vector<PageText>> readings) const;
    /// Applies a vendor memory's evidence to the fields extracted from these readings (bounded, never over a clear
    /// reading; docs/field-model.md, "Vendor memory") and returns what the document tells of its vendor. Null
    /// memory: only the traits. The default changes nothing and returns no traits.
    virtual DocumentTraits recall(std::span<const std::vector<PageText>> readings, const VendorMemory* memory,
                                  std::vector<Field>& fields) const;
    /// Version of the field model, empty when there is none.
    [[nodiscard]] virtual std::string model_version() const;
};

/// Creates the model-based extractor: generators propose candidates (labels, positions, arithmetic, PCRE2
/// patterns), a fitted softmax ranker chooses per field and a calibration fitted out of fold gives the confidence.
DOCEXTRACT_API std::unique_ptr<FieldExtractor> make_rule_extractor(const ExtractorOptions& options = {});

/// Per field, the surer of two readings of one document: a value beats none, a higher confidence a lower one, and
/// the first reading wins ties. A vendor both read on the same line (a letter or two apart) keeps the spelling with
/// fewer marks of misreading, the second's on a tie. Fields only the second reading has are added at the end.
DOCEXTRACT_API std::vector<Field> surer_fields(std::vector<Field> first, std::span<const Field> second);

/// Sets needs_review and adds below_threshold/not_found reasons for fields under the threshold.
DOCEXTRACT_API void apply_review_threshold(std::vector<Field>& fields, float threshold);

} // namespace docextract
