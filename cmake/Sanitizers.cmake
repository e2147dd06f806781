# SPDX-License-Identifier: MIT
# DOCEXTRACT_SANITIZE: sanitizers compiled into every target of the build (e.g. "address,undefined"), for gcc and
# clang. Undefined behaviour aborts instead of printing and going on, so a test that triggers it fails.
# DOCEXTRACT_BUILD_FUZZERS additionally instruments everything for libFuzzer's coverage (clang only) and defaults
# the sanitizers to address,undefined.
set(DOCEXTRACT_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address,undefined (empty: none)")

if(DOCEXTRACT_BUILD_FUZZERS)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "DOCEXTRACT_BUILD_FUZZERS needs clang (libFuzzer), not ${CMAKE_CXX_COMPILER_ID}: "
                            "configure with -DCMAKE_CXX_COMPILER=clang++")
    endif()
    if(DOCEXTRACT_SANITIZE STREQUAL "")
        set(DOCEXTRACT_SANITIZE address,undefined)
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(NOT DOCEXTRACT_SANITIZE STREQUAL "")
    if(MSVC)
        message(FATAL_ERROR "DOCEXTRACT_SANITIZE is for gcc and clang")
    endif()
    add_compile_options(-fsanitize=${DOCEXTRACT_SANITIZE} -fno-omit-frame-pointer)
    add_link_options(-fsanitize=${DOCEXTRACT_SANITIZE})
    if(DOCEXTRACT_SANITIZE MATCHES "undefined")
        add_compile_options(-fno-sanitize-recover=undefined)
        add_link_options(-fno-sanitize-recover=undefined)
    endif()
    message(STATUS "docextract: built with -fsanitize=${DOCEXTRACT_SANITIZE}")
endif()
