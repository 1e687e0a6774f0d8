#include <doctest/doctest.h>

#include "learner/clock_time.h"

using namespace pathwise::learner;

TEST_CASE("ISO-8601 times parse to Unix seconds and format back") {
  CHECK(parse_iso8601("1970-01-01T00:00:00Z") == Seconds{0});
  CHECK(parse_iso8601("2026-01-05T08:00:00Z") == Seconds{1767600000});
  CHECK(parse_iso8601("2026-01-05T09:00:00+01:00") == Seconds{1767600000});
  CHECK(parse_iso8601("2026-01-05T03:30:00-04:30") == Seconds{1767600000});
  CHECK(parse_iso8601("2026-01-05T08:00:00.999Z") == Seconds{1767600000});
  CHECK(parse_iso8601("2026-01-05 08:00:00Z") == Seconds{1767600000});
  CHECK(parse_iso8601("2026-01-05") == Seconds{1767571200});
  CHECK(parse_iso8601("2024-02-29T12:00:00Z").has_value());
  CHECK(parse_iso8601("1969-12-31T23:59:59Z") == Seconds{-1});
  CHECK(format_iso8601(1767600000) == "2026-01-05T08:00:00Z");
  CHECK(format_iso8601(-1) == "1969-12-31T23:59:59Z");
  CHECK(format_iso8601(951825600) == "2000-02-29T12:00:00Z");
  for (Seconds t = -5 * kDay; t < 400LL * 366 * kDay; t += 7 * kDay + 3601)
    REQUIRE(parse_iso8601(format_iso8601(t)) == t);
}

TEST_CASE("malformed or impossible times are refused") {
  for (const char* bad : {"", "2026", "2026-1-5", "2026-02-30", "2025-02-29", "2026-13-01", "2026-01-05T08:00:00",
                          "2026-01-05T24:00:00Z", "2026-01-05T08:00Z", "2026-01-05T08:00:00.Z",
                          "2026-01-05T08:00:00+0100", "2026-01-05T08:00:00Zjunk", "due"})
    CHECK_MESSAGE(!parse_iso8601(bad).has_value(), bad);
}
