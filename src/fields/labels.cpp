// SPDX-License-Identifier: MIT
#include "fields/labels.hpp"

#include "fields/misread_labels.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::detail {

namespace {

struct Vocabulary {
    LabelKind kind;
    Language language;
    float strength;
    const char* pattern;
};

// Fragments shared by several wordings. OCR often reads O as 0 and l as 1 or I inside labels.
#define TOTAL_ "[tlj][o0][tl]a[l1iI|!\\]]"
// "Amount" as OCR reads it: m as n or rn ("Anount Incl. GST").
#define AMOUNT_ "a(?:m|rn|n)ount"
#define INVOICE_ "[i1l|]nv[o0]ice"
#define NO_ "(?:n[o0°º˚]|nr|number|num[ée]ro|num|nummer|#)\\.?"
#define TAXWORD_ "(?:gst|vat|tax|taxes|sst|btw|mwst|tva|iva)"
#define INCL_ "(?:incl(?:usive|uding|\\.)?|inc\\.?|with)"
#define COPY_                                                                                                          \
    "(?:(?:kopie|copy|copie|copia|duplicate|duplicado|duplikat|duplicata|reprint|zweitschrift)\\s*(?:[-:]\\s*)?"       \
    "(?:of\\s+(?:the\\s+)?|de\\s+(?:la\\s+)?|der\\s+)?)?"
#define EXCL_                                                                                                          \
    "(?:excl(?:usive|uding|\\.)?|exc(?:uding|lding)|exluding|ex[a-z]{1,3}uding|exc\\.?|before|w/?o|without|net\\s+of)"

// The vocabularies. Patterns are case-insensitive PCRE2; word boundaries are added around each one.
// When wordings overlap the longer one wins ("Total excl. VAT" over "Total", "Due date" over "Date").
const Vocabulary vocabulary[] = {
    // ---- invoice numbers
    {LabelKind::invoice_number, Language::en, 1.0F,
     "(?:tax\\s+|commercial\\s+)?" INVOICE_ "\\s*(?:n[o0°º]|nr|number|num|#|id|ref(?:erence)?)\\.?"},
    {LabelKind::invoice_number, Language::en, 0.9F, "inv\\.?\\s*(?:n[o0]|nr|number|num|#)\\.?"},
    {LabelKind::invoice_number, Language::de, 1.0F, "rechnungs?\\s*-?\\s*(?:nummer|nr|no)\\.?"},
    {LabelKind::invoice_number, Language::de, 1.0F, "re\\.?\\s*-\\s*nr\\.?"},
    {LabelKind::invoice_number, Language::nl, 1.0F, "factuur\\s*-?\\s*(?:nummer|nr|no|n[°º])\\.?"},
    {LabelKind::invoice_number, Language::fr, 1.0F, "facture\\s*(?:n[°ºo˚]|num[ée]ro|no)\\.?"},
    {LabelKind::invoice_number, Language::fr, 1.0F, "(?:n[°ºo˚]\\.?|num[ée]ro)\\s*(?:de\\s+)?facture"},
    {LabelKind::invoice_number, Language::es, 1.0F, "factura\\s*(?:n[°ºo˚]|n[uú]m(?:ero)?|no)\\.?"},
    {LabelKind::invoice_number, Language::es, 1.0F, "(?:n[°ºo˚]\\.?|n[uú]m(?:ero|\\.)?)\\s*(?:de\\s+)?factura"},
    {LabelKind::invoice_number, Language::ms, 1.0F, "(?:no\\.?\\s*invois|invois\\s*(?:no|bil)\\.?)"},
    {LabelKind::invoice_number, Language::en, 0.9F, "(?:document|doc\\.?)\\s*" NO_},
    // ---- receipt numbers
    {LabelKind::receipt_number, Language::en, 0.8F,
     "(?:receipt|rcpt|bill|ticket|trans(?:action)?|txn|check|chk|cheque|voucher|slip|serial|invoice\\s+ref)\\s*(?:n[o0]"
     "|nr|number|num|#|id)\\.?"},
    {LabelKind::receipt_number, Language::en, 0.5F, "(?:ref(?:erence)?)\\s*(?:n[o0]|nr|number|#)?\\.?"},
    {LabelKind::receipt_number, Language::de, 0.8F,
     "(?:bon|beleg|quittungs?|kassenbon|transaktions?)\\s*-?\\s*(?:nr|nummer|no)\\.?"},
    {LabelKind::receipt_number, Language::nl, 0.8F, "(?:bon|kassabon|transactie)\\s*-?\\s*(?:nummer|nr|no)\\.?"},
    {LabelKind::receipt_number, Language::fr, 0.8F, "n[°ºo˚]\\.?\\s*(?:de\\s+)?(?:ticket|re[çc]u|transaction|bon)"},
    {LabelKind::receipt_number, Language::fr, 0.8F, "(?:ticket|re[çc]u)\\s*n[°ºo˚]\\.?"},
    {LabelKind::receipt_number, Language::es, 0.8F, "n[°ºo˚]\\.?\\s*(?:de\\s+)?(?:ticket|recibo|operaci[oó]n)"},
    {LabelKind::receipt_number, Language::es, 0.8F, "(?:ticket|recibo)\\s*n[°ºo˚]\\.?"},
    {LabelKind::receipt_number, Language::ms, 0.8F, "(?:no\\.?\\s*(?:resit|bil)|(?:resit|bil)\\s*no\\.?)"},
    {LabelKind::receipt_number, Language::neutral, 0.5F, "ticket"},
    {LabelKind::receipt_number, Language::en, 0.7F,
     "(?:booking|reservation|confirmation)\\s*(?:n[o0]|nr|number|#|id|ref)\\.?"},
    // ---- document titles: a number may follow ("INVOICE 10045"). A copy mark before the title is part of it
    // ("Kopie factuur", "Duplicate receipt", "Copy of invoice"), never a name.
    {LabelKind::document_title, Language::en, 0.4F, COPY_ "(?:tax\\s+|commercial\\s+|pro-?\\s?forma\\s+)?" INVOICE_},
    {LabelKind::document_title, Language::en, 0.3F,
     COPY_ "(?:(?:official\\s+|cash\\s+|sales\\s+)?receipt|cash\\s+bill)"},
    {LabelKind::document_title, Language::de, 0.4F, COPY_ "(?:rechnung|quittung|kassenbon)"},
    {LabelKind::document_title, Language::nl, 0.4F, COPY_ "(?:factuur|kassabon)"},
    {LabelKind::document_title, Language::fr, 0.4F, COPY_ "(?:facture|re[çc]u)"},
    {LabelKind::document_title, Language::es, 0.4F, COPY_ "(?:factura(?:\\s+simplificada)?|recibo)"},
    {LabelKind::document_title, Language::ms, 0.4F, COPY_ "(?:invois|resit)"},
    // ---- bare number words
    {LabelKind::number_word, Language::neutral, 0.3F, "(?:n[o°º]|nr|nummer|number|num[ée]ro|n[uú]mero)\\.?|#"},
    // ---- other numbers (distractors for the invoice number)
    {LabelKind::other_number, Language::en, 0.8F, "(?:purchase\\s+)?order\\s*(?:n[o0]|nr|number|num|#|id|ref)?\\.?"},
    {LabelKind::other_number, Language::en, 0.8F, "p\\.?\\s?o\\.?\\s*(?:n[o0]|nr|number|#)?\\.?"},
    {LabelKind::other_number, Language::en, 0.8F,
     "(?:customer|client|account|member|acct|a/c|cust)\\s*(?:n[o0]|nr|number|num|#|id|code)\\.?"},
    {LabelKind::other_number, Language::en, 0.8F, "(?:your|our)\\s+ref(?:erence)?\\.?"},
    {LabelKind::other_number, Language::de, 0.8F,
     "(?:auftrags|bestell|kunden|lieferschein|artikel)\\s*-?\\s*(?:nummer|nr)\\.?|kd\\.?\\s*-?\\s*nr\\.?|auftrag|"
     "bestellung|(?:ihr|unser)\\s+zeichen"},
    {LabelKind::other_number, Language::nl, 0.8F, "(?:order|bestel|klant|debiteur(?:en)?)\\s*-?\\s*(?:nummer|nr)\\.?"},
    {LabelKind::other_number, Language::fr, 0.8F,
     "(?:n[°º]\\.?\\s*(?:de\\s+)?)?(?:commande|client)|(?:commande|client)\\s*n[°º]\\.?"},
    {LabelKind::other_number, Language::es, 0.8F,
     "(?:n[°º]\\.?\\s*(?:de\\s+)?)?(?:pedido|cliente)|(?:pedido|cliente)\\s*n[°º]\\.?|referencia"},
    {LabelKind::other_number, Language::neutral, 0.8F,
     TAXWORD_ "\\s*[-.]?\\s*(?:reg(?:istration|\\.)?\\s*)?(?:n[o0°º]|nr|number|num|#|id|nummer)\\.?"},
    {LabelKind::other_number, Language::neutral, 0.8F,
     "(?:ust|mwst)\\.?\\s*-?\\s*id(?:nr|\\.?\\s*-?\\s*nr)?\\.?|st\\.?\\s*-?\\s*nr\\.?|steuer\\s*-?\\s*(?:nummer|nr)\\.?"
     "|kvk(?:\\s*-?\\s*(?:nummer|nr))?\\.?|siret|siren|rcs|cif|nif|n\\.i\\.f\\.|abn|tin|uid"},
    {LabelKind::other_number, Language::neutral, 0.8F,
     "(?:company|co\\.?|business|roc|reg(?:istration)?\\.?|gst\\s+reg)\\s*(?:reg(?:istration)?\\.?\\s*)?(?:n[o0]|nr|"
     "number|#)\\.?|handelsregister|hrb|amtsgericht|reg\\.?\\s*mercantil"},
    {LabelKind::other_number, Language::neutral, 0.6F,
     "page|pagina|seite|p[áa]gina|cashier|operator|server|staff|clerk|kassierer|caissier|cajero|table|counter|terminal|"
     "till|station|shift|guest|pax|tbl|member|card\\s*(?:n[o0]|#)\\.?"},
    // ---- contact details
    {LabelKind::contact, Language::neutral, 0.6F,
     "tel(?:ephone|efon)?\\.?|t[ée]l\\.?|phone|ph\\.?|fax|mobile|mob\\.?|h/"
     "?p|hotline|whatsapp|web(?:site)?|internet|iban|bic|swift|sort\\s*code|bank(?:verbindung|gegevens)?|konto|"
     "rekening|cuenta"},
    {LabelKind::email, Language::neutral, 0.8F,
     "e-?\\s?mail(?:\\s+address)?|mail|courriel|correo(?:\\s+electr[oó]nico)?|emel"},
    // ---- dates
    {LabelKind::date_invoice, Language::en, 1.0F,
     INVOICE_ "\\s*date|date\\s+of\\s+(?:invoice|issue)|issue\\s*date|date\\s+issued|issued\\s+on"},
    {LabelKind::date_invoice, Language::en, 0.8F,
     "(?:bill|billing|receipt|document|transaction|trans\\.?|txn|sale|purchase)\\s*date|tax\\s*point"},
    {LabelKind::date_invoice, Language::de, 1.0F,
     "rechnungs\\s*-?\\s*datum|belegdatum|ausstellungsdatum|datum\\s+der\\s+rechnung"},
    {LabelKind::date_invoice, Language::nl, 1.0F, "factuur\\s*-?\\s*datum"},
    {LabelKind::date_invoice, Language::fr, 1.0F,
     "date\\s+(?:de\\s+(?:la\\s+)?)?facture|date\\s+d['’]\\s*[ée]mission|[ée]mise?\\s+le|factur[ée]e?\\s+le"},
    {LabelKind::date_invoice, Language::es, 1.0F,
     "fecha\\s+(?:de\\s+(?:la\\s+)?)?(?:factura|emisi[oó]n|expedici[oó]n)"},
    {LabelKind::date_invoice, Language::ms, 1.0F, "tarikh\\s+invois"},
    {LabelKind::date_generic, Language::neutral, 0.6F, "date(?:\\s*[/&]\\s*time)?|dated"},
    {LabelKind::date_generic, Language::de, 0.6F, "datum"},
    {LabelKind::date_generic, Language::es, 0.6F, "fecha"},
    {LabelKind::date_generic, Language::ms, 0.6F, "tarikh"},
    {LabelKind::date_due, Language::en, 1.0F,
     "due\\s*(?:date|on|by)?|date\\s+due|payment\\s+due(?:\\s+date)?|pay\\s+by|payable\\s+(?:by|until)|pay\\s+before"},
    {LabelKind::date_due, Language::de, 1.0F,
     "f[äa]llig(?:keitsdatum|\\s+am|\\s+bis)?|[z2]?ahlungsziel|zah[l1iI]bar\\s+(?:bis|am)"},
    {LabelKind::date_due, Language::nl, 1.0F,
     "verval\\s*datum|te\\s+beta[lt]en\\s+v[oó][oó]r|uiterste\\s+betaaldatum|beta[lt]en\\s+v[oó][oó]r"},
    {LabelKind::date_due, Language::fr, 1.0F,
     "(?:date\\s+d['’]\\s*)?[ée]ch[ée]ance|[àa]\\s+payer\\s+avant|payable\\s+avant"},
    {LabelKind::date_due, Language::es, 1.0F, "(?:fecha\\s+(?:de\\s+)?)?vencimiento|pagar\\s+antes(?:\\s+del?)?"},
    {LabelKind::date_due, Language::ms, 1.0F, "tarikh\\s+akhir"},
    {LabelKind::date_other, Language::en, 1.0F,
     "expir(?:y|es|ation)(?:\\s+date)?|valid\\s+(?:until|till|thru)|(?:order|po|delivery|ship(?:ping|ped|ment)?|"
     "service|start|end|despatch|dispatch)\\s*date|date\\s+of\\s+(?:delivery|supply|service|order)|service\\s+period|"
     "period|check[\\s-]*in|check[\\s-]*out|arrival|departure|printed(?:\\s+on)?"},
    {LabelKind::date_other, Language::de, 1.0F,
     "bestelldatum|auftragsdatum|lieferdatum|leistungsdatum|leistungszeitraum|liefertermin|g[üu]ltig\\s+bis"},
    {LabelKind::date_other, Language::nl, 1.0F, "order\\s*datum|bestel\\s*datum|lever(?:ings)?\\s*datum"},
    {LabelKind::date_other, Language::fr, 1.0F,
     "date\\s+de\\s+(?:commande|livraison)|livr[ée]e?\\s+le|command[ée]e?\\s+le|p[ée]riode"},
    {LabelKind::date_other, Language::es, 1.0F, "fecha\\s+(?:de\\s+)?(?:pedido|entrega|pago)|v[áa]lido\\s+hasta"},
    {LabelKind::date_other, Language::ms, 1.0F, "tarikh\\s+luput"},
    // ---- totals
    {LabelKind::total_strong, Language::en, 1.0F,
     "grand\\s*(?:" TOTAL_ "|[tl][o0][tl]a(?=\\.))|" TOTAL_ "\\s*(?:amount|amt)(?:\\s*(?:due|payable))?|" TOTAL_
     "\\s*(?:payable|to\\s+pay|due|invoice(?:\\s+amount)?|price|sales?)|amount\\s*payable|" INVOICE_
     "\\s+(?:total|amount)"},
    {LabelKind::total_strong, Language::neutral, 1.0F,
     "(?:" TOTAL_ "(?:\\s*(?:sales|amount|amt|invoice|price|rm|eur|usd|\\$))?|" AMOUNT_ "|amt)\\s*\\(?\\s*" INCL_
     "\\s*(?:of\\s*)?" TAXWORD_ "?\\s*\\)?"},
    {LabelKind::total_strong, Language::en, 1.0F,
     TOTAL_ "\\s*(?:amount|amt)?\\s*(?:rounded|rounding)|rounded\\s*" TOTAL_ "|nett\\s*" TOTAL_ "|" TOTAL_
            "\\s*nett|" TOTAL_ "\\s+after\\s+(?:rounding|adj(?:ustment)?)|" TOTAL_ "\\s*\\(\\s*rounded\\s*\\)"},
    {LabelKind::total_strong, Language::de, 1.0F,
     "gesamtbetrag|rechnungsbetrag|endbetrag|gesamtsumme|bruttobetrag|brutto\\s*summe|summe\\s*brutto|gesamt\\s+"
     "brutto|" TOTAL_ "\\s+brutto|zahlbetrag|rechnungssumme|gesamtpreis|zu\\s+zahlender\\s+betrag"},
    {LabelKind::total_strong, Language::nl, 1.0F,
     "totaal\\s*(?:incl\\.?|inclusief)(?:\\s*btw)?|totaalbedrag|totaal\\s+te\\s+betalen|factuur\\s*totaal|"
     "factuurbedrag|te\\s+betalen\\s+bedrag"},
    {LabelKind::total_strong, Language::fr, 1.0F,
     TOTAL_ "\\s+ttc|montant\\s+ttc|net\\s+[àa]\\s+payer|" TOTAL_ "\\s+[àa]\\s+payer|montant\\s+total|" TOTAL_
            "\\s+g[ée]n[ée]ral|montant\\s+[àa]\\s+payer"},
    {LabelKind::total_strong, Language::es, 1.0F,
     "importe\\s+total|" TOTAL_ "\\s+(?:a\\s+pagar|factura|con\\s+iva|iva\\s+incl(?:uido)?|importe)"},
    {LabelKind::total_strong, Language::ms, 1.0F, "jumlah\\s+(?:besar|keseluruhan|bayaran)"},
    {LabelKind::total, Language::neutral, 0.6F, TOTAL_ "|net\\s+" TOTAL_},
    {LabelKind::total, Language::nl, 0.6F, "totaal"},
    {LabelKind::total, Language::de, 0.6F, "gesamt|summe"},
    {LabelKind::total, Language::ms, 0.6F, "jumlah"},
    {LabelKind::amount_due, Language::en, 0.7F,
     "amount\\s+due|balance\\s+due|" TOTAL_ "\\s+balance|amount\\s+to\\s+pay|" AMOUNT_
     "\\s+to\\s+be\\s+paid|(?:amount|balance|" TOTAL_ ")\\s+owing"},
    {LabelKind::amount_due, Language::de, 0.7F, "zu\\s+zahlen"},
    {LabelKind::amount_due, Language::nl, 0.7F, "te\\s+betalen"},
    {LabelKind::amount_due, Language::fr, 0.7F, "[àa]\\s+payer"},
    {LabelKind::amount_due, Language::es, 0.7F, "a\\s+pagar"},
    {LabelKind::subtotal, Language::neutral, 1.0F,
     "sub\\s*-?\\s*t[o0][tl]?a[l1iI|!]|" TOTAL_ "(?:\\s*(?:sales|amount|amt))?\\s*\\(?\\s*" EXCL_
     "\\s*(?:of\\s*)?" TAXWORD_ "?\\s*\\)?"},
    {LabelKind::subtotal, Language::en, 0.8F,
     "net\\s+(?:amount|value|price)|amount\\s+net|taxable\\s+(?:amount|value)|" TOTAL_ "\\s+net|items?\\s+" TOTAL_
     "|net"},
    {LabelKind::subtotal, Language::de, 1.0F,
     "zwischensumme|summe\\s*netto|netto\\s*summe|nettobetrag|gesamt\\s*netto|netto|warenwert"},
    {LabelKind::subtotal, Language::neutral, 1.0F,
     "(?:excl(?:usief|usive|uding|\\.)?|exkl\\.?|hors|sin|ohne|zonder|before)\\s*(?:btw|vat|mwst|ust|gst|tax|tva|iva|"
     "taxes)"},
    {LabelKind::subtotal, Language::nl, 1.0F,
     "subtotaal|totaal\\s*(?:excl\\.?|exclusief)(?:\\s*btw)?|bedrag\\s+excl\\.?(?:\\s*btw)?"},
    {LabelKind::subtotal, Language::fr, 1.0F, "sous\\s*-?\\s*total|" TOTAL_ "\\s+(?:ht|hors\\s+taxes?)|montant\\s+ht"},
    {LabelKind::subtotal, Language::es, 1.0F, "base\\s+imponible|" TOTAL_ "\\s+base|importe\\s+neto"},
    {LabelKind::tax, Language::neutral, 1.0F,
     "(?:" TOTAL_ "\\s*)?(?:sales\\s+|service\\s+)?(?:tax|vat|gst|sst)(?:\\s+(?:amount|amt|total|payable))?"},
    {LabelKind::tax, Language::de, 1.0F,
     "(?:zzgl\\.?|inkl\\.?|enthaltene|plus|(?:summe|gesamt)\\s*(?:der\\s+)?)?\\s*(?:mwst|ust|umsatzsteuer|"
     "mehrwertsteuer)\\.?(?:\\s*-?\\s*(?:betrag|summe))?"},
    {LabelKind::tax, Language::nl, 1.0F, "(?:" TOTAL_ "\\s+|totaal\\s+)?btw(?:\\s*-?\\s*bedrag)?|incl\\.?\\s+btw"},
    {LabelKind::tax, Language::fr, 1.0F, "(?:" TOTAL_ "\\s+|montant\\s+|dont\\s+)?tva"},
    {LabelKind::tax, Language::es, 1.0F, "(?:cuota\\s+|" TOTAL_ "\\s+)?(?:iva|i\\.v\\.a\\.)"},
    {LabelKind::tax, Language::en, 1.0F, "incl\\.?\\s+(?:vat|gst|tax)"},
    // The tax-amount column of a VAT summary table ("IVA  Base  Cuota  Total", "MwSt  Netto  Steuer  Brutto"): a
    // header word that names the tax only there, so weaker than the wordings above.
    {LabelKind::tax, Language::es, 0.8F, "cuota"},
    {LabelKind::tax, Language::de, 0.8F, "steuer(?:betrag)?"},
    {LabelKind::rounding, Language::neutral, 1.0F,
     "(?:round(?:ing)?|rou[nw][dco0]ing)(?:\\s*(?:adj(?:ustment)?|off|amt))?\\.?|rundung(?:sdifferenz)?|afronding|"
     "arrondi|redondeo|"
     "pembundaran|rnd\\s*adj"},
    {LabelKind::discount, Language::neutral, 1.0F,
     "discount|disc\\.?|rabatt|nachlass|skonto|korting|remise|descuento|diskaun|savings?|you\\s+saved|promo(?:tion)?|"
     "voucher"},
    {LabelKind::shipping, Language::neutral, 1.0F,
     "shipping(?:\\s*(?:&|and)\\s*handling)?|delivery(?:\\s+(?:charge|fee|cost))?|freight|postage|handling|versand(?:"
     "kosten)?|porto|fracht|verzendkosten|verzending|frais\\s+de\\s+(?:port|livraison|transport)|livraison|portes|"
     "gastos\\s+de\\s+env[ií]o|env[ií]o"},
    {LabelKind::payment, Language::neutral, 1.0F,
     "cash(?:\\s+tendered)?|tunai|tendered|accepted(?:\\s+total)?|amount\\s+(?:tendered|received)|received|payment\\s+"
     "received|payment(?=\\s*[:=]\\s*$|\\s*[:=]?\\s*(?:rm|[$€£]|[0-9]))|paid\\s+"
     "by|card|credit(?:\\s+card)?|debit(?:\\s+card)?|visa|master\\s*card|amex|eftpos|bar(?:geld|zahlung)?|gegeben|ec["
     "\\s-]*karte|girocard|kreditkarte|contant|pin(?:betaling)?|esp[èe]ces|carte(?:\\s+bancaire)?|efectivo|tarjeta|"
     "entregado"},
    {LabelKind::change, Language::neutral, 1.0F,
     "change(?:\\s+due)?|baki|kembalian|r[üu]ckgeld|wechselgeld|zur[üu]ck|wisselgeld|terug|rendu|monnaie(?:\\s+rendue)?"
     "|cambio|vueltas?"},
    {LabelKind::paid, Language::neutral, 1.0F,
     "amount\\s+paid|already\\s+paid|paid|deposit|advance(?:\\s+payment)?|prepaid|pre-paid|anzahlung|bereits\\s+(?:"
     "bezahlt|gezahlt)|reeds\\s+(?:voldaan|betaald)|betaald|acompte|d[ée]j[àa]\\s+(?:pay[ée]|r[ée]gl[ée])|anticipo|"
     "pagado|entrega\\s+a\\s+cuenta"},
    {LabelKind::balance, Language::neutral, 1.0F,
     "balance|offener\\s+betrag|restbetrag|noch\\s+zu\\s+zahlen|nog\\s+te\\s+betalen|openstaand(?:\\s+bedrag)?|"
     "reste\\s+[àa]\\s+payer|solde|importe\\s+pendiente|saldo(?:\\s+pendiente)?|pendiente"},
    {LabelKind::quantity, Language::neutral, 1.0F,
     TOTAL_ "\\s*(?:qty|quantity|items?|pcs|units|count)|(?:no\\.?\\s+of\\s+|number\\s+of\\s+)(?:items?|qty|pcs)|"
            "anzahl\\s+artikel|aantal\\s+artikelen|nombre\\s+d['’]articles|art[íi]culos"},
    // ---- customer and delivery blocks
    {LabelKind::bill_to, Language::en, 1.0F,
     "bill(?:ed)?\\s+to|invoice(?:d)?\\s+to|sold\\s+to|customer(?:\\s+(?:name|details))?|buyer|recipient|attn\\.?|"
     "attention"},
    {LabelKind::bill_to, Language::de, 1.0F, "rechnungs(?:empf[äa]nger|adresse|anschrift)|kunde|auftraggeber"},
    {LabelKind::bill_to, Language::nl, 1.0F,
     "factuuradres|klant(?:gegevens)?|factureren\\s+aan|gefactureerd\\s+aan|factuur\\s+aan"},
    {LabelKind::bill_to, Language::fr, 1.0F, "factur[ée]\\s+[àa]|adresse\\s+de\\s+facturation|destinataire|client"},
    {LabelKind::bill_to, Language::es, 1.0F, "datos\\s+del\\s+cliente|cliente|facturar\\s+a|facturado\\s+a"},
    {LabelKind::ship_to, Language::neutral, 1.0F,
     "ship(?:ped)?\\s+to|deliver(?:ed)?\\s+to|delivery\\s+address|shipping\\s+address|liefer(?:adresse|anschrift)|"
     "lieferung\\s+an|afleveradres|leveringsadres|geleverd\\s+aan|adresse\\s+de\\s+livraison|livr[ée]\\s+[àa]|"
     "entregar\\s+en|direcci["
     "oó]n\\s+de\\s+(?:env[ií]o|entrega)"},
    // ---- item table columns
    {LabelKind::table_header, Language::neutral, 0.5F,
     "qty|quantity|description|items?|unit\\s+price|price|rate|amount|menge|anzahl|anz\\.|artikel|bezeichnung|"
     "beschreibung|leistung|einzelpreis|e-preis|preis|betrag|pos\\.?|omschrijving|aantal|aant\\.|prijs|stukprijs|"
     "bedrag|d[ée]signation|quantit[ée]|qt[ée]|prix(?:\\s+unitaire)?|p\\.u\\.|montant|cantidad|cant\\.|descripci[oó]n|"
     "concepto|precio(?:\\s+unitario)?|importe|uom|hours|hrs|sku"},
};

#undef TOTAL_
#undef AMOUNT_
#undef INVOICE_
#undef NO_
#undef TAXWORD_
#undef INCL_
#undef EXCL_
#undef COPY_

struct Compiled {
    const Vocabulary* entry;
    Regex regex;
};

const std::vector<Compiled>& compiled_vocabulary() {
    static const std::vector<Compiled> compiled = [] {
        std::vector<Compiled> out;
        for (const auto& v : vocabulary) {
            out.push_back(Compiled{&v, Regex(std::string("(?<![\\p{L}\\p{N}])(?<![\\p{L}\\p{N}]_)(?:") + v.pattern +
                                             ")(?:(?<=[^\\p{L}_])|(?![\\p{L}]|_[\\p{L}\\p{N}]))")});
        }
        return out;
    }();
    return compiled;
}

} // namespace

