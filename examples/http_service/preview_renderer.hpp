// SPDX-License-Identifier: MIT
#pragma once

// POST /preview: the cleaned first page as PNG, rendered synchronously (no OCR) with a small pool of
// pipelines, one per concurrent request, created on first use.

#include <docextract/pipeline.hpp>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace docextract::service {

class PreviewRenderer {
public:
    /// At most `max_parallel` previews run at once; further requests wait for a free pipeline.
    PreviewRenderer(docextract::PipelineOptions options, std::size_t max_parallel);

    /// PNG bytes of the cleaned first page. Throws docextract::Error for documents that cannot be opened.
    std::vector<std::uint8_t> render_first_page(std::string_view bytes, const std::string& filename);

private:
    std::unique_ptr<docextract::Pipeline> acquire();
    void release(std::unique_ptr<docextract::Pipeline> pipeline);

    docextract::PipelineOptions options_;
    std::size_t max_parallel_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<docextract::Pipeline>> idle_;
    std::size_t created_ = 0;
};

} // namespace docextract::service
