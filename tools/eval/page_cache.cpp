// SPDX-License-Identifier: MIT
#include "page_cache.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <system_error>
#include <thread>

namespace docextract::eval {

namespace {

using nlohmann::json;

constexpr std::uint64_t fnv_offset = 0xcbf29ce484222325ULL;
constexpr std::uint64_t fnv_prime = 0x100000001b3ULL;

std::uint64_t fnv1a(std::uint64_t hash, const char* data, std::size_t size) noexcept {
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= static_cast<unsigned char>(data[i]);
        hash *= fnv_prime;
    }
    return hash;
}

json box_json(const Box& b) {
    return json::array({b.x, b.y, b.width, b.height});
}

Box box_from(const json& j) {
    return Box{j.at(0).get<int>(), j.at(1).get<int>(), j.at(2).get<int>(), j.at(3).get<int>()};
}

} // namespace

PageCache::PageCache(std::filesystem::path dir, std::string setup) : dir_(std::move(dir)), setup_(std::move(setup)) {
    std::filesystem::create_directories(dir_);
}

std::string PageCache::key(const std::filesystem::path& document) const {
    std::ifstream in(document, std::ios::binary);
    std::uint64_t hash = fnv_offset;
    std::array<char, 1 << 16> buffer{};
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash = fnv1a(hash, buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    hash = fnv1a(hash, setup_.data(), setup_.size());
    return fmt::format("{:016x}", hash);
}

std::optional<std::vector<std::vector<PageText>>> PageCache::load(const std::string& key) const {
    std::ifstream in(dir_ / (key + ".json"), std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        std::vector<std::vector<PageText>> readings{pages_from_json(text)};
        if (const json entry = json::parse(text); entry.is_object() && entry.contains("second_reading")) {
            readings.push_back(pages_from_json(entry.at("second_reading").dump()));
        }
        return readings;
    } catch (const std::exception&) {
        return std::nullopt; // a damaged entry is a miss: the document is read again and the entry rewritten
    }
}

void PageCache::store(const std::string& key, const std::vector<std::vector<PageText>>& readings,
                      const std::string& document) const {
    if (readings.empty()) {
        return;
    }
    const auto target = dir_ / (key + ".json");
    const auto temporary =
        dir_ / fmt::format("{}.{}.tmp", key, std::hash<std::thread::id>{}(std::this_thread::get_id()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << R"({"document":)" << json(document).dump() << R"(,"pages":)" << pages_to_json(readings.front());
        if (readings.size() > 1) {
            out << R"(,"second_reading":)" << pages_to_json(readings[1]);
        }
        out << "}\n";
        if (!out) {
            return; // the cache is an optimisation: a failed write only costs a later re-read
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, target, error);
}

std::string pages_to_json(const std::vector<PageText>& pages) {
    json out = json::array();
    for (const auto& page : pages) {
        json lines = json::array();
        for (const auto& line : page.lines) {
            json words = json::array();
            for (const auto& word : line.words) {
                words.push_back({{"t", word.text}, {"c", word.confidence}, {"b", box_json(word.box)}});
            }
            lines.push_back({{"block", line.block}, {"b", box_json(line.box)}, {"words", std::move(words)}});
        }
        out.push_back({{"page", page.page},
                       {"width", page.width},
                       {"height", page.height},
                       {"source", std::string(to_string(page.source))},
                       {"lines", std::move(lines)}});
    }
    return out.dump();
}

std::vector<PageText> pages_from_json(const std::string& text) {
    const json parsed = json::parse(text);
    const json& in = parsed.is_object() ? parsed.at("pages") : parsed;
    std::vector<PageText> pages;
    for (const auto& p : in) {
        PageText page;
        page.page = p.at("page").get<int>();
        page.width = p.at("width").get<int>();
        page.height = p.at("height").get<int>();
        page.source = p.at("source").get<std::string>() == "ocr" ? TextSource::ocr : TextSource::text_layer;
        for (const auto& l : p.at("lines")) {
            TextLine line;
            line.block = l.at("block").get<int>();
            line.box = box_from(l.at("b"));
            for (const auto& w : l.at("words")) {
                line.words.push_back(
                    TextWord{w.at("t").get<std::string>(), w.at("c").get<float>(), box_from(w.at("b"))});
            }
            page.lines.push_back(std::move(line));
        }
        pages.push_back(std::move(page));
    }
    return pages;
}

std::string cache_setup(const PipelineOptions& p) {
    // The version changes with the second reading's own cleaning (v5: a page found in a photo scaled up to 2000 px)
    // and with what the first reading reads (v6: the text OCR's page layout left out).
    const auto& c = p.preprocess;
    return fmt::format(
        "v6 force_ocr={} dpi={} lang={} psm={} denoise={} min_noise={} find_page={} threshold={} method={} "
        "min_height={} min_page_height={} max_pixels={} second_reading={} missed_text={}",
        p.force_ocr, p.load.dpi, p.ocr.language, p.ocr.page_segmentation, c.denoise, c.denoise_min_noise, c.find_page,
        c.threshold, static_cast<int>(c.threshold_method), c.min_height, c.min_page_height, c.max_pixels,
        p.second_reading, p.read_missed_text);
}

} // namespace docextract::eval
