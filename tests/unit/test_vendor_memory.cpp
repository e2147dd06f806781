// SPDX-License-Identifier: MIT
// The vendor memory: recognising a vendor, learning from a settled document, and the bounded evidence step
// after the ranker (real text through the real extractor; no OCR needed).
#include <docextract/field_model.hpp>
#include <docextract/fields.hpp>
#include <docextract/text.hpp>
#include <docextract/vendor_memory.hpp>

#include "fields/memory_evidence.hpp"
#include "fields/memory_parameters.hpp"
#include "fixture_fields.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using docextract::DocumentTraits;
using docextract::FieldPlace;
using docextract::RememberedVendor;
using docextract::VendorMemory;

namespace {

RememberedVendor vendor(std::string name, std::vector<std::string> ids = {}, std::vector<std::string> domains = {}) {
    RememberedVendor v;
    v.canonical_name = std::move(name);
    v.tax_ids = std::move(ids);
    v.email_domains = std::move(domains);
    return v;
}

docextract::FieldCandidate candidate(std::string value, double score, std::string label = {}, double x = -1,
                                     double y = -1) {
    docextract::FieldCandidate c;
    c.value = std::move(value);
    c.raw_text = c.value;
    c.score = score;
    c.label = std::move(label);
    c.page = 0;
    c.page_x = x;
    c.page_y = y;
    return c;
}

/// A receipt of one shop: its name (as OCR read it), its GST id, two labelled amounts.
std::string receipt(std::string_view name, std::string_view total, std::string_view rounded) {
    std::string text(name);
    text += "\nNO 12 JALAN BESAR 43000 KAJANG\nGST ID : 000123456789\nDate: 12/03/2018\nItem A 1 x 3.00\n";
    text += "Total Incl GST: ";
    text += total;
    text += "\nRounded Total: ";
    text += rounded;
    text += "\nThank you\n";
    return text;
}

struct Extraction {
    std::vector<docextract::Field> fields;
    DocumentTraits traits;
};

Extraction extract(const std::string& text, const VendorMemory* memory) {
    const auto extractor = docextract::make_rule_extractor();
    const std::vector<std::vector<docextract::PageText>> readings{
        {docextract::page_from_text(text, docextract::TextSource::ocr)}};
    Extraction out;
    out.fields = extractor->extract_readings(readings);
    out.traits = extractor->recall(readings, memory, out.fields);
    return out;
}

const docextract::Field& field(const Extraction& e, std::string_view name) {
    for (const auto& f : e.fields) {
        if (f.name == name) {
            return f;
        }
    }
    FAIL("no field " << name);
    return e.fields.front();
}

} // namespace

