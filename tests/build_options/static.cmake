# SPDX-License-Identifier: MIT
# cmake -P script of the cmake_static_library test: BUILD_SHARED_LIBS=OFF builds a static libdocextract and the CLI
# linked with it; the tree then passes the same install test as the shared build (tests/install/run.cmake, with
# -DSTATIC=ON): installed CLI runs, find_package and pkg-config consumers build and run.
cmake_minimum_required(VERSION 3.22)
file(REMOVE_RECURSE ${WORK_DIR})
function(run_step)
    execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "step failed (${rc}): ${ARGV}\n${out}\n${err}")
    endif()
endfunction()
set(build ${WORK_DIR}/build)
run_step(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${build} -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
         -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DDOCEXTRACT_BUILD_TESTS=OFF -DDOCEXTRACT_BUILD_EXAMPLES=OFF
         -DDOCEXTRACT_BUILD_TOOLS=OFF -DDOCEXTRACT_BUILD_BENCH=OFF)
run_step(${CMAKE_COMMAND} --build ${build} --parallel 2)
if(NOT EXISTS ${build}/src/libdocextract.a)
    message(FATAL_ERROR "BUILD_SHARED_LIBS=OFF built no src/libdocextract.a")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -DBUILD_DIR=${build} -DSOURCE_DIR=${SOURCE_DIR}/tests/install/consumer
                        -DWORK_DIR=${WORK_DIR}/install-test -DGOLDEN_DIR=${SOURCE_DIR}/tests/golden -DLIBDIR=${LIBDIR}
                        -DINCLUDEDIR=${INCLUDEDIR} -DMANDIR=${MANDIR} -DVERSION=${VERSION} -DPKG_CONFIG=${PKG_CONFIG}
                        -DCXX=${CXX} -DSTATIC=ON -P ${SOURCE_DIR}/tests/install/run.cmake
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the static build's install test failed (${rc})")
endif()
message(STATUS "BUILD_SHARED_LIBS=OFF: static library, CLI and both consumers work")
file(REMOVE_RECURSE ${WORK_DIR})