std::vector<LabelMatch> find_labels(std::string_view text, LabelSpelling spelling) {
    struct Hit {
        std::size_t order;
        LabelMatch match;
    };
    std::vector<Hit> hits;
    const auto& vocab = compiled_vocabulary();
    for (std::size_t i = 0; i < vocab.size(); ++i) {
        for (const auto& m : vocab[i].regex.find_all(text)) {
            if (m.whole.size() == 0) {
                continue;
            }
            Hit hit{i, LabelMatch{vocab[i].entry->kind, vocab[i].entry->language, vocab[i].entry->strength, m.whole}};
            // Trailing spaces matched by optional parts are not part of the label.
            while (hit.match.span.end > hit.match.span.begin && text[hit.match.span.end - 1] == ' ') {
                --hit.match.span.end;
            }
            hits.push_back(hit);
        }
    }
    std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
        if (a.match.span.size() != b.match.span.size()) {
            return a.match.span.size() > b.match.span.size();
        }
        return a.order < b.order;
    });
    std::vector<LabelMatch> kept;
    for (const auto& h : hits) {
        const bool overlapping = std::any_of(kept.begin(), kept.end(), [&](const LabelMatch& k) {
            return k.span.begin < h.match.span.end && h.match.span.begin < k.span.end;
        });
        if (!overlapping) {
            kept.push_back(h.match);
        }
    }
    if (spelling == LabelSpelling::ocr_tolerant) {
        add_misread_labels(text, kept);
    }
    std::sort(kept.begin(), kept.end(),
              [](const LabelMatch& a, const LabelMatch& b) { return a.span.begin < b.span.begin; });
    return kept;
}

