# SPDX-License-Identifier: MIT
# cmake -P script, run by the cmake_build_options test.
cmake_minimum_required(VERSION 3.22)
file(REMOVE_RECURSE ${WORK_DIR})
file(REAL_PATH ${SOURCE_DIR} source)

function(run_step)
    execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "step failed (${rc}): ${ARGV}\n${out}\n${err}")
    endif()
    set(step_output "${out}${err}" PARENT_SCOPE)
endfunction()

# Fails when `file` names a path that starts inside the source tree and climbs out of it ("<source>/../x"),
# the way a CMake file reaching for a sibling checkout shows up in the configured build.
function(check_no_escape file)
    file(READ ${file} text)
    set(needle "${source}/..")
    string(LENGTH "${needle}" needle_length)
    string(FIND "${text}" "${needle}" at)
    while(at GREATER_EQUAL 0)
        string(SUBSTRING "${text}" ${at} 400 rest)
        string(REGEX MATCH "^[^\"' ;\\\n]+" path "${rest}") # up to a quote, space, ';', backslash or newline
        cmake_path(NORMAL_PATH path OUTPUT_VARIABLE normal)
        cmake_path(IS_PREFIX source "${normal}" NORMALIZE inside)
        if(NOT inside)
            message(FATAL_ERROR "${file} uses ${path}, outside the repository")
        endif()
        math(EXPR from "${at} + ${needle_length}")
        string(SUBSTRING "${text}" ${from} -1 text)
        string(FIND "${text}" "${needle}" at)
    endwhile()
endfunction()

# 1. This build (configured with the project's defaults): compile commands, test commands and build rules.
set(used ${BUILD_DIR}/compile_commands.json)
file(GLOB_RECURSE test_files ${BUILD_DIR}/CTestTestfile.cmake)
list(APPEND used ${test_files})
foreach(rules build.ninja Makefile)
    if(EXISTS ${BUILD_DIR}/${rules})
        list(APPEND used ${BUILD_DIR}/${rules})
    endif()
endforeach()
foreach(file IN LISTS used)
    if(EXISTS ${file})
        check_no_escape(${file})
    endif()
endforeach()
list(LENGTH used checked)
message(STATUS "no path outside ${source} in ${checked} files of the build")

# 2. DOCEXTRACT_BUILD_TOOLS=OFF leaves out tools/eval and what needs it (the throughput benchmark); the rest of
#    bench/ is still built. Tests and examples off to keep the configure short.
run_step(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
         -DDOCEXTRACT_BUILD_TOOLS=OFF -DDOCEXTRACT_BUILD_BENCH=ON -DDOCEXTRACT_BUILD_TESTS=OFF
         -DDOCEXTRACT_BUILD_EXAMPLES=OFF)
if(NOT step_output MATCHES "docextract-bench-throughput not built")
    message(FATAL_ERROR "configure with DOCEXTRACT_BUILD_TOOLS=OFF did not say the throughput benchmark is left out:\n"
                        "${step_output}")
endif()
run_step(${CMAKE_COMMAND} --build ${WORK_DIR} --target help)
set(targets "${step_output}")
foreach(absent docextract_eval docextract_eval_core docextract-bench-throughput)
    if(targets MATCHES "(^|[\n /])${absent}[:\n ]")
        message(FATAL_ERROR "${absent} is a target although DOCEXTRACT_BUILD_TOOLS=OFF:\n${targets}")
    endif()
endforeach()
foreach(present docextract docextract_cli docextract-bench-pdf)
    if(NOT targets MATCHES "(^|[\n /])${present}[:\n ]")
        message(FATAL_ERROR "${present} is missing with DOCEXTRACT_BUILD_TOOLS=OFF:\n${targets}")
    endif()
endforeach()
check_no_escape(${WORK_DIR}/compile_commands.json)

# 3. With the defaults (this build) the tools are there.
if(NOT EXISTS ${BUILD_DIR}/tools/eval/CMakeFiles)
    message(FATAL_ERROR "tools/eval is not configured in ${BUILD_DIR}, although DOCEXTRACT_BUILD_TOOLS defaults to ON")
endif()
message(STATUS "DOCEXTRACT_BUILD_TOOLS=OFF: no eval tool, no throughput benchmark; the rest builds")
file(REMOVE_RECURSE ${WORK_DIR})
