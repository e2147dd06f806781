// SPDX-License-Identifier: MIT
#include "preview_renderer.hpp"

#include <docextract/document.hpp>
#include <docextract/image.hpp>

#include <span>
#include <utility>

namespace docextract::service {

PreviewRenderer::PreviewRenderer(docextract::PipelineOptions options, std::size_t max_parallel)
    : options_(std::move(options)), max_parallel_(max_parallel > 0 ? max_parallel : 1) {}

std::vector<std::uint8_t> PreviewRenderer::render_first_page(std::string_view bytes, const std::string& filename) {
    const auto data = std::as_bytes(std::span<const char>(bytes.data(), bytes.size()));
    const docextract::Document document = docextract::Document::from_bytes(data, filename, options_.load);
    std::unique_ptr<docextract::Pipeline> pipeline = acquire();
    try {
        const docextract::Image image = pipeline->preview(document, 0);
        release(std::move(pipeline));
        return docextract::encode_png(image.view());
    } catch (...) {
        release(std::move(pipeline));
        throw;
    }
}

std::unique_ptr<docextract::Pipeline> PreviewRenderer::acquire() {
    {
        std::unique_lock lock(mutex_);
        available_.wait(lock, [this] { return !idle_.empty() || created_ < max_parallel_; });
        if (!idle_.empty()) {
            auto pipeline = std::move(idle_.back());
            idle_.pop_back();
            return pipeline;
        }
        ++created_;
    }
    try {
        return std::make_unique<docextract::Pipeline>(options_);
    } catch (...) {
        {
            const std::lock_guard lock(mutex_);
            --created_;
        }
        available_.notify_one();
        throw;
    }
}

void PreviewRenderer::release(std::unique_ptr<docextract::Pipeline> pipeline) {
    {
        const std::lock_guard lock(mutex_);
        idle_.push_back(std::move(pipeline));
    }
    available_.notify_one();
}

} // namespace docextract::service
