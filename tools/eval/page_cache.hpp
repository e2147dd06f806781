// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/pipeline.hpp>
#include <docextract/text.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace docextract::eval {

/// What the cache keeps of one document: its readings, and the OCR time of each pass that read them.
struct CacheEntry {
    std::vector<std::vector<PageText>> readings; ///< The pages, the lines read again, the second reading (as made).
    StageTimings timings;                        ///< The OCR fields are set (ocr_ms and its passes); others are 0.
};

/// A folder of recognised pages, one JSON file per document and reading setup, so that a later run only repeats
/// the field extraction. The key covers the file's bytes and the options given to it; it does not cover the code
/// of the preprocessing or OCR stages: clear the folder after changing those.
class PageCache {
public:
    /// Uses (and creates) dir; `setup` describes the options that change the words (force OCR, dpi, language...).
    PageCache(std::filesystem::path dir, std::string setup);

    /// The cache key of a document: a 64-bit FNV-1a hash of its bytes and of the setup, in hex.
    [[nodiscard]] std::string key(const std::filesystem::path& document) const;
    /// The entry stored under key, or nullopt when there is none (or it cannot be read).
    [[nodiscard]] std::optional<CacheEntry> load(const std::string& key) const;
    /// Stores an entry under key with the document's file name (for people reading the cache), written to a
    /// temporary file, then renamed: concurrent readers see whole files.
    void store(const std::string& key, const CacheEntry& entry, const std::string& document) const;

private:
    std::filesystem::path dir_;
    std::string setup_;
};

/// The part of the pipeline options that changes the words read from a page (defaults otherwise), as the cache
/// key's setup string. Whether lines are read again and pages read twice is not part of it: the cache holds every
/// reading, and extract_cached() uses those the options ask for.
[[nodiscard]] std::string cache_setup(const PipelineOptions& options);

/// Pages as JSON text and back (words with text, confidence and box; lines with block, box and pass).
[[nodiscard]] std::string pages_to_json(const std::vector<PageText>& pages);
/// Reads pages_to_json() output, bare or inside an object's "pages"; throws std::exception on malformed input.
[[nodiscard]] std::vector<PageText> pages_from_json(const std::string& json);

} // namespace docextract::eval
