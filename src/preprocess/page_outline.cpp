// SPDX-License-Identifier: MIT
#include "preprocess/page_outline.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace docextract::detail {

namespace {

/// Longest side of the copy the outline is searched on: outlines are large, detail does not matter.
constexpr double analysis_side = 800.0;
/// Share of the picture a page must cover: smaller is more likely a label or logo, larger is the whole frame.
constexpr double min_page_share = 0.20;
constexpr double max_page_share = 0.97;
/// Tolerance of the polygon approximation, as a share of the outline's perimeter.
constexpr double outline_tolerance = 0.02;
/// Largest relative difference between the bright region's area and the area inside the four corners found.
constexpr double max_area_mismatch = 0.03;
/// A corner this close to a picture edge (share of the side) lies on it.
constexpr double edge_margin = 0.02;

/// How many sides of the quadrilateral run along an edge of the picture. A page photographed on a table shows
/// the table on at least two sides; a scan whose dark header band was left out shares three sides with the frame.
int sides_on_frame(const PageCorners& c, cv::Size frame) {
    const float mx = static_cast<float>(edge_margin * frame.width);
    const float my = static_cast<float>(edge_margin * frame.height);
    const auto left = [&](cv::Point2f p) { return p.x <= mx; };
    const auto right = [&](cv::Point2f p) { return p.x >= static_cast<float>(frame.width) - mx; };
    const auto top = [&](cv::Point2f p) { return p.y <= my; };
    const auto bottom = [&](cv::Point2f p) { return p.y >= static_cast<float>(frame.height) - my; };
    return static_cast<int>(top(c[0]) && top(c[1])) + static_cast<int>(right(c[1]) && right(c[2])) +
           static_cast<int>(bottom(c[2]) && bottom(c[3])) + static_cast<int>(left(c[3]) && left(c[0]));
}

float distance(cv::Point2f a, cv::Point2f b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

/// Orders four points as top-left, top-right, bottom-right, bottom-left (by x + y and y - x).
PageCorners order_corners(const std::vector<cv::Point>& quad, double scale) {
    std::vector<cv::Point2f> points;
    for (const cv::Point& p : quad) {
        points.emplace_back(static_cast<float>(p.x / scale), static_cast<float>(p.y / scale));
    }
    const auto by = [&points](auto key) {
        return std::minmax_element(points.begin(), points.end(),
                                   [&key](const cv::Point2f& a, const cv::Point2f& b) { return key(a) < key(b); });
    };
    const auto [top_left, bottom_right] = by([](const cv::Point2f& p) { return p.x + p.y; });
    const auto [top_right, bottom_left] = by([](const cv::Point2f& p) { return p.y - p.x; });
    return {*top_left, *top_right, *bottom_right, *bottom_left};
}

} // namespace

std::optional<PageCorners> find_page_corners(const cv::Mat& gray) {
    if (gray.empty() || gray.type() != CV_8UC1) {
        return std::nullopt;
    }
    const double scale = std::min(1.0, analysis_side / std::max(gray.rows, gray.cols));
    cv::Mat small;
    cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_LINEAR); // blurred next: no need to average
    cv::GaussianBlur(small, small, cv::Size(7, 7), 0);
    cv::Mat bright;
    cv::threshold(small, bright, 0, 255, cv::THRESH_BINARY | cv::THRESH_OTSU);
    // Close the text holes so the page is one solid region.
    cv::morphologyEx(bright, bright, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(15, 15)));

    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(bright, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    if (contours.empty()) {
        return std::nullopt;
    }
    const auto largest = std::max_element(contours.begin(), contours.end(), [](const auto& a, const auto& b) {
        return cv::contourArea(a) < cv::contourArea(b);
    });
    const double share = cv::contourArea(*largest) / (static_cast<double>(small.rows) * small.cols);
    if (share < min_page_share || share > max_page_share) {
        return std::nullopt;
    }
    std::vector<cv::Point> hull;
    cv::convexHull(*largest, hull);
    std::vector<cv::Point> quad;
    cv::approxPolyDP(hull, quad, outline_tolerance * cv::arcLength(hull, true), true);
    // A page is a quadrilateral: when four corners leave out or add more than a few percent of the bright
    // region (a corner cut off by the frame, a shadow), they are not the page's corners.
    if (quad.size() != 4 || std::abs(cv::contourArea(*largest) / cv::contourArea(quad) - 1.0) > max_area_mismatch) {
        return std::nullopt;
    }
    const PageCorners corners = order_corners(quad, scale);
    // A page turned near 45 degrees has no clear top-left: two orderings pick the same point. Leave it to deskew.
    for (std::size_t i = 0; i < corners.size(); ++i) {
        for (std::size_t j = i + 1; j < corners.size(); ++j) {
            if (distance(corners[i], corners[j]) < 1.0F) {
                return std::nullopt;
            }
        }
    }
    if (sides_on_frame(corners, gray.size()) > 2) {
        return std::nullopt;
    }
    return corners;
}

cv::Mat flatten_page(const cv::Mat& page, const PageCorners& corners) {
    const auto& [top_left, top_right, bottom_right, bottom_left] = corners;
    const float width = std::max(distance(top_right, top_left), distance(bottom_right, bottom_left));
    const float height = std::max(distance(bottom_left, top_left), distance(bottom_right, top_right));
    const int w = std::max(1, static_cast<int>(std::lround(width)));
    const int h = std::max(1, static_cast<int>(std::lround(height)));
    const std::array<cv::Point2f, 4> target{cv::Point2f(0, 0), cv::Point2f(static_cast<float>(w), 0),
                                            cv::Point2f(static_cast<float>(w), static_cast<float>(h)),
                                            cv::Point2f(0, static_cast<float>(h))};
    const cv::Mat transform = cv::getPerspectiveTransform(corners.data(), target.data());
    cv::Mat flat;
    cv::warpPerspective(page, flat, transform, cv::Size(w, h), cv::INTER_CUBIC, cv::BORDER_REPLICATE);
    return flat;
}

} // namespace docextract::detail
