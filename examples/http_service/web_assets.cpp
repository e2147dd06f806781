// SPDX-License-Identifier: MIT
#include "web_assets.hpp"

namespace docextract::service {

const WebAsset* find_web_asset(std::string_view name) noexcept {
    for (const WebAsset& asset : web_assets()) {
        if (asset.name == name) {
            return &asset;
        }
    }
    return nullptr;
}

} // namespace docextract::service
