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

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/docextractConfig.cmake.in
    ${PROJECT_BINARY_DIR}/docextractConfig.cmake INSTALL_DESTINATION ${DOCEXTRACT_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/docextractConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/docextractConfig.cmake ${PROJECT_BINARY_DIR}/docextractConfigVersion.cmake
        DESTINATION ${DOCEXTRACT_CMAKE_DIR})

# pkg-config: docextract.pc in <libdir>/pkgconfig. The shared library's dependencies are private, so there is no
# Requires line. Paths are relative to the file (${pcfiledir}) unless the install directories are absolute.
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
configure_file(${PROJECT_SOURCE_DIR}/cmake/docextract.pc.in ${PROJECT_BINARY_DIR}/docextract.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/docextract.pc DESTINATION ${DOCEXTRACT_PC_DIR})
