// SPDX-License-Identifier: MIT
#include "input_files.hpp"

#include <algorithm>

namespace bench {

namespace fs = std::filesystem;

namespace {

std::string lower_extension(const fs::path& path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
    return extension;
}

template <typename Iterator>
void add_matching(Iterator entries, const std::set<std::string>& extensions, std::vector<fs::path>& found) {
    for (const auto& entry : entries) {
        if (entry.is_regular_file() && extensions.count(lower_extension(entry.path())) != 0) {
            found.push_back(entry.path());
        }
    }
}

} // namespace

std::vector<fs::path> collect_inputs(const std::vector<std::string>& inputs, const std::set<std::string>& extensions,
                                     bool recursive) {
    std::vector<fs::path> files;
    for (const std::string& input : inputs) {
        const fs::path path(input);
        if (!fs::is_directory(path)) {
            files.push_back(path);
            continue;
        }
        std::vector<fs::path> found;
        if (recursive) {
            add_matching(fs::recursive_directory_iterator(path), extensions, found);
        } else {
            add_matching(fs::directory_iterator(path), extensions, found);
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

} // namespace bench
