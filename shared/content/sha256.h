// SHA-256 (FIPS 180-4, "Secure Hash Standard", NIST, August 2015, §6.2). The catalog pins each course bundle
// by its SHA-256 and the client checks what it fetched against the pin before reading it. Pure code, no
// platform crypto, so the native and WebAssembly builds agree byte for byte.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pathwise {

class Sha256 {
 public:
  // Feeds more bytes; the digest does not depend on how the input is split across calls.
  void update(std::string_view bytes);
  // Pads, returns the 32-byte digest and resets, so the object can hash another message.
  std::array<std::uint8_t, 32> finish();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_ = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};  // §5.3.3
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // message length in bytes so far
};

// The digest of `bytes` as 64 lower-case hex digits, the form used in catalogs.
std::string sha256_hex(std::string_view bytes);

}  // namespace pathwise
