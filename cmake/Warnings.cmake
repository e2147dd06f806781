# SPDX-License-Identifier: MIT
# docextract_warnings: a non-exported INTERFACE target carrying the project's warning flags.
add_library(docextract_warnings INTERFACE)
if(MSVC)
    target_compile_options(docextract_warnings INTERFACE /W4)
    if(DOCEXTRACT_WARNINGS_AS_ERRORS)
        target_compile_options(docextract_warnings INTERFACE /WX)
    endif()
else()
    target_compile_options(docextract_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                                         -Wsign-conversion -Wnon-virtual-dtor -Wold-style-cast)
    if(DOCEXTRACT_WARNINGS_AS_ERRORS)
        target_compile_options(docextract_warnings INTERFACE -Werror)
    endif()
endif()
