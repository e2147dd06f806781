# SPDX-License-Identifier: MIT
include(CMakePackageConfigHelpers)
set(DOCEXTRACT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/docextract)

install(TARGETS docextract EXPORT docextractTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/docextract DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.hpp")
install(FILES ${PROJECT_BINARY_DIR}/include/docextract/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/docextract)
install(EXPORT docextractTargets NAMESPACE docextract:: DESTINATION ${DOCEXTRACT_CMAKE_DIR})

# A static library brings its dependencies to the consumer: the package config finds them again (with the OpenCV
# finder installed beside it) and pkg-config lists them for --static.
get_target_property(_docextract_type docextract TYPE)
if(_docextract_type STREQUAL "STATIC_LIBRARY")
    set(DOCEXTRACT_STATIC ON)
    install(FILES ${PROJECT_SOURCE_DIR}/cmake/FindDocextractOpenCV.cmake DESTINATION ${DOCEXTRACT_CMAKE_DIR})
else()
    set(DOCEXTRACT_STATIC OFF)
endif()

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/docextractConfig.cmake.in
    ${PROJECT_BINARY_DIR}/docextractConfig.cmake INSTALL_DESTINATION ${DOCEXTRACT_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/docextractConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/docextractConfig.cmake ${PROJECT_BINARY_DIR}/docextractConfigVersion.cmake
        DESTINATION ${DOCEXTRACT_CMAKE_DIR})

# pkg-config: docextract.pc in <libdir>/pkgconfig. The shared library's dependencies are private, so it has no
# Requires line; the static library lists its dependencies, to be linked with it. Paths are relative to the file
# (${pcfiledir}) unless the install directories are absolute.
set(DOCEXTRACT_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
if(IS_ABSOLUTE "${DOCEXTRACT_PC_DIR}")
    set(DOCEXTRACT_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
else()
    file(RELATIVE_PATH _pc_to_prefix "/prefix/${DOCEXTRACT_PC_DIR}" "/prefix")
    string(REGEX REPLACE "/$" "" _pc_to_prefix "${_pc_to_prefix}")
    set(DOCEXTRACT_PC_PREFIX "\${pcfiledir}/${_pc_to_prefix}")
endif()
foreach(_kind LIBDIR INCLUDEDIR)
    if(IS_ABSOLUTE "${CMAKE_INSTALL_${_kind}}")
        set(DOCEXTRACT_PC_${_kind} "${CMAKE_INSTALL_${_kind}}")
    else()
        set(DOCEXTRACT_PC_${_kind} "\${prefix}/${CMAKE_INSTALL_${_kind}}")
    endif()
endforeach()
set(DOCEXTRACT_PC_REQUIRES "")
set(DOCEXTRACT_PC_LIBS_STATIC "")
if(DOCEXTRACT_STATIC)
    # Requires, not Requires.private: `pkg-config --static` would add the private libraries of Debian's lept.pc
    # (libtiff, libwebp, ...), whose -dev packages need not be installed. OpenCV's modules are found without
    # opencv4.pc (libopencv-dev), so they are named as libraries.
    set(DOCEXTRACT_PC_REQUIRES "Requires: tesseract lept poppler-cpp libpcre2-8 fmt pugixml")
    foreach(_module core imgproc imgcodecs photo dnn)
        string(APPEND DOCEXTRACT_PC_LIBS_STATIC " -lopencv_${_module}")
    endforeach()
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/docextract.pc.in ${PROJECT_BINARY_DIR}/docextract.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/docextract.pc DESTINATION ${DOCEXTRACT_PC_DIR})