std::string_view to_string(LabelKind kind) noexcept {
    switch (kind) {
    case LabelKind::invoice_number:
        return "invoice_number";
    case LabelKind::receipt_number:
        return "receipt_number";
    case LabelKind::document_title:
        return "document_title";
    case LabelKind::number_word:
        return "number_word";
    case LabelKind::other_number:
        return "other_number";
    case LabelKind::date_invoice:
        return "date_invoice";
    case LabelKind::date_generic:
        return "date_generic";
    case LabelKind::date_due:
        return "date_due";
    case LabelKind::date_other:
        return "date_other";
    case LabelKind::total_strong:
        return "total_strong";
    case LabelKind::total:
        return "total";
    case LabelKind::amount_due:
        return "amount_due";
    case LabelKind::subtotal:
        return "subtotal";
    case LabelKind::tax:
        return "tax";
    case LabelKind::rounding:
        return "rounding";
    case LabelKind::discount:
        return "discount";
    case LabelKind::shipping:
        return "shipping";
    case LabelKind::payment:
        return "payment";
    case LabelKind::change:
        return "change";
    case LabelKind::paid:
        return "paid";
    case LabelKind::balance:
        return "balance";
    case LabelKind::quantity:
        return "quantity";
    case LabelKind::bill_to:
        return "bill_to";
    case LabelKind::ship_to:
        return "ship_to";
    case LabelKind::email:
        return "email";
    case LabelKind::contact:
        return "contact";
    case LabelKind::table_header:
        return "table_header";
    }
    return "unknown";
}

bool day_first_language(Language language) noexcept {
    return language == Language::de || language == Language::nl || language == Language::fr ||
           language == Language::es || language == Language::ms;
}

} // namespace docextract::detail
