// SPDX-License-Identifier: MIT
#include "einvoice/embedded_fields.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <exception>
#include <string>
#include <string_view>
#include <utility>

namespace docextract::detail {
namespace {

/// File names the standards prescribe (Factur-X 1.0, ZUGFeRD 2.x, ZUGFeRD 1.0, XRechnung in a PDF), lower case.
constexpr std::array<std::string_view, 4> standard_names = {"factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml",
                                                            "zugferd_invoice.xml"};

std::string lower_ascii(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return lower;
}

/// Rank of a file name: 0 for standard names, 1 for anything else.
int name_rank(std::string_view file_name) {
    const std::string lower = lower_ascii(file_name);
    return std::find(standard_names.begin(), standard_names.end(), lower) != standard_names.end() ? 0 : 1;
}

} // namespace

EInvoiceData read_embedded_invoice(std::span<const EmbeddedInvoice> files) {
    std::vector<const EmbeddedInvoice*> order;
    order.reserve(files.size());
    for (const EmbeddedInvoice& file : files) {
        order.push_back(&file);
    }
    std::stable_sort(order.begin(), order.end(), [](const EmbeddedInvoice* a, const EmbeddedInvoice* b) {
        return name_rank(a->file_name) < name_rank(b->file_name);
    });
    for (const EmbeddedInvoice* file : order) {
        EInvoiceData data = parse_einvoice_xml(file->xml);
        if (data.format != EInvoiceFormat::unknown) {
            return data;
        }
    }
    return {};
}

void merge_embedded_fields(std::vector<Field>& fields, std::vector<Field> xml_fields) {
    for (Field& xml_field : xml_fields) {
        const auto same_name = std::find_if(fields.begin(), fields.end(),
                                            [&](const Field& field) { return field.name == xml_field.name; });
        if (same_name == fields.end()) {
            fields.push_back(std::move(xml_field));
            continue;
        }
        if (same_name->value == xml_field.value) {
            xml_field.page = same_name->page;
            xml_field.box = same_name->box;
        }
        *same_name = std::move(xml_field);
    }
}

bool apply_embedded_invoice(const Document& document, std::vector<Field>& fields) {
    std::vector<EmbeddedInvoice> files;
    try {
        files = document.embedded_invoices();
    } catch (const std::exception&) {
        return false; // Unreadable attachments (Error, or bad_alloc from a hostile file): the page content stands.
    }
    EInvoiceData data = read_embedded_invoice(files);
    if (data.fields.empty()) {
        return false;
    }
    merge_embedded_fields(fields, std::move(data.fields));
    return true;
}

} // namespace docextract::detail
