// SPDX-License-Identifier: MIT
#pragma once
// Finding the lines of text on a page with a learned detector: PP-OCR's DB network (ONNX, run by OpenCV's dnn
// module), then DB's post-processing of its probability map into boxes (docs/performance.md, "Learned line detector").
#include <docextract/geometry.hpp>

#include <opencv2/core.hpp>
#include <opencv2/dnn.hpp>

#include <string>
#include <vector>

namespace docextract::detail {

/// How the probability map becomes boxes: the settings PP-OCR ships its detection models with (PaddleOCR's
/// det_limit_side_len, det_db_thresh, det_db_box_thresh, det_db_unclip_ratio), part of the model, not tuned here.
struct LineDetectorSettings {
    int max_side = 1280;          ///< The page is scaled down so that its longer side is at most this (multiple of 32).
    float pixel_threshold = 0.3F; ///< A pixel of the map is text from this probability.
    float box_threshold = 0.6F;   ///< A region is a line when its mean probability reaches this.
    float unclip_ratio = 1.5F;    ///< DB's shrunk regions are grown back by area × ratio / perimeter.
    int min_side = 3;             ///< Regions thinner than this (map pixels) are specks.
};

/// A DB text detector, loaded once. Not thread-safe (one per engine).
class LineDetector {
public:
    /// Loads the ONNX model; throws Error(ocr_unavailable) when the file is missing or OpenCV cannot read it.
    explicit LineDetector(const std::string& model_path, LineDetectorSettings settings = {});
    /// The boxes of the text lines of a gray (or BGR) page, in its pixels, top to bottom then left to right.
    [[nodiscard]] std::vector<Box> detect(const cv::Mat& page);

private:
    /// The network for an input of `size`. OpenCV 4.6 fixes the output sizes of the model's Resize nodes at the
    /// first forward pass, so a network that ran at one size gives a wrong map at another: it is made again from
    /// the model's bytes (tens of milliseconds) whenever the size changes.
    cv::dnn::Net& network_for(cv::Size size);

    std::vector<uchar> model_;
    cv::dnn::Net net_;
    cv::Size net_size_;
    LineDetectorSettings settings_;
};

} // namespace docextract::detail
