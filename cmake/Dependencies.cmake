# SPDX-License-Identifier: MIT
# Finds the Debian-packaged dependencies and wraps them in imported targets.
find_package(PkgConfig REQUIRED)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract lept)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(PCRE2 REQUIRED IMPORTED_TARGET libpcre2-8)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(pugixml 1.11 REQUIRED) # embedded e-invoice XML (src/einvoice/)
find_package(DocextractOpenCV REQUIRED) # cmake/FindDocextractOpenCV.cmake: only the modules we use
