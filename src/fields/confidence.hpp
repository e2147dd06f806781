// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/fields.hpp>
#include <docextract/text.hpp>

#include <span>

#include <vector>

namespace docextract::detail {

/// What is known about one candidate value. All scores are on the log-odds scale.
struct Evidence {
    double label = 0;         ///< Strength 0..1 of the label naming the field; 0 when the value stands alone.
    int rows_below = 0;       ///< 0: value right of its label; k: k rows under it.
    double ocr = 1.0;         ///< Mean OCR confidence of the value's words, 0..1.
    double prior = 0;         ///< Field-specific log-odds from position, shape and vocabulary.
    int arithmetic = 0;       ///< +1: the page's amounts add up to this value; -1: they contradict it; 0: no check.
    bool ambiguous = false;   ///< An ambiguous numeric date decided by weak evidence.
    bool implausible = false; ///< The value is possible but unusual (a zero or negative total).
};

/// The weights that turn evidence into a probability for one field. Every number lives here so that the
/// model can be refitted on labelled data without touching the finders.
struct ConfidenceModel {
    double bias;              ///< Log-odds of a bare candidate with no label and neutral prior.
    double label_weight;      ///< Added per unit of label strength.
    double below_penalty;     ///< Subtracted per row between label and value.
    double ocr_weight;        ///< Multiplies (ocr - 1): unsure characters lower the odds.
    double support_weight;    ///< Added per further independent candidate with the same value.
    int support_cap;          ///< At most this many further candidates count.
    double arithmetic_ok;     ///< Added when the amounts add up to the value.
    double arithmetic_bad;    ///< Subtracted when they contradict it.
    double ambiguous_penalty; ///< Subtracted for an ambiguous day/month order.
    double share_temperature; ///< Softmax temperature over competing values (larger: competitors count more).
    // Calibration: probability = sigmoid(scale * logit + offset + share_exponent * log(share)).
    double scale = 1.0;          ///< Stretches the evidence log-odds.
    double offset = 0.0;         ///< Shifts them.
    double share_exponent = 1.0; ///< How much competing values lower the probability.
};

/// Models per field. Evidence weights were set by hand; the calibration (last three numbers) was fitted by
/// L2-regularised logistic regression on the development sets (SROIE, invoice2data, synthetic; pipeline OCR).
inline constexpr ConfidenceModel vendor_model{-0.5, 0.0, 0.0, 3.0, 0.0, 0, 0.0, 0.0, 0.0, 1.0, 0.6, -0.5, 1.5};
inline constexpr ConfidenceModel invoice_number_model{-1.5, 4.0, 0.5, 3.0, 0.5, 2, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0};
inline constexpr ConfidenceModel date_model{-0.5, 3.0, 0.4, 3.0, 0.5, 2, 0.0, 0.0, 1.2, 1.0, 0.45, 2.1, 1.0};
inline constexpr ConfidenceModel total_model{-1.0, 3.5, 0.7, 3.0, 0.6, 3, 1.5, 1.0, 0.0, 1.0, 0.75, 0.3, 0.9};
inline constexpr ConfidenceModel amount_model{-1.5, 3.5, 0.7, 3.0, 0.3, 2, 1.0, 1.0, 0.0, 1.0, 1.15, 0.3, 1.0};
inline constexpr ConfidenceModel email_model{1.0, 1.0, 0.0, 3.0, 0.3, 2, 0.0, 0.0, 0.0, 1.0, 1.1, 0.0, 1.0};
inline constexpr ConfidenceModel currency_model{0.0, 0.0, 0.0, 0.0, 0.3, 4, 0.0, 0.0, 0.0, 1.0, 1.2, 0.3, 0.9};

/// Log-odds priors the finders add to Evidence::prior, by field. Named so that they can be refitted.
namespace prior {
// total
inline constexpr double total_lower_half = 0.3;       ///< Totals stand in the lower half of a page.
inline constexpr double total_top_third = -0.5;       ///< ...and rarely in the top third.
inline constexpr double total_no_decimals = -0.5;     ///< "Rs 1939": an integer amount (needs a currency mark).
inline constexpr double total_currency_mark = 0.2;    ///< The amount carries a currency mark.
inline constexpr double total_not_positive = -2.0;    ///< Zero or negative totals are rare (credit notes).
inline constexpr double total_partial_balance = -3.0; ///< An "amount due" that is the total minus a part payment.
inline constexpr double total_detached_dash = -0.5;   ///< "- 21.40" read as 21.40 (the dash may be a sign).
inline constexpr double total_pre_rounding = -1.5;    ///< A total that a rounding line turns into another total.
inline constexpr double total_unlabelled = -1.5;      ///< An amount with no total label at all.
inline constexpr double total_subtotal_label = 0.2;   ///< Label strength of a subtotal when no total is labelled.
inline constexpr double total_payment_label = 0.25;   ///< Label strength of "Cash"/"Visa" amounts as totals.
inline constexpr double total_table_row = -1.5;       ///< A "Total" row of a summary table with several amounts.
inline constexpr double total_largest = 1.0;          ///< ...that is the largest amount in the lower part.
inline constexpr double total_below_cap = 1.0;        ///< Below-label values only count for labels not in a table.
inline constexpr double total_repaired_digit = -1.0;  ///< A labelled total with one digit replaced by the arithmetic.
inline constexpr double total_below_subtotal = -2.0;  ///< Under half the subtotal with no discount or part payment.
// tax and subtotal
inline constexpr double tax_sum_row = 1.0;             ///< "Total VAT", "Totaal BTW": the sum of several rates.
inline constexpr double amount_not_below_total = -3.0; ///< Tax or subtotal not smaller than the total.
inline constexpr double amount_zero = -0.5;            ///< A zero tax line (reverse charge) is weaker evidence.
// date
inline constexpr double date_distractor = -4.0;     ///< Due, order, delivery dates.
inline constexpr double date_with_time = 0.5;       ///< Receipts print the sale date with its time.
inline constexpr double date_position = -1.0;       ///< Times relative height on the page (top is better).
inline constexpr double date_two_digit_year = -0.2; ///< "12-03-18".
inline constexpr double date_compact = -1.5;        ///< "20180312" without a label.
// invoice number
inline constexpr double number_shape_mixed = 0.5;  ///< Letters with digits or separators ("INV-2024-0042").
inline constexpr double number_shape_digits = 0.2; ///< Four or more digits.
inline constexpr double number_too_short = -1.5;   ///< One to three characters.
inline constexpr double number_too_long = -1.0;    ///< Thirteen or more digits (bar codes, phone numbers).
inline constexpr double number_is_other = -2.5;    ///< The same token follows an order/customer/VAT-id label.
inline constexpr double number_bare_pattern = 0.5; ///< An unlabelled token shaped like an invoice id ("INV-123").
// email
inline constexpr double email_role_account = 0.3;  ///< info@, billing@, rechnung@ ...
inline constexpr double email_vendor_domain = 1.5; ///< Its domain matches the vendor's name.
inline constexpr double email_edge_position = 0.3; ///< In the letterhead or the footer.
// currency
inline constexpr double currency_on_total = 2.0;     ///< The mark stands on the chosen total.
inline constexpr double currency_on_amount = 0.5;    ///< The mark stands on some amount.
inline constexpr double currency_code_word = 0.3;    ///< A code word such as "EUR" on its own.
inline constexpr double currency_dollar_only = -0.3; ///< "$" alone could be another dollar.
// vendor
inline constexpr double vendor_legal_suffix = 2.5;    ///< Ends in Ltd, GmbH, B.V., SDN BHD, S/B ...
inline constexpr double vendor_business_word = 0.8;   ///< Restaurant, Trading, Mart, Bakery, Hotel ...
inline constexpr double vendor_top = 1.0;             ///< In the top 15 % of the first page.
inline constexpr double vendor_upper = 0.5;           ///< In the top 30 %.
inline constexpr double vendor_footer = 0.2;          ///< In the footer (bottom 15 %).
inline constexpr double vendor_middle = -0.7;         ///< Anywhere else.
inline constexpr double vendor_first_row = 0.5;       ///< The first usable phrase of the page.
inline constexpr double vendor_tallest = 1.2;         ///< Text at least 1.8 times the median height.
inline constexpr double vendor_tall = 0.8;            ///< Text at least 1.4 times the median height.
inline constexpr double vendor_taller = 0.3;          ///< Text at least 1.15 times the median height.
inline constexpr double vendor_repeated = 0.8;        ///< Per further row printing the same name (at most 2).
inline constexpr double vendor_domain = 2.5;          ///< Times the match with an email or web domain.
inline constexpr double vendor_customer = -4.0;       ///< Inside a bill-to / ship-to block.
inline constexpr double vendor_label_row = -1.5;      ///< In a row of labels or item-table headers.
inline constexpr double vendor_address = -3.0;        ///< Street, postcode, PO box...
inline constexpr double vendor_date_or_amount = -2.0; ///< Contains a date or an amount.
inline constexpr double vendor_sentence = -2.0;       ///< More than eight words.
inline constexpr double vendor_generic = -3.0;        ///< "Thank you", "Customer copy", "Cashier" ...
inline constexpr double vendor_short = -1.0;          ///< One short word without a legal suffix.
inline constexpr double vendor_later_page = -1.0;     ///< Not on the first page.
inline constexpr double vendor_digits = -1.5;         ///< Many digits for a name.
inline constexpr double vendor_amount_row = -1.0;     ///< The row also holds an amount (an item line).
inline constexpr double vendor_lower_case = -2.0;     ///< All lower case (handwriting, prose).
inline constexpr double vendor_completes_name = 0.5;  ///< A legal name that completes a higher-scoring short name.
inline constexpr double vendor_dangling = -1.5;       ///< Ends on a connector ("HARDWARE &"): half of a name.
} // namespace prior

/// OCR confidence assumed for an amount that the page's other amounts add up to (its digits are confirmed).
inline constexpr double arithmetic_confirmed_ocr = 0.9;
/// OCR confidence of a labelled total at which the page's arithmetic no longer repairs one of its digits.
inline constexpr double sure_total_ocr = 0.9;
/// Mean OCR confidence below which low_ocr_confidence is reported.
inline constexpr double low_ocr_threshold = 0.6;
/// Share of the chosen value below which conflicting_candidates is reported.
inline constexpr double conflict_share = 0.75;
/// Candidates scoring within this many log-odds of the best one count as support for its value.
inline constexpr double support_window = 3.0;

/// Second calibration stage, for the whole document: how legible the page was. OCR that was unsure of many words
/// misreads values that look well supported (a total with a wrong digit, a date from a smudged print), so the same
/// evidence is worth less on a noisy page; on clean pages and text layers the field models are underconfident.
/// probability = sigmoid(slope * logit(p) + offset - noise_slope * max(0, noise - noise_floor)
///                       - noisy_step * [noise >= noisy_from]),
/// where noise is the share of OCR words with confidence below noisy_word. Fitted by logistic regression on the
/// development sets (docs/confidence.md).
struct DocumentCalibration {
    double slope;       ///< Stretches the field model's log-odds.
    double offset;      ///< Shifts them.
    double noise_slope; ///< Per unit of noise above noise_floor.
    double noise_floor; ///< Noise below this costs nothing.
    double noisy_step;  ///< Subtracted once the page counts as noisy.
    double noisy_from;  ///< Noise from which the page counts as noisy (and fields carry low_ocr_confidence).
    float noisy_word;   ///< Words with a lower OCR confidence count as noise.
};

inline constexpr DocumentCalibration document_calibration{1.013, 1.833, 0.573, 0.05, 1.643, 0.10, 0.5F};

/// Share of all words that are OCR words with a confidence below calibration.noisy_word (0 for text layers).
[[nodiscard]] double ocr_noise(std::span<const PageText> pages,
                               const DocumentCalibration& calibration = document_calibration) noexcept;

/// A field model's probability after the document-level calibration.
[[nodiscard]] float document_probability(float probability, double noise,
                                         const DocumentCalibration& calibration = document_calibration) noexcept;

/// Log-odds of one candidate from its own evidence (no support, no competition).
[[nodiscard]] double candidate_score(const Evidence& evidence, const ConfidenceModel& model) noexcept;

/// Log-odds of a chosen value: its best candidate's score plus agreement of further candidates.
[[nodiscard]] double value_logit(double best_score, int further_support, const ConfidenceModel& model) noexcept;

/// Probability that the chosen value is right: the model's calibration applied to the value's log-odds and its
/// share among competing values, clamped to 0..1.
[[nodiscard]] float probability(double logit, double share, const ConfidenceModel& model) noexcept;

/// Softmax share of one value given the logits of all competing values (including itself).
[[nodiscard]] double value_share(double logit, const std::vector<double>& all_logits, double temperature) noexcept;

/// The review hints the evidence supports (no_label, low_ocr_confidence, arithmetic_mismatch,
/// ambiguous_day_month, implausible_value, conflicting_candidates).
[[nodiscard]] std::vector<ReviewReason> evidence_reasons(const Evidence& best, double share,
                                                         bool labelled_field = true);

} // namespace docextract::detail
