// SPDX-License-Identifier: MIT
#include "preprocess/deskew.hpp"

#include "preprocess/steps.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>
#include <vector>

namespace docextract::detail {

namespace {

/// Pixels the page is reduced to before searching: enough for text lines to stay apart, small enough to be fast
/// (1 MP keeps receipts and A4 pages at 100-150 dpi, where lines of 8-point text are still 10+ pixels apart).
constexpr double analysis_pixels = 1.0e6;
/// At most this many ink pixels enter the projections (sampled evenly). Each angle tried costs one pass over them;
/// 50,000 points still give every text line hundreds of points, and the angle found stays within ~0.2 degrees of
/// what 250,000 gave on receipts and scanned pages.
constexpr std::size_t max_points = 50'000;
/// Below this many ink pixels there is nothing to measure.
constexpr std::size_t min_points = 200;
/// The sharpest profile must beat the median profile by this factor to be trusted.
constexpr double min_peak_ratio = 1.05;
/// The search: every coarse_step over the range, then every middle_step within one coarse step of the best angle,
/// then every fine_step within one middle step of the best (about 100 angles for +/-18 degrees instead of 170).
constexpr double coarse_step = 0.5;
constexpr double middle_step = 0.1;
constexpr double fine_step = 0.02;

double radians(double degrees) {
    return degrees * std::numbers::pi / 180.0;
}

/// Ink (255) of a small gray page: dark strokes against their neighbourhood, without blobs too big for text.
cv::Mat find_ink(const cv::Mat& small) {
    const int block = std::max(15, (std::min(small.rows, small.cols) / 40) | 1);
    cv::Mat ink;
    cv::adaptiveThreshold(small, ink, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, 10);

    cv::Mat labels;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    // Text glyphs are short; page edges, photos, shadows and vertical rules are not.
    const int max_height = std::max(8, small.rows / 25);
    std::vector<std::uint8_t> keep(static_cast<std::size_t>(count), 0);
    for (int i = 1; i < count; ++i) {
        const int height = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        keep[static_cast<std::size_t>(i)] = height <= max_height && area >= 2 ? 255 : 0;
    }
    for (int y = 0; y < ink.rows; ++y) {
        const int* label = labels.ptr<int>(y);
        std::uint8_t* out = ink.ptr<std::uint8_t>(y);
        for (int x = 0; x < ink.cols; ++x) {
            out[x] = keep[static_cast<std::size_t>(label[x])];
        }
    }
    return ink;
}

class ProfileScorer {
public:
    explicit ProfileScorer(const cv::Mat& ink) {
        const double cx = ink.cols / 2.0;
        const double cy = ink.rows / 2.0;
        const int total = cv::countNonZero(ink);
        // Every ink pixel earns `keep` credit and one is taken per whole credit: an even sample of at most max_points.
        const double keep = std::min(1.0, static_cast<double>(max_points) / std::max(total, 1));
        xs_.reserve(std::min(static_cast<std::size_t>(total), max_points) + 1);
        ys_.reserve(xs_.capacity());
        double credit = 0;
        for (int y = 0; y < ink.rows; ++y) {
            const std::uint8_t* row = ink.ptr<std::uint8_t>(y);
            for (int x = 0; x < ink.cols; ++x) {
                if (row[x] == 0) {
                    continue;
                }
                credit += keep;
                if (credit >= 1.0) {
                    credit -= 1.0;
                    xs_.push_back(static_cast<float>(x - cx));
                    ys_.push_back(static_cast<float>(y - cy));
                }
            }
        }
        radius_ = static_cast<int>(std::ceil(std::hypot(cx, cy))) + 2;
        bins_.resize(static_cast<std::size_t>(2 * radius_ + 1));
    }

    [[nodiscard]] std::size_t points() const { return xs_.size(); }

