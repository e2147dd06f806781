// SPDX-License-Identifier: MIT
// Leaks LeakSanitizer must not count, compiled into the programs of sanitizer builds (unit tests, fuzz targets).
// Only third-party libraries belong here, each with the reason; a leak in docextract's own code is fixed, never
// listed. The sanitizer runtime reads this hook at start-up, so no LSAN_OPTIONS are needed. It must be visible in
// the program's dynamic symbol table (the build hides symbols by default): gcc's runtime is a shared library that
// looks the hook up there.

extern "C" {

// NOLINTNEXTLINE(bugprone-reserved-identifier,cert-dcl37-c,cert-dcl51-cpp): the name the runtime looks up.
__attribute__((visibility("default"))) const char* __lsan_default_suppressions();

__attribute__((visibility("default"))) const char* __lsan_default_suppressions() {
    // poppler asks fontconfig for a substitute font the first time a page names one it does not embed; fontconfig
    // keeps the pattern it builds for that in its process-wide cache, which is never freed.
    return "leak:libfontconfig.so\n";
}
}
