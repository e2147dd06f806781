// SPDX-License-Identifier: MIT
#include <docextract/fields.hpp>

namespace docextract {

std::string_view to_string(ReviewReason reason) noexcept {
    switch (reason) {
    case ReviewReason::not_found:
        return "not_found";
    case ReviewReason::below_threshold:
        return "below_threshold";
    case ReviewReason::no_label:
        return "no_label";
    case ReviewReason::low_ocr_confidence:
        return "low_ocr_confidence";
    case ReviewReason::ambiguous_day_month:
        return "ambiguous_day_month";
    case ReviewReason::conflicting_candidates:
        return "conflicting_candidates";
    case ReviewReason::arithmetic_mismatch:
        return "arithmetic_mismatch";
    case ReviewReason::implausible_value:
        return "implausible_value";
    }
    return "unknown";
}

std::string_view to_string(FieldSource source) noexcept {
    switch (source) {
    case FieldSource::none:
        return "none";
    case FieldSource::ocr:
        return "ocr";
    case FieldSource::text_layer:
        return "text_layer";
    case FieldSource::embedded_xml:
        return "embedded_xml";
    }
    return "unknown";
}

} // namespace docextract
