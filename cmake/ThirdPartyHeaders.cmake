# The header-only libraries come from the system (Debian: libcereal-dev, rapidjson-dev, doctest-dev).
# Emscripten's sysroot hides /usr/include, and adding -I/usr/include would let glibc's headers shadow the wasm
# libc. So for every build we expose a folder that holds links to these three libraries and nothing else.
set(_pathwise_header_dirs)
foreach(_lib IN ITEMS cereal rapidjson doctest)
  find_path(PATHWISE_${_lib}_PARENT NAMES ${_lib}
    HINTS /usr/include /usr/local/include
    NO_CMAKE_FIND_ROOT_PATH
    DOC "Folder that contains the ${_lib}/ header folder")
  if(NOT PATHWISE_${_lib}_PARENT)
    message(FATAL_ERROR "${_lib} headers not found: run `bash cmake/setup.sh` (Debian) or install ${_lib} "
                        "and pass -DPATHWISE_${_lib}_PARENT=<folder containing ${_lib}/>")
  endif()
endforeach()

set(PATHWISE_THIRD_PARTY_INCLUDE "${CMAKE_BINARY_DIR}/third_party_include")
file(MAKE_DIRECTORY "${PATHWISE_THIRD_PARTY_INCLUDE}")
foreach(_lib IN ITEMS cereal rapidjson doctest)
  file(CREATE_LINK "${PATHWISE_${_lib}_PARENT}/${_lib}" "${PATHWISE_THIRD_PARTY_INCLUDE}/${_lib}" SYMBOLIC)
endforeach()

add_library(pathwise_third_party_headers INTERFACE)
target_include_directories(pathwise_third_party_headers SYSTEM INTERFACE "${PATHWISE_THIRD_PARTY_INCLUDE}")

# rapidjson's checks are defined once for every C++ file (cmake/rapidjson_config.h says why), by including that
# header first everywhere. (A function-like macro cannot be given as a -D definition through CMake.)
set(PATHWISE_RAPIDJSON_CONFIG "${CMAKE_CURRENT_LIST_DIR}/rapidjson_config.h")
target_compile_options(pathwise_third_party_headers INTERFACE
  "$<$<COMPILE_LANGUAGE:CXX>:SHELL:-include ${PATHWISE_RAPIDJSON_CONFIG}>")
