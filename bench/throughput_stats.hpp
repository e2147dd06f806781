// SPDX-License-Identifier: MIT
#pragma once

// Per-stage timings read back from docextract's JSONL output, and the order statistics printed about them.

#include <array>
#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

namespace docextract::bench {

/// The stages a page goes through, in pipeline order; `other` is the rest of a document's total time.
enum class Stage : std::size_t { load, grayscale, upscale, denoise, deskew, threshold, ocr, extract, other, total };
inline constexpr std::size_t stage_count = 10;

/// Printable name of a stage ("load/render", "ocr", ...).
[[nodiscard]] std::string_view stage_name(Stage stage) noexcept;

/// Milliseconds per stage for every OCR'd page of a run, plus the document counts.
struct StageSamples {
    std::array<std::vector<double>, stage_count> per_page; ///< One value per OCR'd page, indexed by Stage.
    std::size_t documents = 0;                             ///< Documents in the output.
    std::size_t failed = 0;                                ///< Documents with an error.
    std::size_t ocr_pages = 0;                             ///< Pages that went through OCR.
    std::size_t text_pages = 0;                            ///< Pages read from a PDF text layer.
    std::size_t fields_found = 0;                          ///< Core fields with a value, all documents.

    /// Sum over all pages of one stage.
    [[nodiscard]] double sum(Stage stage) const;
};

/// Reads docextract --jsonl output. Document-level stages (load, ocr, extract, other, total) are split evenly over
/// the document's OCR'd pages; the cleaning steps are per page. Documents without OCR'd pages only count.
[[nodiscard]] StageSamples read_stage_samples(const std::filesystem::path& jsonl);

/// The q-quantile (0..1) of the values by linear interpolation between order statistics; 0 when empty.
[[nodiscard]] double quantile(std::vector<double> values, double q);

} // namespace docextract::bench
