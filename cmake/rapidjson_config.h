// Included first in every C++ file of the project (cmake/ThirdPartyHeaders.cmake): one definition of rapidjson's
// checks for the whole program. cereal redefines RAPIDJSON_ASSERT to throw, but only in files that include it; a
// file that includes rapidjson alone would get plain assert(), and the linker keeps ONE copy of each rapidjson
// function for the whole program: which one is luck (the storage fuzzer hit an abort() in cereal's reader this
// way, and under NDEBUG the check would vanish). Here a failed check throws in every file, and the readers of
// untrusted data (store/record_format.cpp, report/progress_file.cpp) catch it.
#pragma once

#define RAPIDJSON_ASSERT_THROWS
#define RAPIDJSON_ASSERT(x) ((x) ? static_cast<void>(0) : throw "rapidjson assertion failed: " #x)
