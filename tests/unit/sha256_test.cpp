#include <doctest/doctest.h>

#include <string>

#include "content/sha256.h"

using pathwise::Sha256;
using pathwise::sha256_hex;

namespace {

std::string hex(const std::array<std::uint8_t, 32>& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  for (std::uint8_t byte : digest) {
    text += kHex[byte >> 4];
    text += kHex[byte & 0x0f];
  }
  return text;
}

}  // namespace

// FIPS 180-4 example vectors (NIST CSRC "Examples with Intermediate Values", SHA256.pdf and SHA2_Additional).
TEST_CASE("sha256 matches the NIST example vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                   "mnopqrstnopqrstu") == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST_CASE("sha256 of one million 'a' fed in uneven chunks") {
  const std::string chunk(1000, 'a');
  Sha256 hash;
  std::size_t fed = 0;
  for (std::size_t size = 1; fed < 1000000; size = size * 7 % 997 + 1) {
    const std::size_t take = std::min(size, 1000000 - fed);
    hash.update(std::string_view(chunk).substr(0, take));
    fed += take;
  }
  CHECK(hex(hash.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 does not depend on how the input is split") {
  std::string message;
  for (int i = 0; i < 300; ++i) message += static_cast<char>(i * 31 + 7);  // all byte values, incl. >= 0x80
  for (std::size_t length : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 119u, 120u, 128u, 300u}) {
    const std::string_view text = std::string_view(message).substr(0, length);
    const std::string whole = sha256_hex(text);
    for (std::size_t split = 0; split <= length; split += 13) {
      Sha256 hash;
      hash.update(text.substr(0, split));
      hash.update({});
      hash.update(text.substr(split));
      CHECK(hex(hash.finish()) == whole);
    }
  }
}

TEST_CASE("sha256 finish resets the object for the next message") {
  Sha256 hash;
  hash.update("something else");
  hash.finish();
  hash.update("abc");
  CHECK(hex(hash.finish()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
