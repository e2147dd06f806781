// SPDX-License-Identifier: MIT
#include "fixture_pages.hpp"

#include <opencv2/imgproc.hpp>

#include <array>
#include <string>

namespace fixture {

cv::Mat text_page(int width, int height, int lines) {
    static const std::array<const char*, 6> samples = {"INVOICE 2024-0042  Date 11.07.2020",
                                                       "Description          Qty    Price    Amount",
                                                       "Office chairs, black   4    129.00    516.00",
                                                       "Shipping and handling         12.50",
                                                       "Subtotal 528.50   VAT 19% 100.42",
                                                       "Total due 628.92 EUR  Thank you!"};
    cv::Mat page(height, width, CV_8UC1, cv::Scalar(255));
    const int margin = width / 10;
    const int pitch = (height - 2 * margin) / std::max(lines, 1);
    const double scale = width / 1400.0;
    for (int i = 0; i < lines; ++i) {
        const std::string text = samples[static_cast<std::size_t>(i) % samples.size()];
        const cv::Point origin(margin, margin + pitch * i + pitch / 2);
        cv::putText(page, text, origin, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(0),
                    std::max(1, static_cast<int>(2 * scale)), cv::LINE_AA);
    }
    return page;
}

cv::Mat rotated(const cv::Mat& page, double degrees) {
    const cv::Point2f centre(static_cast<float>(page.cols) / 2.0F, static_cast<float>(page.rows) / 2.0F);
    const cv::Mat rotation = cv::getRotationMatrix2D(centre, degrees, 1.0);
    cv::Mat out;
    cv::warpAffine(page, out, rotation, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(255));
    return out;
}

} // namespace fixture
