# SPDX-License-Identifier: MIT
# docextract_hex_initializer(FILE BYTES SIZE): the bytes of FILE as a C++ initializer list ("0x41,0x42,...", 32 to
# a line) in BYTES and their count in SIZE. An empty file is an error. Shared by the embed_*.cmake scripts.
function(docextract_hex_initializer file out_bytes out_size)
    file(READ "${file}" hex HEX)
    string(LENGTH "${hex}" hex_length)
    if(hex_length EQUAL 0)
        message(FATAL_ERROR "embedding: ${file} is empty")
    endif()
    math(EXPR size "${hex_length} / 2")
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
    # Lines of 32 bytes keep compilers and editors comfortable.
    string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
    set(${out_bytes} "${bytes}" PARENT_SCOPE)
    set(${out_size} "${size}" PARENT_SCOPE)
endfunction()
