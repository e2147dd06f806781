// SPDX-License-Identifier: MIT
// The smallest useful docextract program: extract the fields of one document and print them.
#include <docextract/docextract.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: docextract_minimal FILE\n";
        return 2;
    }
    const docextract::ExtractionResult result = docextract::extract(argv[1]);
    if (!result.ok()) {
        std::cerr << result.filename << ": " << *result.error << '\n';
        return 1;
    }
    for (const docextract::Field& field : result.fields) {
        std::cout << field.name << " = " << field.value.value_or("(not found)") << "  confidence " << field.confidence
                  << (field.needs_review ? "  [review]" : "") << '\n';
    }
    std::cout << result.summary << '\n';
    return 0;
}
