// SPDX-License-Identifier: MIT
#pragma once

/// Marks a symbol as part of docextract's exported ABI (symbols are hidden by default).
#if defined(_WIN32)
#define DOCEXTRACT_API __declspec(dllexport)
#else
#define DOCEXTRACT_API __attribute__((visibility("default")))
#endif
