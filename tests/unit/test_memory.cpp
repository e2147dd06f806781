// SPDX-License-Identifier: MIT
#include <docextract/memory.hpp>

#include <doctest/doctest.h>

#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

// AddressSanitizer and ThreadSanitizer bring their own allocator in place of glibc's (gcc and clang spellings).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define DOCEXTRACT_TEST_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define DOCEXTRACT_TEST_OWN_ALLOCATOR 1
#endif
#endif

TEST_SUITE("memory") {
    TEST_CASE("page-sized buffers come from the heap once reuse_page_buffers is called") {
#if defined(DOCEXTRACT_TEST_OWN_ALLOCATOR)
        // A sanitizer's allocator has no such setting: the call says so.
        CHECK_FALSE(docextract::reuse_page_buffers());
#elif defined(__GLIBC__)
        REQUIRE(docextract::reuse_page_buffers());
        // An 8 MB block (a 600-dpi page row band, a detector activation) is no longer mapped on its own: the bytes in
        // mapped blocks stay as they were while it is held.
        const std::size_t mapped_before = ::mallinfo2().hblkhd;
        void* block = std::malloc(8U << 20);
        REQUIRE(block != nullptr);
        CHECK(::mallinfo2().hblkhd == mapped_before);
        std::free(block);
        // Above the limit, blocks are still mapped (and returned to the system when freed).
        void* large = std::malloc(64U << 20);
        REQUIRE(large != nullptr);
        CHECK(::mallinfo2().hblkhd >= mapped_before + (64U << 20));
        std::free(large);
#else
        CHECK_FALSE(docextract::reuse_page_buffers());
#endif
    }
}
