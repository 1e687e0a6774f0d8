# Dear ImGui 1.90.1, compiled from source into a static library for the web client.
# Where the sources come from, in order:
#   1. -DIMGUI_SOURCE_DIR=<folder with imgui.h>          (any copy of the v1.90.1 sources)
#   2. /var/cache/pathwise/imgui-1.90.1                   (cmake/setup.sh unpacks Debian's checksummed tarball there)
#   3. FetchContent of upstream tag v1.90.1               (machines that are not Debian; needs network access)
set(PATHWISE_IMGUI_VERSION 1.90.1)
set(_imgui_default "$ENV{PATHWISE_DEPS_DIR}")
if(NOT _imgui_default)
  set(_imgui_default /var/cache/pathwise)
endif()
set(_imgui_default "${_imgui_default}/imgui-${PATHWISE_IMGUI_VERSION}")
if(NOT IMGUI_SOURCE_DIR AND EXISTS "${_imgui_default}/imgui.h")
  set(IMGUI_SOURCE_DIR "${_imgui_default}" CACHE PATH "Dear ImGui ${PATHWISE_IMGUI_VERSION} sources")
endif()

if(NOT IMGUI_SOURCE_DIR)
  message(STATUS "Dear ImGui: no local sources; fetching upstream tag v${PATHWISE_IMGUI_VERSION}")
  include(FetchContent)
  FetchContent_Declare(imgui
    GIT_REPOSITORY https://github.com/ocornut/imgui.git
    GIT_TAG v${PATHWISE_IMGUI_VERSION}
    GIT_SHALLOW TRUE)
  FetchContent_MakeAvailable(imgui)
  set(IMGUI_SOURCE_DIR "${imgui_SOURCE_DIR}" CACHE PATH "Dear ImGui ${PATHWISE_IMGUI_VERSION} sources" FORCE)
endif()

file(STRINGS "${IMGUI_SOURCE_DIR}/imgui.h" _imgui_version_line REGEX "^#define IMGUI_VERSION +\"")
if(NOT _imgui_version_line MATCHES "\"${PATHWISE_IMGUI_VERSION}\"")
  message(FATAL_ERROR "${IMGUI_SOURCE_DIR}/imgui.h is not Dear ImGui ${PATHWISE_IMGUI_VERSION}: ${_imgui_version_line}")
endif()
message(STATUS "Dear ImGui ${PATHWISE_IMGUI_VERSION}: ${IMGUI_SOURCE_DIR}")

add_library(imgui STATIC
  "${IMGUI_SOURCE_DIR}/imgui.cpp"
  "${IMGUI_SOURCE_DIR}/imgui_draw.cpp"
  "${IMGUI_SOURCE_DIR}/imgui_tables.cpp"
  "${IMGUI_SOURCE_DIR}/imgui_widgets.cpp"
  "${IMGUI_SOURCE_DIR}/backends/imgui_impl_opengl3.cpp")
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_SOURCE_DIR}" "${IMGUI_SOURCE_DIR}/backends")
target_compile_definitions(imgui PUBLIC
  IMGUI_ENABLE_TEST_ENGINE             # item hooks feed the test hook (and later the accessibility mirror)
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS
  IMGUI_DISABLE_OBSOLETE_KEYIO
  IMGUI_DISABLE_DEFAULT_FONT           # we embed Noto Sans; ProggyClean would only add bytes
  IMGUI_DISABLE_FILE_FUNCTIONS         # no imgui.ini: layout is the app's, state lives in the learner store
  IMGUI_IMPL_OPENGL_ES3)
