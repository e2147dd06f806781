// SPDX-License-Identifier: MIT
#include "preview_renderer.hpp"

#include <docextract/document.hpp>
#include <docextract/error.hpp>
#include <docextract/image.hpp>

#include <future>
#include <memory>
#include <optional>
#include <span>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>

namespace docextract::service {

PreviewRenderer::PreviewRenderer(docextract::PipelineOptions options, std::size_t threads, int nice)
    : options_(std::move(options)), nice_(nice) {
    const std::size_t count = threads > 0 ? threads : 1;
    for (std::size_t i = 0; i < count; ++i) {
        threads_.emplace_back([this] { thread_loop(); });
    }
}

PreviewRenderer::~PreviewRenderer() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& thread : threads_) {
        thread.join();
    }
}

std::vector<std::uint8_t> PreviewRenderer::render_first_page(std::string_view bytes, const std::string& filename) {
    return render_page(bytes, filename, 0, true);
}

std::vector<std::uint8_t> PreviewRenderer::render_page(std::string_view bytes, const std::string& filename, int page,
                                                       bool cleaned) {
    auto promise = std::make_shared<std::promise<std::vector<std::uint8_t>>>();
    std::future<std::vector<std::uint8_t>> result = promise->get_future();
    Task task;
    // The caller's bytes and name outlive the task: this function waits for it below.
    task.run = [this, bytes, &filename, page, cleaned, promise](docextract::Pipeline& pipeline) {
        try {
            const auto data = std::as_bytes(std::span<const char>(bytes.data(), bytes.size()));
            const docextract::Document document = docextract::Document::from_bytes(data, filename, options_.load);
            if (page < 0 || page >= document.page_count()) {
                throw docextract::Error(docextract::ErrorCode::invalid_argument,
                                        "the document has " + std::to_string(document.page_count()) +
                                            " page(s); pages are numbered from 0");
            }
            const docextract::Image image = cleaned ? pipeline.preview(document, page) : document.render_page(page);
            promise->set_value(docextract::encode_png(image.view()));
        } catch (...) {
            promise->set_exception(std::current_exception());
        }
    };
    task.fail = [promise](std::exception_ptr error) { promise->set_exception(std::move(error)); };
    {
        const std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
    return result.get();
}

void PreviewRenderer::thread_loop() {
    // Linux nice values are per thread: rendering and cleaning run behind the HTTP threads.
    if (nice_ != 0) {
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), nice_);
    }
    // Build the pipeline (Tesseract initialisation) now rather than in the first request; a failure is
    // reported to the requests instead.
    std::optional<docextract::Pipeline> pipeline;
    try {
        pipeline.emplace(options_);
    } catch (...) {
    }
    for (;;) {
        Task task;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
            if (tasks_.empty()) {
                return; // stopping and nothing left to do
            }
            task = std::move(tasks_.front());
            tasks_.pop_front();
        }
        if (!pipeline) {
            try {
                pipeline.emplace(options_);
            } catch (...) {
                task.fail(std::current_exception()); // e.g. no OCR data; the next request tries again
                continue;
            }
        }
        task.run(*pipeline);
    }
}

} // namespace docextract::service
