// SPDX-License-Identifier: MIT
#pragma once

// The web page, the API docs page and openapi.json, compiled into the server (CMake generates the data file
// from web/ at build time), so the binary serves them with no files beside it and no external requests.

#include <span>
#include <string_view>

namespace docextract::service {

struct WebAsset {
    std::string_view name;         ///< File name in web/, e.g. "app.js".
    std::string_view content_type; ///< e.g. "text/javascript; charset=utf-8".
    std::string_view body;
};

/// All embedded files (defined in the generated web_assets_data.cpp).
std::span<const WebAsset> web_assets() noexcept;

/// The asset with this file name, or nullptr.
const WebAsset* find_web_asset(std::string_view name) noexcept;

} // namespace docextract::service
