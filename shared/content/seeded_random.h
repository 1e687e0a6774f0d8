// Seeded pseudo-random numbers that are the same on every platform: problem generation must give the same
// problem for the same seed natively and in WebAssembly, so nothing here touches std::random_device or the
// standard library's distributions (whose algorithms differ between libstdc++ and libc++).
#pragma once

#include <cstdint>

namespace pathwise {

// SplitMix64 (Steele, Lea & Flood 2014, as published by Vigna): a tiny generator with good statistics, fully
// specified by 64-bit integer arithmetic.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // Uniform in [0, 1): the top 53 bits as a double's mantissa, so every value is exact and platform-independent.
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform in [0, count) by rejection, so no value is favoured. `count` must be at least 1.
  std::uint64_t below(std::uint64_t count) {
    std::uint64_t limit = UINT64_MAX - UINT64_MAX % count;
    std::uint64_t value = next();
    while (value >= limit) value = next();
    return value % count;
  }

 private:
  std::uint64_t state_;
};

}  // namespace pathwise
