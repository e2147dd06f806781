// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace docextract::cli {

/// One document to process.
struct InputFile {
    std::filesystem::path path; ///< Where to read it.
    std::string display_name;   ///< How results name it: the path as given, or folder/relative path.
};

/// What the command-line arguments expand to.
struct ExpandedInputs {
    std::vector<InputFile> files; ///< Documents in output order.
    bool has_directory = false;   ///< True when at least one argument was a folder.
};

/// Expands the arguments in order: a file (or a path that does not exist, reported later as that document's
/// error) stays as given; a folder becomes its PNG/JPEG/TIFF/PDF files (by extension, any case), sorted by path,
/// hidden files and folders skipped, sub-folders only when `recursive`.
[[nodiscard]] ExpandedInputs expand_inputs(const std::vector<std::string>& arguments, bool recursive);

} // namespace docextract::cli
