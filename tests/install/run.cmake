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
# The installed program runs from the prefix alone: the library is found through its RPATH, nothing from the build
# tree or the environment.
run_step(${CMAKE_COMMAND} -E env --unset=LD_LIBRARY_PATH ${prefix}/bin/docextract ${GOLDEN_DIR}/invoice.png --json)
string(JSON fields_type ERROR_VARIABLE json_error TYPE "${step_output}" fields)
if(NOT fields_type STREQUAL "OBJECT")
    message(FATAL_ERROR "installed docextract printed no \"fields\" object (${json_error}):\n${step_output}")
endif()
string(JSON field_count LENGTH "${step_output}" fields)
string(JSON total_type TYPE "${step_output}" fields total)
if(field_count LESS 5 OR NOT total_type STREQUAL "OBJECT")
    message(FATAL_ERROR "installed docextract printed ${field_count} fields, no total:\n${step_output}")
endif()
message(STATUS "installed docextract: ${field_count} fields")

run_step(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -DCMAKE_PREFIX_PATH=${prefix}
         -DCMAKE_BUILD_TYPE=Release)
run_step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run_step(${WORK_DIR}/build/consumer ${GOLDEN_DIR}/invoice.png)
message(STATUS "consumer output:\n${step_output}")
if(NOT step_output MATCHES "summary: [0-9] of 5 fields extracted confidently")
    message(FATAL_ERROR "consumer printed no summary")
endif()
