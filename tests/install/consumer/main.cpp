// SPDX-License-Identifier: MIT
// Consumer of an installed docextract: public headers only, no third-party includes needed.
#include <docextract/docextract.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        return 2;
    }
    const docextract::ExtractionResult result = docextract::extract(argv[1]);
    if (!result.ok()) {
        std::cerr << *result.error << '\n';
        return 1;
    }
    std::cout << "docextract " << docextract::version_string << '\n';
    std::cout << docextract::to_json(result) << '\n';
    std::cout << "summary: " << result.summary << '\n';
    return 0;
}
