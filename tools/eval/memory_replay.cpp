// SPDX-License-Identifier: MIT
#include "memory_replay.hpp"

#include <docextract/field_values.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>

namespace docextract::eval {

namespace {

/// The fields of a document from its cached readings, and the readings they came from.
struct Extracted {
    std::vector<std::vector<PageText>> readings;
    std::vector<Field> fields;
};

Extracted extract(const CacheEntry& cached, const SampleExtractor& ex, ReadingChoice choice) {
    Extracted out;
    out.readings = pipeline_readings(cached.readings, *ex.extractor, ex.threshold, choice);
    out.fields = ex.extractor->extract_readings(out.readings);
    return out;
}

ExtractionResult result_of(const Sample& sample, std::vector<Field> fields) {
    ExtractionResult result;
    result.filename = sample.document.filename().string();
    for (const Field& field : fields) {
        if (field.needs_review) {
            result.needs_review.push_back(field.name);
        }
    }
    result.fields = std::move(fields);
    return result;
}

const Field* find_field(const std::vector<Field>& fields, const std::string& name) {
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
    return it == fields.end() ? nullptr : &*it;
}

/// What a reviewer settles on a corrected document: every labelled field but the vendor, normalised as PATCH does.
std::map<std::string, std::string> settled_values(const Sample& sample) {
    std::map<std::string, std::string> settled;
    for (const auto& [name, expected] : sample.truth) {
        if (name == "vendor" || !is_known_field(name)) {
            continue;
        }
        if (FieldValueCheck check = normalize_field_value(name, expected); check.value) {
            settled[name] = *check.value;
        }
    }
    return settled;
}

void add_vendor(VendorMemory& memory, RememberedVendor learned) {
    const auto same = std::find_if(memory.vendors.begin(), memory.vendors.end(), [&](const RememberedVendor& v) {
        return vendor_name_key(v.canonical_name) == vendor_name_key(learned.canonical_name);
    });
    if (same != memory.vendors.end()) {
        *same = merge_vendor(std::move(*same), learned);
    } else {
        memory.vendors.push_back(std::move(learned));
    }
}

void replay_one(const Sample& sample, const CacheEntry& cached, const SampleExtractor& ex, ReadingChoice choice,
                const VendorMemory& memory, ReplayedSet& set, int* recognised) {
    Extracted e = extract(cached, ex, choice);
    std::vector<Field> with = e.fields;
    (void)ex.extractor->recall(e.readings, &memory, with);
    bool any = false;
    std::vector<ReplayChange> changes;
    for (const Field& field : with) {
        if (field.memory) {
            any = true;
            const Field* before = find_field(e.fields, field.name);
            if (before == nullptr || before->value != field.value) {
                ++set.changed[field.name];
                changes.push_back(ReplayChange{.document = sample.document.filename().string(),
                                               .field = field.name,
                                               .without = before != nullptr ? before->value : std::nullopt,
                                               .with = field.value,
                                               .expected = "",
                                               .right_without = false,
                                               .right_with = false,
                                               .vendor = field.memory->vendor,
                                               .evidence = field.memory->evidence});
            }
        }
    }
    // Recognised: the traits name a remembered vendor (whether or not that changed a field).
    std::vector<Field> scratch = e.fields;
    const DocumentTraits traits = ex.extractor->recall(e.readings, nullptr, scratch);
    const std::optional<std::size_t> vendor = recognise_vendor(memory, traits);
    if (recognised != nullptr) {
        *recognised += (vendor.has_value() || any) ? 1 : 0;
    }
    set.vendor_of.push_back(vendor ? memory.vendors[*vendor].canonical_name : std::string());
    set.without.push_back(score_document(sample, result_of(sample, std::move(e.fields))));
    set.with.push_back(score_document(sample, result_of(sample, std::move(with))));
    for (ReplayChange& change : changes) {
        const auto outcome_of = [&](const DocumentOutcome& d) -> const FieldOutcome* {
            const auto it = std::find_if(d.fields.begin(), d.fields.end(),
                                         [&](const FieldOutcome& f) { return f.name == change.field; });
            return it == d.fields.end() ? nullptr : &*it;
        };
        if (const FieldOutcome* a = outcome_of(set.without.back())) {
            change.expected = a->expected;
            change.right_without = a->correct;
        }
        if (const FieldOutcome* b = outcome_of(set.with.back())) {
            change.right_with = b->correct;
        }
        set.changes.push_back(std::move(change));
    }
}

} // namespace

MemoryReplay replay_vendor_memory(const std::vector<Sample>& samples,
                                  const std::vector<std::optional<CacheEntry>>& readings,
                                  const std::function<SampleExtractor(std::size_t)>& extractor_of,
                                  ReadingChoice choice) {
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (readings[i]) {
            groups[group_of(samples[i], GroupBy::vendor)].push_back(i);
        }
    }
    MemoryReplay replay;
    std::vector<std::size_t> later;
    std::vector<std::size_t> never;
    for (auto& [group, members] : groups) {
        std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            return samples[a].document.filename() < samples[b].document.filename();
        });
        const std::size_t first = members.front();
        const auto vendor = samples[first].truth.find("vendor");
        if (members.size() < 2 || vendor == samples[first].truth.end() || vendor_name_key(vendor->second).empty()) {
            never.insert(never.end(), members.begin(), members.end());
            continue;
        }
        // The reviewer's correction: the memory learns from what the document told, the vendor as labelled.
        const SampleExtractor ex = extractor_of(first);
        Extracted e = extract(*readings[first], ex, choice);
        const DocumentTraits traits = ex.extractor->recall(e.readings, nullptr, e.fields);
        add_vendor(replay.memory, learn_vendor(traits, vendor->second, settled_values(samples[first])));
        ++replay.corrected;
        later.insert(later.end(), members.begin() + 1, members.end());
    }
    for (const std::size_t i : later) {
        replay_one(samples[i], *readings[i], extractor_of(i), choice, replay.memory, replay.later, &replay.recognised);
    }
    for (const std::size_t i : never) {
        replay_one(samples[i], *readings[i], extractor_of(i), choice, replay.memory, replay.never, nullptr);
    }
    return replay;
}

