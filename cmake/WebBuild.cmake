# The web half of the native build: configures this same source tree with Emscripten's toolchain in
# <build>/web (an ExternalProject, rebuilt incrementally on every build) and registers what runs on its output:
# the core's tests compiled to wasm (under Node), the browser end-to-end suites, `serve` and `bench`.
option(PATHWISE_WEB "Also build the web client and the wasm tests (needs Emscripten)" ON)
if(NOT PATHWISE_WEB)
  return()
endif()

include(ExternalProject)

find_program(EMCC_EXECUTABLE emcc)
if(NOT EMCC_EXECUTABLE)
  message(FATAL_ERROR "emcc not found: run `bash cmake/setup.sh`, or configure with -DPATHWISE_WEB=OFF for a "
                      "native-only build")
endif()
get_filename_component(_emcc_real "${EMCC_EXECUTABLE}" REALPATH)
get_filename_component(_emscripten_root "${_emcc_real}" DIRECTORY)
set(PATHWISE_EMSCRIPTEN_TOOLCHAIN "${_emscripten_root}/cmake/Modules/Platform/Emscripten.cmake"
    CACHE FILEPATH "Emscripten's CMake toolchain file")

find_program(NODE_EXECUTABLE NAMES node nodejs REQUIRED)
find_program(PYTHON3_EXECUTABLE python3 REQUIRED)

# Forward a Dear ImGui override given to this build (otherwise the web build finds the sources itself).
set(_web_extra_args)
if(IMGUI_SOURCE_DIR)
  list(APPEND _web_extra_args "-DIMGUI_SOURCE_DIR=${IMGUI_SOURCE_DIR}")
endif()

set(PATHWISE_WEB_BINARY_DIR "${CMAKE_BINARY_DIR}/web")
set(PATHWISE_WEB_DIST "${PATHWISE_WEB_BINARY_DIR}/dist")

# Debian's emcc needs Node's acorn from /usr/share/nodejs, which a NodeSource Node does not search.
set(_emscripten_env "${CMAKE_COMMAND}" -E env NODE_PATH=/usr/share/nodejs)

ExternalProject_Add(web
  SOURCE_DIR "${CMAKE_SOURCE_DIR}"
  BINARY_DIR "${PATHWISE_WEB_BINARY_DIR}"
  CONFIGURE_COMMAND ${_emscripten_env} "${CMAKE_COMMAND}" -S "${CMAKE_SOURCE_DIR}" -B "${PATHWISE_WEB_BINARY_DIR}"
    -G "${CMAKE_GENERATOR}"
    "-DCMAKE_TOOLCHAIN_FILE=${PATHWISE_EMSCRIPTEN_TOOLCHAIN}"
    # emcmake's default emulator adds a flag Node 20 rejects; name Node plainly.
    "-DCMAKE_CROSSCOMPILING_EMULATOR=${NODE_EXECUTABLE}"
    "-DCMAKE_BUILD_TYPE=Release"
    ${_web_extra_args}
    "-DBUILD_TESTING=ON"
  BUILD_COMMAND ${_emscripten_env} "${CMAKE_COMMAND}" --build "${PATHWISE_WEB_BINARY_DIR}"
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON
  USES_TERMINAL_CONFIGURE ON
  USES_TERMINAL_BUILD ON)

