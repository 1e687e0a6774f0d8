#include "report/zip_writer.h"

#include <array>
#include <limits>

namespace pathwise::report {

namespace {

constexpr std::uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr std::uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr std::uint32_t kEndOfCentralDirectorySignature = 0x06054b50;
constexpr std::uint16_t kVersionNeeded = 10;          // 1.0: stored entries, no folders, no encryption
constexpr std::uint16_t kVersionMadeBy = (3 << 8) | 20;  // host 3 (Unix, so the mode below counts), spec 2.0
constexpr std::uint16_t kUtf8NamesFlag = 1 << 11;     // general purpose bit 11: names are UTF-8
// MS-DOS date of 1980-01-01: ((1980 - 1980) << 9) | (1 << 5) | 1; time 00:00:00.
constexpr std::uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;
constexpr std::uint16_t kDosTime = 0;
// External attributes: a regular file, rw-r--r-- (0100644), in the high 16 bits as Info-ZIP writes them.
constexpr std::uint32_t kUnixFileAttributes = 0100644u << 16;

const std::array<std::uint32_t, 256>& crc_table() {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  return table;
}

void put16(std::string& out, std::uint16_t value) {
  out.push_back(static_cast<char>(value & 0xff));
  out.push_back(static_cast<char>(value >> 8));
}

void put32(std::string& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

std::string name_problem(std::string_view name) {
  if (name.empty()) return "an entry needs a name";
  if (name.size() > 0xffff) return "the entry name is longer than ZIP allows";
  if (name.front() == '/') return "the entry name \"" + std::string(name) + "\" starts with \"/\"";
  if (name.find('\\') != std::string_view::npos) {
    return "the entry name \"" + std::string(name) + "\" holds a \"\\\" (ZIP separates folders with \"/\")";
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") {
      return "the entry name \"" + std::string(name) + "\" has an empty, \".\" or \"..\" part";
    }
    start = end + 1;
  }
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20) return "the entry name holds a control character";
  }
  return {};
}

}  // namespace

std::uint32_t crc32(std::string_view bytes, std::uint32_t previous) {
  const auto& table = crc_table();
  std::uint32_t c = previous ^ 0xFFFFFFFFu;
  for (char byte : bytes) c = table[(c ^ static_cast<unsigned char>(byte)) & 0xff] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::string ZipWriter::add(std::string_view name, std::string_view bytes) {
  if (std::string problem = name_problem(name); !problem.empty()) return problem;
  for (const Entry& entry : entries_) {
    if (entry.name == name) return "the archive already has an entry \"" + std::string(name) + "\"";
  }
  if (entries_.size() >= 0xffff) return "the archive would have more than 65,535 entries, which needs ZIP64";
  constexpr std::uint64_t kLimit = std::numeric_limits<std::uint32_t>::max();
  const std::uint64_t header_size = 30 + name.size();
  // The central directory, written later, must also start below 4 GiB: count each entry's share of it now.
  std::uint64_t directory_size = 22;
  for (const Entry& entry : entries_) directory_size += 46 + entry.name.size();
  directory_size += 46 + name.size();
  if (bytes.size() > kLimit || body_.size() + header_size + bytes.size() + directory_size > kLimit) {
    return "the archive would be larger than 4 GiB, which needs ZIP64";
  }
  Entry entry;
  entry.name = std::string(name);
  entry.crc = crc32(bytes);
  entry.size = static_cast<std::uint32_t>(bytes.size());
  entry.offset = static_cast<std::uint32_t>(body_.size());

  put32(body_, kLocalHeaderSignature);
  put16(body_, kVersionNeeded);
  put16(body_, kUtf8NamesFlag);
  put16(body_, 0);  // method: stored
  put16(body_, kDosTime);
  put16(body_, kDosDate);
  put32(body_, entry.crc);
  put32(body_, entry.size);  // compressed size: the same, stored
  put32(body_, entry.size);
  put16(body_, static_cast<std::uint16_t>(name.size()));
  put16(body_, 0);  // no extra field (no extended time stamps: they would differ between builds)
  body_.append(name.data(), name.size());
  body_.append(bytes.data(), bytes.size());
  entries_.push_back(std::move(entry));
  return {};
}

std::string ZipWriter::finish() const {
  std::string out = body_;
  const std::uint32_t directory_offset = static_cast<std::uint32_t>(out.size());
  for (const Entry& entry : entries_) {
    put32(out, kCentralHeaderSignature);
    put16(out, kVersionMadeBy);
    put16(out, kVersionNeeded);
    put16(out, kUtf8NamesFlag);
    put16(out, 0);  // stored
    put16(out, kDosTime);
    put16(out, kDosDate);
    put32(out, entry.crc);
    put32(out, entry.size);
    put32(out, entry.size);
    put16(out, static_cast<std::uint16_t>(entry.name.size()));
    put16(out, 0);  // extra field length
    put16(out, 0);  // comment length
    put16(out, 0);  // disk number start
    put16(out, 0);  // internal attributes
    put32(out, kUnixFileAttributes);
    put32(out, entry.offset);
    out += entry.name;
  }
  const std::uint32_t directory_size = static_cast<std::uint32_t>(out.size()) - directory_offset;
  put32(out, kEndOfCentralDirectorySignature);
  put16(out, 0);  // this disk
  put16(out, 0);  // the disk where the central directory starts
  put16(out, static_cast<std::uint16_t>(entries_.size()));
  put16(out, static_cast<std::uint16_t>(entries_.size()));
  put32(out, directory_size);
  put32(out, directory_offset);
  put16(out, 0);  // comment length
  return out;
}

}  // namespace pathwise::report
