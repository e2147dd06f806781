// SPDX-License-Identifier: MIT
#pragma once

// POST /preview: the cleaned first page as PNG, rendered synchronously for the caller but on a few dedicated,
// lower-priority threads (each with its own Pipeline, built when the thread starts), so previews cannot take
// the CPU from the threads answering uploads and /health.

#include <docextract/pipeline.hpp>

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace docextract::service {

class PreviewRenderer {
public:
    /// `threads` previews run at once, at nice value `nice`; further requests wait their turn.
    PreviewRenderer(docextract::PipelineOptions options, std::size_t threads, int nice);
    /// Finishes the previews already asked for, then stops the threads.
    ~PreviewRenderer();
    PreviewRenderer(const PreviewRenderer&) = delete;
    PreviewRenderer& operator=(const PreviewRenderer&) = delete;

    /// PNG bytes of the cleaned first page; blocks until rendered. Throws docextract::Error for documents that
    /// cannot be opened or rendered.
    std::vector<std::uint8_t> render_first_page(std::string_view bytes, const std::string& filename);
    /// PNG bytes of page `page` (zero-based), cleaned as OCR sees it or as the document shows it (`cleaned`
    /// false); throws docextract::Error, with ErrorCode::invalid_argument for a page the document does not have.
    std::vector<std::uint8_t> render_page(std::string_view bytes, const std::string& filename, int page, bool cleaned);

private:
    struct Task {
        std::function<void(docextract::Pipeline&)> run;
        std::function<void(std::exception_ptr)> fail; ///< When no pipeline could be built.
    };
    void thread_loop();

    docextract::PipelineOptions options_;
    int nice_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Task> tasks_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

} // namespace docextract::service