TEST_SUITE("vendor_memory") {
    TEST_CASE("name keys and tax ids compare what matters") {
        CHECK(docextract::vendor_name_key("Ikano Handel Sdn. Bhd.") == "IKANO HANDEL SDN BHD");
        CHECK(docextract::vendor_name_key("  OWNER BY CASTLE BLUE S/B ") == "OWNER BY CASTLE BLUE S B");
        CHECK(docextract::vendor_name_key("--") == "");
        CHECK(docextract::normalize_tax_id("gst id: 000-123 456.789") == "GSTID000123456789");
    }

    TEST_CASE("a vendor is recognised by tax id, then email domain, then a near or partial name") {
        VendorMemory memory;
        memory.vendors = {
            vendor("IKANO HANDEL SDN BHD", {"000123456789"}), vendor("ACME TRADING LTD", {}, {"acme.com"}),
            vendor("AIK HUAT HARDWARE ENTERPRISE SETIA ALAM SDN BHD"), vendor("FREE MAILER", {}, {"gmail.com"})};
        DocumentTraits traits;
        traits.tax_ids = {"000123456789"};
        CHECK(docextract::recognise_vendor(memory, traits) == 0U);
        traits.tax_ids = {"000123458789"}; // one digit misread
        CHECK(docextract::recognise_vendor(memory, traits) == 0U);
        traits.tax_ids = {"000123450000"};
        CHECK_FALSE(docextract::recognise_vendor(memory, traits));
        traits = {};
        traits.email_domains = {"acme.com"};
        CHECK(docextract::recognise_vendor(memory, traits) == 1U);
        traits.email_domains = {"gmail.com"}; // a free-mail domain names nobody
        CHECK_FALSE(docextract::recognise_vendor(memory, traits));
        traits = {};
        traits.names = {"Thank you", "IKANO HANDEL SDN BH0"}; // one letter misread
        CHECK(docextract::recognise_vendor(memory, traits) == 0U);
        traits.names = {"AIK HUAT HARDWARE"}; // the first of the two lines its name is printed on
        CHECK(docextract::recognise_vendor(memory, traits) == 2U);
        traits.names = {"ALK HUAT HARDWARE"}; // that line misread
        CHECK(docextract::recognise_vendor(memory, traits) == 2U);
        traits.names = {"ENTERPRISE SETIA ALAM SDN BHD"}; // its last words: shared by too many names to count
        CHECK_FALSE(docextract::recognise_vendor(memory, traits));
        traits.names = {"HARDWARE"}; // one word is no name
        CHECK_FALSE(docextract::recognise_vendor(memory, traits));
        traits.names = {"IKEA CHEQUERS"};
        CHECK_FALSE(docextract::recognise_vendor(memory, traits));
    }

    TEST_CASE("a near name recognises a vendor only when the words that set it apart are near too") {
        VendorMemory memory;
        memory.vendors = {vendor("HON HWA HARDWARE TRADING"), vendor("MOONLIGHT CAKE HOUSE SDN BHD")};
        DocumentTraits traits;
        // One edit in five of the whole name, but all in "YONG TAT" against "HON HWA": another shop.
        CHECK(docextract::detail::name_distance("YONG TAT HARDWARE TRADING", "HON HWA HARDWARE TRADING") <= 0.2);
        traits.names = {"YONG TAT HARDWARE TRADING"};
        CHECK_FALSE(docextract::recognise_vendor(memory, traits));
        traits.names = {"YONG TAT HARDWARE TRADING SDN BHD"}; // nor as a wider form of it
        CHECK_FALSE(docextract::recognise_vendor(memory, traits));
        traits.names = {"H0N HWA HARDWARE TRADING"}; // one letter of the distinct words misread: the same shop
        CHECK(docextract::recognise_vendor(memory, traits) == 0U);
        traits.names = {"MOUNLIGHT CAKE HOUSE SDN BHD"}; // one letter of the distinct word misread
        CHECK(docextract::recognise_vendor(memory, traits) == 1U);
        CHECK(docextract::detail::distinct_name_distance("YONG TAT HARDWARE TRADING", "HON HWA HARDWARE TRADING") >
              0.5);
        CHECK(docextract::detail::distinct_name_distance("HARDWARE TRADING", "HARDWARE TRADING") == 0.0);
    }

    TEST_CASE("learning keeps the settled values' places and labels, merging keeps the newest") {
        DocumentTraits traits;
        traits.tax_ids = {"000123456789"};
        traits.places = {FieldPlace{"vendor", "IKANO HANDEL SDN BH0", "", 0, 0.5, 0.05, ""},
                         FieldPlace{"total", "11.00", "Subtotal", 0, 0.8, 0.5, ""},
                         FieldPlace{"total", "12.30", "Jumlah", 0, 0.8, 0.6, ""}};
        const RememberedVendor learned = docextract::learn_vendor(
            traits, "IKANO HANDEL SDN BHD", {{"total", "12.30"}, {"date", "2018-03-12"}, {"email", "a@ikano.my"}});
        CHECK(learned.tax_ids == std::vector<std::string>{"000123456789"});
        CHECK(learned.email_domains == std::vector<std::string>{"ikano.my"});
        REQUIRE(learned.places.size() == 2); // no candidate gave the date: no place for it
        CHECK(learned.places[0].value == "IKANO HANDEL SDN BHD");
        CHECK(learned.places[1].label == "Jumlah");

        RememberedVendor newer = vendor("Ikano Handel Sdn. Bhd.", {"X1"});
        newer.places = {FieldPlace{"total", "9.00", "Jumlah Bersih", 0, 0.7, 0.7, ""}};
        const RememberedVendor merged = docextract::merge_vendor(learned, newer);
        CHECK(merged.canonical_name == "Ikano Handel Sdn. Bhd.");
        CHECK(merged.tax_ids == std::vector<std::string>{"000123456789", "X1"});
        REQUIRE(merged.places.size() == 2);
        CHECK(merged.places[1].label == "Jumlah Bersih");
    }

    TEST_CASE("the evidence step: support at the remembered label, bounded, never over a clear reading") {
        const docextract::detail::MemoryParameters& p = docextract::detail::memory_parameters();
        RememberedVendor shop = vendor("KEDAI MAJU SDN BHD");
        shop.places = {FieldPlace{"total", "5.00", "Rounded Total:", 0, 0.8, 0.7, ""}};

        docextract::FieldCandidates unsure;
        unsure.field = "total";
        unsure.all = {candidate("4.98", 0.4, "Total Incl GST:", 0.8, 0.65),
                      candidate("5.00", 0.0, "Rounded Total:", 0.8, 0.7)};
        const auto recalled = docextract::detail::recall_field(unsure, -3.0, 0.55, shop, p);
        REQUIRE(recalled);
        CHECK(recalled->value == "5.00");
        CHECK(recalled->evidence == "place");
        CHECK(recalled->probability > 0.5);

        // A clear reading of another value stands, whatever the memory says: here the evidence (label and place,
        // the full max_logit_shift) would outweigh the ranker's lead of 2.5, which is a probability over 0.9.
        docextract::FieldCandidates clear;
        clear.field = "total";
        clear.all = {candidate("4.98", 2.5, "Total Incl GST:", 0.2, 0.3),
                     candidate("5.00", 0.0, "Rounded Total:", 0.8, 0.7)};
        CHECK_FALSE(docextract::detail::recall_field(clear, -10.0, 0.92, shop, p));
        clear.all[0].score = 1.5; // under clear_probability: the evidence decides
        const auto unclear = docextract::detail::recall_field(clear, -10.0, 0.8, shop, p);
        REQUIRE(unclear);
        CHECK(unclear->value == "5.00");

        // The memory adds at most max_logit_shift: a candidate far behind stays behind.
        docextract::FieldCandidates far = unsure;
        far.all[0].score = 1.0;
        far.all[1].score = 1.0 - p.max_logit_shift - 2.0;
        const auto bounded = docextract::detail::recall_field(far, -3.0, 0.99, shop, p);
        if (bounded) {
            CHECK(bounded->value == "4.98");
        }

        // Nothing remembered of a field: no evidence.
        docextract::FieldCandidates date;
        date.field = "date";
        date.all = {candidate("2018-03-12", 0.0, "Date:", 0.2, 0.1)};
        CHECK_FALSE(docextract::detail::recall_field(date, -3.0, 0.5, shop, p));
    }

    TEST_CASE("a near-miss spelling (a clear one too) becomes the canonical name but a clear other name stands") {
        const docextract::detail::MemoryParameters& p = docextract::detail::memory_parameters();
        const RememberedVendor shop = vendor("IKANO HANDEL SDN BHD");
        docextract::FieldCandidates names;
        names.field = "vendor";
        names.all = {candidate("IKANO HANDEL SDN BH0", 3.0), candidate("IKEA", 2.0)};
        const auto recalled = docextract::detail::recall_field(names, -3.0, 0.7, shop, p);
        REQUIRE(recalled);
        CHECK(recalled->value == "IKANO HANDEL SDN BHD");
        CHECK(recalled->evidence == "canonical_name");

        // The ranker reads the brand clearly (a lead of 2.5, p > 0.9): it stays; a lead of 1.9 (p < 0.9) gives way
        // to the remembered name's support.
        docextract::FieldCandidates brand;
        brand.field = "vendor";
        brand.all = {candidate("IKEA CHEQUERS", 2.5), candidate("IKANO HANDEL SDN BHD", 0.0)};
        const auto kept = docextract::detail::recall_field(brand, -10.0, 0.92, shop, p);
        CHECK((!kept || kept->value == "IKEA CHEQUERS"));
        brand.all[0].score = 1.9;
        brand.all[1].score = 0.0;
        const auto named = docextract::detail::recall_field(brand, -10.0, 0.85, shop, p);
        REQUIRE(named);
        CHECK(named->value == "IKANO HANDEL SDN BHD");
        CHECK(named->evidence == "name");

        // A clear reading of a part of the name (its first line) is completed; a near-miss spelling of the whole
        // name is the remembered name, however sure the recogniser was of its letters.
        const RememberedVendor aeon = vendor("AEON CO. (M) BHD.");
        docextract::FieldCandidates part;
        part.field = "vendor";
        part.all = {candidate("AEON CO.", 4.0), candidate("TOTAL SALES", 0.0)};
        const auto completed = docextract::detail::recall_field(part, -10.0, 0.95, aeon, p);
        REQUIRE(completed);
        CHECK(completed->value == "AEON CO. (M) BHD.");
        const RememberedVendor diy = vendor("MR. D.I.Y. SDN BHD");
        docextract::FieldCandidates spelt;
        spelt.field = "vendor";
        spelt.all = {candidate("MR. D.1.Y. SDN 8HD", 4.0), candidate("TOTAL SALES", 0.0)};
        const auto clear_spelling = docextract::detail::recall_field(spelt, -10.0, 0.95, diy, p);
        REQUIRE(clear_spelling);
        CHECK(clear_spelling->value == "MR. D.I.Y. SDN BHD");
        spelt.all[0].score = 0.5; // not clear either
        const auto respelt = docextract::detail::recall_field(spelt, -10.0, 0.6, diy, p);
        REQUIRE(respelt);
        CHECK(respelt->value == "MR. D.I.Y. SDN BHD");
    }

    TEST_CASE("a name with words of its own (a branch) keeps them, its other words in the remembered spelling") {
        const docextract::detail::MemoryParameters& p = docextract::detail::memory_parameters();
        using docextract::detail::respell_wider;
        CHECK(respell_wider("HR. D.1.Y. (KUCHAI) SDN BHD", "MR. D.I.Y. SDN BHD", p) == "MR. D.I.Y. (KUCHAI) SDN BHD");
        CHECK(respell_wider("MR. D.I.Y. (M) SDN BHD", "MR. D.I.Y. SDN BHD", p) == "MR. D.I.Y. (M) SDN BHD");
        CHECK(respell_wider("AEON CO. (M) BHD SETIA ALAM", "AEON CO. (M) BHD.", p) == "AEON CO. (M) BHD. SETIA ALAM");
        CHECK(respell_wider("MR. D.I.Y. SDN BHD E", "MR. D.I.Y. SDN BHD", p).empty());  // a speck is no word
        CHECK(respell_wider("MR. D.I.Y. SDN BHD", "MR. D.I.Y. SDN BHD", p).empty());    // no word of its own
        CHECK(respell_wider("IKEA CHEQUERS SDN BHD", "MR. D.I.Y. SDN BHD", p).empty()); // another name
        CHECK(respell_wider("KOK S/B KAJANG", "KOK S/B", p).empty()); // "S/B" is two key words: no word for word

        // A branch's receipt is recognised by the chain's name, and its vendor keeps the branch.
        VendorMemory memory;
        memory.vendors = {vendor("MR. D.I.Y. SDN BHD")};
        DocumentTraits traits;
        traits.names = {"HR. D.1.Y. (KUCHAI) SDN BHD"};
        CHECK(docextract::recognise_vendor(memory, traits) == 0U);
        traits.names = {"MR. D.I.¥. (M) SDN BHD"};
        CHECK(docextract::recognise_vendor(memory, traits) == 0U);

        docextract::FieldCandidates branch;
        branch.field = "vendor";
        branch.all = {candidate("HR. D.1.Y. (KUCHAI) SDN BHD", 0.5), candidate("TOTAL SALES", 0.0)};
        const auto respelt = docextract::detail::recall_field(branch, -10.0, 0.6, memory.vendors[0], p);
        REQUIRE(respelt);
        CHECK(respelt->value == "MR. D.I.Y. (KUCHAI) SDN BHD");
        CHECK(respelt->evidence == "canonical_name");
        // Read clearly with a word of its own, the name is not cut back to the remembered one.
        branch.all = {candidate("MR. D.I.Y. (M) SDN BHD", 4.0), candidate("TOTAL SALES", 0.0)};
        const auto kept = docextract::detail::recall_field(branch, -10.0, 0.95, memory.vendors[0], p);
        CHECK((!kept || kept->value == "MR. D.I.Y. (M) SDN BHD"));
        branch.all[0].score = 0.5;
        const auto unclear = docextract::detail::recall_field(branch, -10.0, 0.6, memory.vendors[0], p);
        CHECK((!unclear || unclear->value == "MR. D.I.Y. (M) SDN BHD"));
    }

    TEST_CASE("a page that prints the name as given and a wider form: the memory keeps the name as given") {
        const docextract::detail::MemoryParameters& p = docextract::detail::memory_parameters();
        // Learning: the wider line is the better candidate, but the place remembered is the name's own line.
        DocumentTraits traits;
        traits.places = {FieldPlace{"vendor", "DOMINO'S PIZZA PERMAS JAYA", "", 0, 0.5, 0.12, ""},
                         FieldPlace{"vendor", "DOMINO'S PIZZA", "", 0, 0.5, 0.05, ""}};
        const RememberedVendor pizza = docextract::learn_vendor(traits, "DOMINO'S PIZZA", {});
        REQUIRE(pizza.places.size() == 1);
        CHECK(pizza.places[0].y == doctest::Approx(0.05));

        // Recalling: both lines name the vendor, the one that is the name and nothing more gets more support.
        docextract::FieldCandidates lines;
        lines.field = "vendor";
        lines.all = {candidate("DOMINO'S PIZZA TAMAN UNIVERSITI", 0.5, "", 0.5, 0.12),
                     candidate("DOMINO'S PLZZA", 0.0, "", 0.5, 0.05)};
        const auto recalled = docextract::detail::recall_field(lines, -10.0, 0.6, pizza, p);
        REQUIRE(recalled);
        CHECK(recalled->value == "DOMINO'S PIZZA");
    }

    TEST_CASE("a recognised vendor's name read only faintly is still its name, and no other field gains a value") {
        const docextract::detail::MemoryParameters& p = docextract::detail::memory_parameters();
        RememberedVendor shop = vendor("FIVE STAR CASH & CARRY");
        shop.places = {FieldPlace{"total", "45.00", "TOTAL", 0, 0.8, 0.6, ""}};
        // "No value" is far more probable than any name the ranker saw (a score of 3 against -2).
        docextract::FieldCandidates names;
        names.field = "vendor";
        names.all = {candidate("Tel/", -2.0), candidate("FIVE STAR", -2.7)};
        const auto named = docextract::detail::recall_field(names, 3.0, 0.03, shop, p);
        REQUIRE(named);
        CHECK(named->value == "FIVE STAR CASH & CARRY");
        CHECK(named->none > named->probability); // the field stays flagged: the evidence is faint
        // No candidate names it: nothing to say.
        names.all = {candidate("Tel/", -2.0), candidate("CARRY", -2.1)};
        CHECK_FALSE(docextract::detail::recall_field(names, 3.0, 0.03, shop, p));
        // For another field, "no value" staying the more probable leaves it as it was.
        docextract::FieldCandidates totals;
        totals.field = "total";
        totals.all = {candidate("45.00", -2.0, "TOTAL", 0.8, 0.6)};
        CHECK_FALSE(docextract::detail::recall_field(totals, 4.0, 0.02, shop, p));
    }

    TEST_CASE("a vendor's date order, learnt from the date a person settled, reads its numeric dates") {
        const docextract::detail::MemoryParameters& p = docextract::detail::memory_parameters();
        // The first receipt prints 15/06/2017: only day-first reads it.
        docextract::FieldCandidates first;
        first.field = "date";
        first.all = {candidate("2017-06-15", 1.0, "Date:", 0.7, 0.3)};
        first.all[0].raw_text = "15/06/2017";
        DocumentTraits traits = docextract::detail::document_traits(std::vector{first}, {});
        REQUIRE(traits.places.size() == 1);
        CHECK(traits.places[0].order == "day_first");
        const RememberedVendor shop = docextract::learn_vendor(traits, "KEDAI MAJU", {{"date", "2017-06-15"}});
        REQUIRE(shop.places.size() == 1);
        CHECK(shop.places[0].order == "day_first");

        // A date that reads both ways stands for both in the traits, each with its order: the one settled tells.
        docextract::FieldCandidates both;
        both.field = "date";
        both.all = {candidate("2017-12-09", 1.0, "Date:", 0.7, 0.3)};
        both.all[0].raw_text = "12/09/2017";
        traits = docextract::detail::document_traits(std::vector{both}, {});
        REQUIRE(traits.places.size() == 2);
        CHECK(traits.places[0].order == "month_first");
        CHECK(traits.places[1].value == "2017-09-12");
        CHECK(traits.places[1].order == "day_first");
        CHECK(docextract::learn_vendor(traits, "KEDAI MAJU", {{"date", "2017-09-12"}}).places[0].order == "day_first");

        // The next receipt's 12/09/2017, read month-first by the ranker (even clearly), is 12 September.
        const auto read = docextract::detail::recall_field(both, -3.0, 0.95, shop, p);
        REQUIRE(read);
        CHECK(read->value == "2017-09-12");
        CHECK(read->evidence.starts_with("date_order"));
        // A date that reads one way only, or in words, is left alone.
        both.all[0].raw_text = "25/12/2017";
        both.all[0].value = "2017-12-25";
        const auto one_way = docextract::detail::recall_field(both, -3.0, 0.95, shop, p);
        CHECK((!one_way || one_way->value == "2017-12-25"));
    }

    TEST_CASE("through the extractor: a corrected receipt's vendor and total label help the next one") {
        // The first receipt, as a person corrected it: the total is the rounded one.
        const Extraction first = extract(receipt("KEDAI BUKU MAJU SDN BHD", "10.58", "10.60"), nullptr);
        CHECK(first.traits.tax_ids == std::vector<std::string>{"000123456789"});
        for (const auto& f : first.fields) {
            CHECK_FALSE(f.memory); // no memory, no marks
        }
        VendorMemory memory;
        memory.vendors = {docextract::learn_vendor(first.traits, "KEDAI BUKU MAJU SDN. BHD.", {{"total", "10.60"}})};
        REQUIRE(memory.vendors[0].places.size() == 2);
        CHECK(memory.vendors[0].places[1].label.find("Rounded Total") != std::string::npos);

        // The next receipt of the shop, its name misread: the canonical name, marked; the total supported.
        const std::string next_text = receipt("KEDAI BUKU MAJU SDN BH0", "7.02", "7.00");
        const Extraction plain = extract(next_text, nullptr);
        const Extraction next = extract(next_text, &memory);
        const docextract::Field& name = field(next, "vendor");
        CHECK(name.value == "KEDAI BUKU MAJU SDN. BHD.");
        REQUIRE(name.memory);
        CHECK(name.memory->value_without == field(plain, "vendor").value);
        CHECK(name.memory->evidence.starts_with("canonical_name"));
        const docextract::Field& total = field(next, "total");
        CHECK(total.value == "7.00");
        if (total.memory) {
            CHECK(total.memory->value_without == field(plain, "total").value);
            CHECK(total.confidence >= total.memory->confidence_without);
        }

        // A receipt of a shop the memory does not know is left exactly as it was.
        const std::string other = "WARUNG LAIN ENTERPRISE\nDate: 01/02/2019\nTotal: 3.50\n";
        const Extraction unknown = extract(other, &memory);
        const Extraction unknown_plain = extract(other, nullptr);
        REQUIRE(unknown.fields.size() == unknown_plain.fields.size());
        for (std::size_t i = 0; i < unknown.fields.size(); ++i) {
            CHECK_FALSE(unknown.fields[i].memory);
            CHECK(unknown.fields[i].value == unknown_plain.fields[i].value);
            CHECK(unknown.fields[i].confidence == unknown_plain.fields[i].confidence);
        }
    }
}
