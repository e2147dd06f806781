# SPDX-License-Identifier: MIT
# cmake -P script: install the already-built tree, then build and run a consumer against the installed package.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)

function(run_step)
    execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "step failed (${rc}): ${ARGV}\n${out}\n${err}")
    endif()
    set(step_output "${out}" PARENT_SCOPE)
endfunction()

run_step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(expected include/docextract/docextract.hpp include/docextract/version.hpp bin/docextract)
    if(NOT EXISTS ${prefix}/${expected})
        message(FATAL_ERROR "install is missing ${expected}")
    endif()
endforeach()
run_step(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${prefix}
         -DCMAKE_BUILD_TYPE=Release)
run_step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run_step(${WORK_DIR}/build/consumer ${GOLDEN_DIR}/invoice.png)
message(STATUS "consumer output:\n${step_output}")
if(NOT step_output MATCHES "summary: [0-9] of 5 fields extracted confidently")
    message(FATAL_ERROR "consumer printed no summary")
endif()