    /// Sum of squared row counts after undoing a counter-clockwise rotation by `degrees`: largest when the
    /// text lines are horizontal, because ink then piles up in few rows.
    double score(double degrees) {
        const auto s = static_cast<float>(std::sin(radians(degrees)));
        const auto c = static_cast<float>(std::cos(radians(degrees)));
        std::fill(bins_.begin(), bins_.end(), 0);
        const auto offset = static_cast<float>(radius_) + 0.5F;
        for (std::size_t i = 0; i < xs_.size(); ++i) {
            const float row = xs_[i] * s + ys_[i] * c + offset;
            ++bins_[static_cast<std::size_t>(row)];
        }
        double sum = 0;
        for (const int n : bins_) {
            sum += static_cast<double>(n) * n;
        }
        return sum;
    }

private:
    std::vector<float> xs_;
    std::vector<float> ys_;
    std::vector<int> bins_;
    int radius_ = 0;
};

} // namespace

SkewEstimate estimate_skew(const cv::Mat& page, double search_degrees) {
    if (page.empty() || search_degrees <= 0) {
        return {};
    }
    const cv::Mat gray = page.channels() == 1 ? page : to_gray(page);
    const double pixels = static_cast<double>(gray.rows) * gray.cols;
    cv::Mat small = gray;
    if (pixels > analysis_pixels) {
        const double factor = std::sqrt(analysis_pixels / pixels);
        // Area averaging keeps thin strokes when shrinking a lot; for mild shrinking linear is as good and faster.
        cv::resize(gray, small, cv::Size(), factor, factor, factor < 0.5 ? cv::INTER_AREA : cv::INTER_LINEAR);
    }
    ProfileScorer scorer(find_ink(small));
    if (scorer.points() < min_points) {
        return {};
    }

    const int steps = static_cast<int>(std::ceil(search_degrees / coarse_step));
    std::vector<double> scores;
    double best_angle = 0;
    double best_score = -1;
    for (int i = -steps; i <= steps; ++i) {
        const double angle = i * coarse_step;
        const double value = scorer.score(angle);
        scores.push_back(value);
        if (value > best_score) {
            best_score = value;
            best_angle = angle;
        }
    }
    const auto middle = scores.begin() + static_cast<std::ptrdiff_t>(scores.size() / 2);
    std::nth_element(scores.begin(), middle, scores.end());
    const double median_score = *middle;

    const double coarse_best = best_angle;
    for (const auto& [step, reach] : {std::pair{middle_step, coarse_step}, std::pair{fine_step, middle_step}}) {
        const double centre = best_angle;
        const int count = static_cast<int>(std::lround(reach / step));
        for (int i = -count; i <= count; ++i) {
            const double angle = centre + i * step;
            if (i == 0) {
                continue; // already scored
            }
            const double value = scorer.score(angle);
            if (value > best_score) {
                best_score = value;
                best_angle = angle;
            }
        }
    }
    SkewEstimate estimate;
    estimate.degrees = best_angle;
    estimate.reliable = median_score > 0 && best_score >= min_peak_ratio * median_score &&
                        std::abs(coarse_best) < steps * coarse_step; // a peak at the edge is no peak
    return estimate;
}

cv::Mat rotate_page(const cv::Mat& page, double degrees) {
    const cv::Point2f centre(static_cast<float>(page.cols) / 2.0F, static_cast<float>(page.rows) / 2.0F);
    cv::Mat rotation = cv::getRotationMatrix2D(centre, -degrees, 1.0);
    const double c = std::abs(std::cos(radians(degrees)));
    const double s = std::abs(std::sin(radians(degrees)));
    const int width = static_cast<int>(std::lround(page.cols * c + page.rows * s));
    const int height = static_cast<int>(std::lround(page.cols * s + page.rows * c));
    rotation.at<double>(0, 2) += (width - page.cols) / 2.0;
    rotation.at<double>(1, 2) += (height - page.rows) / 2.0;
    cv::Mat rotated;
    cv::warpAffine(page, rotated, rotation, cv::Size(width, height), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                   cv::Scalar::all(255));
    return rotated;
}

} // namespace docextract::detail