if(BUILD_TESTING)
  # The core's doctest suites compiled to wasm. Node 20's global fetch confuses Emscripten 3.1.6's loader; the
  # binary is linked with synchronous instantiation and the flag keeps Node from offering fetch at all.
  add_test(NAME unit-wasm
    COMMAND "${NODE_EXECUTABLE}" --no-experimental-fetch "${PATHWISE_WEB_BINARY_DIR}/tests/pathwise_unit_tests.js" --no-colors)

  # Browser end-to-end suites: each file under tests/e2e/*.test.mjs is one ctest test `e2e-<name>`.
  file(GLOB _e2e_suites CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/tests/e2e/*.test.mjs")
  foreach(_suite IN LISTS _e2e_suites)
    get_filename_component(_name "${_suite}" NAME)
    string(REPLACE ".test.mjs" "" _name "${_name}")
    add_test(NAME e2e-${_name}
      COMMAND "${NODE_EXECUTABLE}" --test --test-reporter=spec "${_suite}")
    set_tests_properties(e2e-${_name} PROPERTIES
      # PATHWISE_CLI: the native `pathwise` command, for suites that make what a school would (e2e-scorm packages
      # the built site with it).
      ENVIRONMENT "PATHWISE_DIST=${PATHWISE_WEB_DIST};PATHWISE_ARTIFACTS=${CMAKE_BINARY_DIR}/e2e-artifacts;PATHWISE_CLI=$<TARGET_FILE:pathwise_cli>"
      TIMEOUT 300
      LABELS browser
      RUN_SERIAL ON)   # two cores: one headless Chromium at a time keeps timings honest
  endforeach()
endif()

# `cmake --build --preset serve`: builds the web client and serves it at http://127.0.0.1:8080/ (Ctrl-C stops).
set(PATHWISE_SERVE_PORT 8080 CACHE STRING "Port of the development server")
add_custom_target(serve
  COMMAND "${CMAKE_COMMAND}" -E echo "Pathwise is served at http://127.0.0.1:${PATHWISE_SERVE_PORT}/  (Ctrl-C stops the server)"
  COMMAND "${PYTHON3_EXECUTABLE}" -u -m http.server --bind 127.0.0.1 --directory "${PATHWISE_WEB_DIST}" ${PATHWISE_SERVE_PORT}
  DEPENDS web
  USES_TERMINAL
  VERBATIM)

# `cmake --build --preset bench`: the skeleton benchmark (figures, not a pass/fail test).
add_custom_target(bench
  COMMAND "${CMAKE_COMMAND}" -E env "PATHWISE_DIST=${PATHWISE_WEB_DIST}"
          "${NODE_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/bench/skeleton.bench.mjs"
  DEPENDS web
  USES_TERMINAL
  VERBATIM)

# `cmake --build build --target bench-bundle`: parse + validate a generated 10 MB bundle natively and as wasm under
# Node; MB/s, wasm/native ratio, peak memory, budgets (figures, not pass/fail).
if(TARGET pathwise_bundle_bench)
  set(PATHWISE_BUNDLE_BENCH_ARGS "--runs=9" CACHE STRING "Arguments for pathwise_bundle_bench (a ;-list)")
  add_custom_target(bench-bundle
    COMMAND "${NODE_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/bench/bundle.bench.mjs"
            "--native=$<TARGET_FILE:pathwise_bundle_bench>"
            "--wasm=${PATHWISE_WEB_BINARY_DIR}/tests/bench/pathwise_bundle_bench.js"
            -- ${PATHWISE_BUNDLE_BENCH_ARGS}
    DEPENDS web pathwise_bundle_bench
    USES_TERMINAL
    VERBATIM)
endif()
# `cmake --build build --target bench-learner`: the learner model's figures (fold, next choice natively and as
# wasm, BKT fitting, simulated students on the three courses) next to issue 4's budgets (figures, not pass/fail).
if(TARGET pathwise_learner_bench)
  add_custom_target(bench-learner
    COMMAND "${NODE_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/bench/learner.bench.mjs"
            "--native=$<TARGET_FILE:pathwise_learner_bench>"
            "--wasm=${PATHWISE_WEB_BINARY_DIR}/tests/bench/pathwise_learner_bench.js"
            "--courses=${CMAKE_SOURCE_DIR}/content"
    DEPENDS web pathwise_learner_bench
    USES_TERMINAL
    VERBATIM)
endif()
# `cmake --build build --target bench-storage`: append latency, load of a 10,000-event history to the first
# frame and stored bytes per event, in headless Chromium (figures, not pass/fail; tests/bench/storage.bench.mjs).
if(TARGET pathwise_store_bench)
  add_custom_target(bench-storage
    COMMAND "${CMAKE_COMMAND}" -E env "PATHWISE_DIST=${PATHWISE_WEB_DIST}"
            "${NODE_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/bench/storage.bench.mjs"
            "--native=$<TARGET_FILE:pathwise_store_bench>"
            "--course=${CMAKE_SOURCE_DIR}/content/fractions/course.json"
    DEPENDS web pathwise_store_bench
    USES_TERMINAL
    VERBATIM)
endif()
# `cmake --build build --target bench-student`: a returning learner's course link to its first interactive frame
# (warm and cold HTTP cache), frame CPU on the path map and the practice screen at laptop and phone size, idle
# frames, the font atlas at DPR 1-3, and the gzipped download, next to their budgets (figures, not pass/fail;
# tests/bench/student.bench.mjs).
add_custom_target(bench-student
  COMMAND "${CMAKE_COMMAND}" -E env "PATHWISE_DIST=${PATHWISE_WEB_DIST}"
          "${NODE_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/bench/student.bench.mjs"
  DEPENDS web
  USES_TERMINAL
  VERBATIM)
# `cmake --build build --target bench-offline`: the service worker's install (bytes, time) and repeat visits to the
# first frame with and without it, and offline (figures, not pass/fail; tests/bench/offline.bench.mjs).
add_custom_target(bench-offline
  COMMAND "${CMAKE_COMMAND}" -E env "PATHWISE_DIST=${PATHWISE_WEB_DIST}"
          "${NODE_EXECUTABLE}" "${CMAKE_SOURCE_DIR}/tests/bench/offline.bench.mjs"
  DEPENDS web
  USES_TERMINAL
  VERBATIM)
if(BUILD_TESTING)
  add_test(NAME bench-bundle-smoke-wasm
    COMMAND "${NODE_EXECUTABLE}" --no-experimental-fetch "${PATHWISE_WEB_BINARY_DIR}/tests/bench/pathwise_bundle_bench.js"
            --mb=1 --activities=0 --runs=1)
endif()
