# SPDX-License-Identifier: MIT
# Finds the OpenCV modules docextract uses (core, imgproc, imgcodecs, photo, dnn) without requiring the
# full libopencv-dev meta package, which is what ships OpenCVConfig.cmake on Debian.
# Defines the imported target docextract_opencv.
find_package(OpenCV QUIET COMPONENTS core imgproc imgcodecs photo dnn)
if(OpenCV_FOUND)
    add_library(docextract_opencv INTERFACE IMPORTED)
    target_link_libraries(docextract_opencv INTERFACE ${OpenCV_LIBS})
    target_include_directories(docextract_opencv SYSTEM INTERFACE ${OpenCV_INCLUDE_DIRS})
    set(DocextractOpenCV_FOUND TRUE)
    return()
endif()

find_path(DocextractOpenCV_INCLUDE_DIR opencv2/core.hpp PATH_SUFFIXES opencv4)
set(_docextract_cv_libs)
foreach(_module core imgproc imgcodecs photo dnn)
    find_library(DocextractOpenCV_${_module}_LIBRARY NAMES opencv_${_module})
    list(APPEND _docextract_cv_libs ${DocextractOpenCV_${_module}_LIBRARY})
    mark_as_advanced(DocextractOpenCV_${_module}_LIBRARY)
endforeach()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(DocextractOpenCV REQUIRED_VARS DocextractOpenCV_INCLUDE_DIR
    DocextractOpenCV_core_LIBRARY DocextractOpenCV_imgproc_LIBRARY DocextractOpenCV_imgcodecs_LIBRARY
    DocextractOpenCV_photo_LIBRARY DocextractOpenCV_dnn_LIBRARY)
if(DocextractOpenCV_FOUND AND NOT TARGET docextract_opencv)
    add_library(docextract_opencv INTERFACE IMPORTED)
    target_link_libraries(docextract_opencv INTERFACE ${_docextract_cv_libs})
    target_include_directories(docextract_opencv SYSTEM INTERFACE ${DocextractOpenCV_INCLUDE_DIR})
endif()
mark_as_advanced(DocextractOpenCV_INCLUDE_DIR)
