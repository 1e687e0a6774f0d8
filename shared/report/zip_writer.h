// A ZIP archive written in memory (PKWARE APPNOTE.TXT 6.3.x, sections 4.3.7 local file header, 4.3.12 central
// directory header, 4.3.16 end of central directory), for the LMS packages `pathwise package` makes.
//
// Entries are "stored" (method 0, no compression): the core links no deflate implementation, and a package's
// largest files (the wasm, the videos) barely shrink anyway. Every entry gets the same fixed time stamp
// (1980-01-01 00:00, the earliest MS-DOS date) and the same Unix mode, so the same entries in the same order give
// the same bytes, whoever builds the package and whenever. No ZIP64: more than 65,535 entries or 4 GiB is
// refused, which no course comes near.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pathwise::report {

// CRC-32 as ZIP uses it (ISO 3309 / ITU-T V.42: polynomial 0x04C11DB7, reflected, initial and final XOR
// 0xFFFFFFFF). `crc32("123456789") == 0xCBF43926`.
std::uint32_t crc32(std::string_view bytes, std::uint32_t previous = 0);

class ZipWriter {
 public:
  // Adds a file. `name` is the path inside the archive with "/" separators, relative (no leading "/", no "."
  // or ".." parts, no "\\"), in UTF-8 (flagged as such in the entry). Returns a sentence when refused (a bad or
  // duplicate name, too many entries, too large), and then the archive is unchanged.
  std::string add(std::string_view name, std::string_view bytes);

  // The whole archive: the entries in the order added, then the central directory. Can be called again after
  // more add()s.
  std::string finish() const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string name;
    std::uint32_t crc = 0;
    std::uint32_t size = 0;
    std::uint32_t offset = 0;  // of its local header
  };
  std::vector<Entry> entries_;
  std::string body_;  // local headers and data so far
};

}  // namespace pathwise::report
