// SPDX-License-Identifier: MIT
#pragma once

#include "fields/regex.hpp"

#include <cstddef>
#include <string_view>
#include <vector>

namespace docextract::detail {

/// What a label names.
enum class LabelKind {
    invoice_number, ///< "Invoice No", "Rechnungsnummer", "Facture N°", ...
    receipt_number, ///< "Receipt No", "Bon Nr", "N° ticket", "Trans #", ...
    document_title, ///< "INVOICE", "TAX INVOICE", "Rechnung", "Factuur": a number may follow it.
    number_word,    ///< A bare "No." / "Nr." / "Nummer" (weak for invoice numbers).
    other_number,   ///< Order, customer, PO, VAT/GST id, account, page, cashier, table... numbers.
    date_invoice,   ///< "Invoice date", "Rechnungsdatum", "Fecha de factura", ...
    date_generic,   ///< "Date", "Datum", "Fecha", "Tarikh".
    date_due,       ///< "Due date", "Fällig am", "Vervaldatum", "Échéance", "Vencimiento": the payment due date.
    date_other,     ///< Order, delivery, service, check-in dates: distractors for the invoice date.
    total_strong,   ///< "Grand total", "Total incl. VAT", "Gesamtbetrag", "Total TTC", "Importe total", ...
    total,          ///< "Total", "Totaal", "Summe", "Gesamt".
    amount_due,     ///< "Amount due", "Balance due", "Te betalen", "À payer" (the total unless part was paid).
    subtotal,       ///< "Subtotal", "Net amount", "Total excl. VAT", "Zwischensumme", "Total HT", ...
    tax,            ///< "Tax", "VAT", "GST", "MwSt", "BTW", "TVA", "IVA", "Total tax".
    rounding,       ///< "Rounding", "Rounding adj".
    discount,       ///< "Discount", "Rabatt", "Korting", "Remise", "Descuento".
    shipping,       ///< "Shipping", "Versandkosten", "Verzendkosten", "Portes".
    payment,        ///< "Cash", "Tendered", "Card", "Visa": money handed over.
    change,         ///< "Change", "Rückgeld", "Rendu", "Cambio".
    paid,           ///< "Amount paid", "Deposit", "Anzahlung", "Reeds voldaan": part payments.
    balance,        ///< "Balance", "Offener Betrag", "Nog te betalen", "Importe pendiente".
    quantity,       ///< "Total qty", "No. of items": counts, not money.
    bill_to,        ///< "Bill to", "Rechnungsempfänger", "Factuuradres", "Datos del cliente": the customer block.
    ship_to,        ///< "Ship to", "Lieferadresse", "Afleveradres": the delivery block.
    email,          ///< "E-mail", "Mail", "Courriel", "Correo".
    contact,        ///< "Tel", "Phone", "Fax", "Web", "IBAN", address-like labels.
    table_header,   ///< "Qty", "Description", "Unit price", "Menge", "Omschrijving": item table columns.
};

/// One label found in a row.
struct LabelMatch {
    LabelKind kind = LabelKind::total;
    std::string_view locale; ///< The vocabulary file the wording comes from ("de", "common").
    bool day_first = false;  ///< The wording's language writes numeric dates day-first.
    float strength = 0;      ///< How firmly the wording names its kind, 0..1.
    Span span;               ///< Bytes of the label in the row text.
};

/// How closely a word must be spelled to count as a label.
enum class LabelSpelling {
    exact,       ///< Only the vocabulary's wordings (text layers, where every letter is right).
    ocr_tolerant ///< Also long one-word labels with an OCR error or two ("Towalbedrag", "imponitle"), weaker.
};

/// All labels in a line of text, left to right, overlaps resolved in favour of the longer wording. The wordings
/// are those of the vocabulary files in data/vocab/ (docs/vocabulary.md).
[[nodiscard]] std::vector<LabelMatch> find_labels(std::string_view text, LabelSpelling spelling = LabelSpelling::exact);

/// For each label wording found in a line, its locale (an index into the shipped Vocabulary::locales; "common" left
/// out); overlaps kept, so a word two languages share counts for both. For telling a page's language.
[[nodiscard]] std::vector<std::size_t> label_locales(std::string_view text);

/// Lower-case name of a label kind for diagnostics.
[[nodiscard]] std::string_view to_string(LabelKind kind) noexcept;

} // namespace docextract::detail
