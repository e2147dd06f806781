// SPDX-License-Identifier: MIT
#include "inputs.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <system_error>

namespace docextract::cli {
namespace {

namespace fs = std::filesystem;

bool hidden(const fs::path& path) {
    const std::string name = path.filename().string();
    return !name.empty() && name.front() == '.';
}

/// Folders are scanned for documents by extension so that side files (notes, JSON results) are not treated as
/// failed documents. Files named explicitly are always processed; their type comes from their bytes.
bool document_extension(const fs::path& path) {
    static constexpr std::array<std::string_view, 6> extensions = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf"};
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(extensions.begin(), extensions.end(), extension) != extensions.end();
}

void scan_folder(const fs::path& folder, bool recursive, std::vector<fs::path>& found) {
    std::error_code error;
    for (fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, error), end;
         !error && it != end; it.increment(error)) {
        const fs::directory_entry& entry = *it;
        if (hidden(entry.path())) {
            continue;
        }
        std::error_code ignored;
        if (entry.is_directory(ignored)) {
            if (recursive) {
                scan_folder(entry.path(), recursive, found);
            }
        } else if (entry.is_regular_file(ignored) && document_extension(entry.path())) {
            found.push_back(entry.path());
        }
    }
}

} // namespace

ExpandedInputs expand_inputs(const std::vector<std::string>& arguments, bool recursive) {
    ExpandedInputs expanded;
    for (const std::string& argument : arguments) {
        const fs::path path(argument);
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            expanded.files.push_back({path, argument});
            continue;
        }
        expanded.has_directory = true;
        std::vector<fs::path> found;
        scan_folder(path, recursive, found);
        std::sort(found.begin(), found.end());
        for (fs::path& file : found) {
            std::string name = file.string();
            expanded.files.push_back({std::move(file), std::move(name)});
        }
    }
    return expanded;
}

} // namespace docextract::cli
