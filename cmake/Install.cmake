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
