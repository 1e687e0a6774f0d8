// The doctest runner shared by the native, sanitized and wasm builds of the unit tests.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
