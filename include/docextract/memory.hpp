// SPDX-License-Identifier: MIT
#pragma once
#include <docextract/export.hpp>

namespace docextract {

/// Lets this process reuse freed page-sized buffers instead of mapping fresh memory for each page (glibc); call once
/// at start-up, before threads start. Returns false where the C library has no such setting.
DOCEXTRACT_API bool reuse_page_buffers() noexcept;

} // namespace docextract
