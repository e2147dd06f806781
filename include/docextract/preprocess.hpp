// SPDX-License-Identifier: MIT
#pragma once

#include <docextract/export.hpp>
#include <docextract/image.hpp>

#include <cstddef>

namespace docextract {

/// What step 5 hands to OCR.
enum class ThresholdMethod {
    flatten,        ///< Divide by the local paper brightness: shading gone, paper white, ink keeps its gray edges,
                    ///< which Tesseract's recogniser reads (it binarises for layout itself).
    adaptive_binary ///< Adaptive Gaussian threshold to pure black and white (threshold_block_size, threshold_offset).
};

/// Settings of the five cleaning steps, applied in this order.
struct PreprocessOptions {
    bool grayscale = true;          ///< Step 1: convert colour to 8-bit gray (default on).
    bool upscale = true;            ///< Step 2: scale up pages shorter than min_height or of small text (default on).
    int min_height = 1000;          ///< Height below which a page is scaled up to this height (default 1000).
    int min_text_height = 20;       ///< Step 2 also scales up a page whose text measures smaller (median height of its
                                    ///< character-like ink blobs, in pixels) to this, at most 3 times and within
                                    ///< max_pixels; 0 never (default 20: phone photos of A4 measure 7-15, 300-dpi
                                    ///< scans 15-25; see docs/performance.md).
    int max_pixels = 9'000'000;     ///< Step 2 scales pages with more pixels down to this many, 0 never (default 9e6,
                                    ///< about A4 at 300 dpi: 600-dpi scans read as well at a quarter of the cost).
    bool denoise = true;            ///< Step 3: non-local-means denoising of noisy pages (default on).
    bool despeckle = true;          ///< Step 3 also replaces isolated dots of impulse (salt-and-pepper) noise by the
                                    ///< median of their neighbourhood, before step 2 scales up (default on; needs
                                    ///< denoise and gray input).
    float denoise_strength = 10.0F; ///< Filter strength h of the denoiser (default 10).
    float denoise_min_noise = 4.0F; ///< Denoise only pages whose estimated noise (std. deviation in gray levels)
                                    ///< reaches this; 0 denoises every page (default 4: clean scans and photos
                                    ///< measure 0-3 and skip the costly filter; see docs/performance.md).
    bool deskew = true;             ///< Step 4: detect and correct page rotation (default on).
    bool find_page = true;          ///< Step 4 first finds a page photographed on a darker surface and flattens its
                                    ///< perspective (default on).
    int min_page_height = 0;        ///< Step 4 scales a page it found and cut out shorter than this up to this height,
                                    ///< 0 never (default 0; the pipeline's second reading uses 2000: a phone photo's
                                    ///< page fills part of the frame, so its text stays small after step 2).
    double max_skew_degrees = 15.0; ///< Larger detected angles are ignored as unreliable (default 15).
    double min_skew_degrees = 0.1;  ///< Smaller angles are left uncorrected (default 0.1).
    bool threshold = true;          ///< Step 5: adaptive (local) thresholding against the paper (default on).
    ThresholdMethod threshold_method = ThresholdMethod::flatten; ///< How step 5 works (default flatten).
    bool stretch_ink = false;       ///< flatten also makes the typical ink black and the paper white (default off; the
                                    ///< pipeline's second reading turns it on).
    int threshold_block_size = 31;  ///< Odd neighbourhood size of adaptive_binary (default 31).
    double threshold_offset = 10.0; ///< Constant adaptive_binary subtracts from the local mean (default 10).
};

/// What the cleaning did to one page.
struct PreprocessReport {
    double scale = 1.0;           ///< Scale factor applied by step 2 (above 1 scaled up, below 1 down, 1 not scaled),
                                  ///< times step 4's when it scaled up a page it found (min_page_height).
    double skew_degrees = 0.0;    ///< Rotation found by the deskew step, in degrees (counter-clockwise positive).
    bool skew_corrected = false;  ///< True when the page was rotated back by skew_degrees.
    bool page_found = false;      ///< True when a photographed page was found and cut out of its surroundings.
    bool denoised = false;        ///< True when the denoise step ran (the page was noisy enough).
    bool thresholded = false;     ///< True when step 5 ran (flattened or binarised, as threshold_method says).
    double grayscale_ms = 0;      ///< Time spent converting to gray.
    double upscale_ms = 0;        ///< Time spent scaling.
    double denoise_ms = 0;        ///< Time spent denoising.
    double deskew_ms = 0;         ///< Time spent finding and correcting skew.
    double threshold_ms = 0;      ///< Time spent binarising.
    double text_height = 0;       ///< Text height step 2 measured before scaling, in pixels (0: not measured, or too
                                  ///< few characters to tell).
    std::size_t dots_removed = 0; ///< Isolated dots step 3 replaced (despeckle).
    double noise = 0;             ///< Noise the denoise step estimated (std. deviation in gray levels; 0 when off).
};

/// A cleaned page and the report of what was done.
struct PreprocessResult {
    Image image;             ///< The cleaned image (gray8 when grayscale is on).
    PreprocessReport report; ///< What the steps did.
};

/// Runs the cleaning steps (OpenCV based). Stateless and thread-safe.
class DOCEXTRACT_API Preprocessor {
public:
    /// Creates a preprocessor; throws Error(invalid_argument) for invalid options.
    explicit Preprocessor(PreprocessOptions options = {});
    /// Cleans one page.
    [[nodiscard]] PreprocessResult run(const ImageView& page) const;
    /// The options in use.
    [[nodiscard]] const PreprocessOptions& options() const noexcept { return options_; }

private:
    PreprocessOptions options_;
};

} // namespace docextract