namespace {

int needing_no_review(const std::vector<DocumentOutcome>& outcomes) {
    int n = 0;
    for (const DocumentOutcome& d : outcomes) {
        n += std::none_of(d.fields.begin(), d.fields.end(),
                          [](const FieldOutcome& f) { return f.extracted.has_value() && f.needs_review; }) &&
                     std::all_of(d.fields.begin(), d.fields.end(),
                                 [](const FieldOutcome& f) { return f.extracted.has_value(); })
                 ? 1
                 : 0;
    }
    return n;
}

void write_set(std::ostream& out, const ReplayedSet& set, const std::string& title) {
    const Summary without = summarise(set.without);
    const Summary with = summarise(set.with);
    out << fmt::format("### {}: {} documents\n\n", title, set.without.size());
    out << "| field | accuracy without | with memory | F1 without | with | accepted precision without | with | "
           "coverage without | with | changed |\n|---|---|---|---|---|---|---|---|---|---|\n";
    for (const std::string& name : without.field_order) {
        const FieldStats& a = without.fields.at(name);
        const auto b_it = with.fields.find(name);
        if (b_it == with.fields.end() || a.labelled == 0) {
            continue;
        }
        const FieldStats& b = b_it->second;
        const auto changed = set.changed.find(name);
        out << fmt::format("| {} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {:.3f} | {} |\n",
                           name, a.recall(), b.recall(), a.f1(), b.f1(), a.accepted_precision(), b.accepted_precision(),
                           a.coverage(), b.coverage(), changed == set.changed.end() ? 0 : changed->second);
    }
    const double n = static_cast<double>(std::max<std::size_t>(1, set.without.size()));
    out << fmt::format("\nDocuments needing no review (every labelled field extracted, none flagged): {:.3f} without "
                       "the memory, {:.3f} with it.\n\n",
                       needing_no_review(set.without) / n, needing_no_review(set.with) / n);
}

} // namespace

void write_memory_replay(std::ostream& out, const MemoryReplay& replay, const std::string& mode, bool list_changes) {
    out << fmt::format("## Vendor memory replay ({})\n\n{} vendor groups corrected on their first document; {} of "
                       "their {} later documents recognised.\n\n",
                       mode, replay.corrected, replay.recognised, replay.later.without.size());
    write_set(out, replay.later, "Later documents of corrected vendors");
    write_set(out, replay.never, "Documents of vendors never corrected");
    if (!list_changes) {
        return;
    }
    out << "### Values the memory changed\n\n| documents | document | field | without | with | label | right "
           "without | with | vendor | evidence |\n|---|---|---|---|---|---|---|---|---|---|\n";
    const auto cell = [](const std::optional<std::string>& v) { return v ? *v : std::string("(none)"); };
    for (const auto* set : {&replay.later, &replay.never}) {
        for (const ReplayChange& c : set->changes) {
            out << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                               set == &replay.later ? "later" : "never corrected", c.document, c.field, cell(c.without),
                               cell(c.with), c.expected, c.right_without ? "yes" : "no", c.right_with ? "yes" : "no",
                               c.vendor, c.evidence);
        }
    }
    out << "\n### What the memory holds\n\n| vendor | field | value | label | page | x | y | order |\n"
           "|---|---|---|---|---|---|---|---|\n";
    for (const RememberedVendor& v : replay.memory.vendors) {
        for (const FieldPlace& p : v.places) {
            out << fmt::format("| {} | {} | {} | {} | {} | {:.2f} | {:.2f} | {} |\n", v.canonical_name, p.field,
                               p.value, p.label, p.page, p.x, p.y, p.order);
        }
    }
    out << "\n### Labelled values of later documents wrong with the memory\n\n| document | field | with | label | "
           "confidence | flagged | recognised as |\n|---|---|---|---|---|---|---|\n";
    for (std::size_t d = 0; d < replay.later.with.size(); ++d) {
        for (const FieldOutcome& f : replay.later.with[d].fields) {
            if (!f.correct) {
                out << fmt::format("| {} | {} | {} | {} | {:.2f} | {} | {} |\n", replay.later.with[d].name, f.name,
                                   cell(f.extracted), f.expected, f.confidence, f.needs_review ? "yes" : "no",
                                   replay.later.vendor_of[d].empty() ? "(none)" : replay.later.vendor_of[d]);
            }
        }
    }
    out << '\n';
}

} // namespace docextract::eval
