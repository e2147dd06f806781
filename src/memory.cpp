// SPDX-License-Identifier: MIT
#include <docextract/memory.hpp>

#include <cstdlib> // defines __GLIBC__ on glibc systems

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace docextract {

namespace {

/// Blocks up to this size come from the heap and are reused. glibc's default starts at 128 KiB and rises only as
/// mapped blocks are freed, so many of the image, Tesseract and line detector buffers of each page (several MB each)
/// were mapped, zeroed by the kernel and unmapped again (docs/performance.md, "Page buffers").
constexpr int heap_block_limit = 32 << 20;

} // namespace

bool reuse_page_buffers() noexcept {
#if defined(__GLIBC__)
    return ::mallopt(M_MMAP_THRESHOLD, heap_block_limit) == 1;
#else
    return false;
#endif
}

} // namespace docextract
