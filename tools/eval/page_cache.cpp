// SPDX-License-Identifier: MIT
#include "page_cache.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <stdexcept>
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

ReadingPass pass_from(const std::string& name) {
    for (const ReadingPass pass : {ReadingPass::page, ReadingPass::missed_text, ReadingPass::line,
                                   ReadingPass::second_reading, ReadingPass::picture}) {
        if (to_string(pass) == name) {
            return pass;
        }
    }
    throw std::invalid_argument("unknown reading pass " + name);
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

std::optional<CacheEntry> PageCache::load(const std::string& key) const {
    std::ifstream in(dir_ / (key + ".json"), std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    try {
        const json entry = json::parse(text);
        CacheEntry out;
        for (const auto& reading : entry.at("readings")) {
            out.readings.push_back(pages_from_json(reading.dump()));
        }
        const json& ms = entry.at("ocr_ms");
        out.timings.ocr_ms = ms.value("all", 0.0);
        out.timings.ocr_page_ms = ms.value("page", 0.0);
        out.timings.ocr_missed_text_ms = ms.value("missed_text", 0.0);
        out.timings.ocr_line_ms = ms.value("line", 0.0);
        out.timings.ocr_second_ms = ms.value("second_reading", 0.0);
        if (out.readings.empty()) {
            return std::nullopt;
        }
        return out;
    } catch (const std::exception&) {
        return std::nullopt; // a damaged entry is a miss: the document is read again and the entry rewritten
    }
}

void PageCache::store(const std::string& key, const CacheEntry& entry, const std::string& document) const {
    if (entry.readings.empty()) {
        return;
    }
    const auto target = dir_ / (key + ".json");
    const auto temporary =
        dir_ / fmt::format("{}.{}.tmp", key, std::hash<std::thread::id>{}(std::this_thread::get_id()));
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        const StageTimings& t = entry.timings;
        const json ms = {{"all", t.ocr_ms},
                         {"page", t.ocr_page_ms},
                         {"missed_text", t.ocr_missed_text_ms},
                         {"line", t.ocr_line_ms},
                         {"second_reading", t.ocr_second_ms}};
        out << R"({"document":)" << json(document).dump() << R"(,"ocr_ms":)" << ms.dump() << R"(,"readings":[)";
        for (std::size_t r = 0; r < entry.readings.size(); ++r) {
            out << (r > 0 ? "," : "") << pages_to_json(entry.readings[r]);
        }
        out << "]}\n";
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
                json entry = {{"t", word.text}, {"c", word.confidence}, {"b", box_json(word.box)}};
                if (!word.alternatives.empty()) {
                    entry["a"] = word.alternatives;
                }
                words.push_back(std::move(entry));
            }
            json entry = {{"block", line.block}, {"b", box_json(line.box)}, {"words", std::move(words)}};
            if (line.pass != ReadingPass::page) {
                entry["p"] = std::string(to_string(line.pass));
            }
            lines.push_back(std::move(entry));
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
            line.pass = pass_from(l.value("p", std::string("page")));
            for (const auto& w : l.at("words")) {
                line.words.push_back(TextWord{w.at("t").get<std::string>(), w.at("c").get<float>(), box_from(w.at("b")),
                                              w.value("a", std::vector<std::string>{})});
            }
            page.lines.push_back(std::move(line));
        }
        pages.push_back(std::move(page));
    }
    return pages;
}

std::string cache_setup(const PipelineOptions& p) {
    // The version changes with the second reading's own cleaning (v5: a page found in a photo scaled up to 2000 px)
    // and with what the first reading reads (v6: the text OCR's page layout left out; v7: lines read again one by
    // one, every reading kept with its pass and OCR time, the second reading always made; v8: the recogniser's
    // runner-up digits kept as word alternatives; v9: the pictures of text-layer pages always read; v10: small print
    // scaled up, isolated dots removed, the missed-text pass limited to the blocks of ink left). Pages read in their
    // language's model (ocr_by_language), pages whose lines a learned detector found and pages read with another
    // tessdata folder are keyed apart.
    const auto& c = p.preprocess;
    const std::string detector = line_detector_model(p.ocr);
    return fmt::format(
        "v10 force_ocr={} digit_alternatives={} dpi={} lang={} psm={} denoise={} min_noise={} find_page={} "
        "threshold={} method={} min_height={} min_text_height={} despeckle={} min_page_height={} max_pixels={} "
        "second_reading={} missed_text={} lines={}{}{}{}{}",
        p.force_ocr, p.ocr.digit_alternatives, p.load.dpi, p.ocr.language, p.ocr.page_segmentation, c.denoise,
        c.denoise_min_noise, c.find_page, c.threshold, static_cast<int>(c.threshold_method), c.min_height,
        c.min_text_height, c.despeckle, c.min_page_height, c.max_pixels, true, p.read_missed_text,
        true, // every reading is made and kept; the options choose among them at replay
        p.line_ocr ? fmt::format(" line_lang={} line_tessdata={}", p.line_ocr->language, p.line_ocr->tessdata_path)
                   : std::string(),
        p.ocr_by_language ? " ocr_by_language" : "",
        detector.empty() ? std::string() : fmt::format(" line_detector={}", detector),
        p.ocr.tessdata_path.empty() ? std::string() : fmt::format(" tessdata={}", p.ocr.tessdata_path));
}

} // namespace docextract::eval
