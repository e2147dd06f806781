// SPDX-License-Identifier: MIT
#include <docextract/csv.hpp>
#include <docextract/field_values.hpp>

#include <cmath>
#include <cstdio>

namespace docextract {
namespace {

std::string confidence_text(double confidence) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f", std::round(confidence * 1000.0) / 1000.0);
    return buffer;
}

} // namespace

std::string csv_cell(std::string_view text) {
    const bool edge_space = !text.empty() && (text.front() == ' ' || text.back() == ' ');
    if (!edge_space && text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_header() {
    std::string line = "filename,job_id";
    for (std::string_view name : known_field_names) {
        const std::string n(name);
        line += "," + n + "," + n + "_confidence," + n + "_needs_review," + n + "_source";
    }
    line += ",error\r\n";
    return line;
}

std::string csv_row(const ExportRow& row) {
    std::string line = csv_cell(row.filename) + "," + csv_cell(row.job_id);
    for (std::string_view name : known_field_names) {
        const auto it = row.fields.find(name);
        if (it == row.fields.end()) {
            line += ",,,,";
            continue;
        }
        const ExportField& field = it->second;
        line += ',';
        line += csv_cell(field.value.value_or(""));
        line += ',' + confidence_text(field.confidence);
        line += field.needs_review ? ",true" : ",false";
        line += ',' + csv_cell(field.source);
    }
    line += ',' + csv_cell(row.error) + "\r\n";
    return line;
}

ExportRow export_row(const ExtractionResult& result, std::string filename) {
    ExportRow row;
    row.filename = std::move(filename);
    if (result.error) {
        row.error = *result.error;
        return row;
    }
    for (const Field& field : result.fields) {
        row.fields[field.name] = ExportField{.value = field.value,
                                             .confidence = field.confidence,
                                             .needs_review = field.needs_review,
                                             .source = std::string(to_string(field.source))};
    }
    return row;
}

} // namespace docextract
