// Time in the learner model: whole seconds since the Unix epoch, UTC. The core never reads a clock; callers pass
// the time in, so every computation is deterministic and a test can replay any history.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pathwise::learner {

using Seconds = std::int64_t;

constexpr Seconds kMinute = 60;
constexpr Seconds kHour = 60 * kMinute;
constexpr Seconds kDay = 24 * kHour;

// The times the learner model accepts: 1970-01-01 to 9999-12-31T23:59:59Z. Events from outside (a damaged or
// forged progress file) are clamped into this range, so no arithmetic on times can overflow.
constexpr Seconds kEarliestTime = 0;
constexpr Seconds kLatestTime = 253402300799;

// Parses ISO-8601 / RFC 3339 date-times: "2026-01-05T08:00:00Z", "2026-01-05T09:00:00+01:00",
// "2026-01-05T08:00:00.250Z" (fractions are dropped), "2026-01-05" (midnight UTC). A space may stand for 'T'.
// Returns nothing for anything else, including impossible dates such as 2026-02-30.
std::optional<Seconds> parse_iso8601(std::string_view text);

// "2026-01-05T08:00:00Z".
std::string format_iso8601(Seconds time);

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard Hinnant, "chrono-Compatible Low-Level
// Date Algorithms", days_from_civil / civil_from_days).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);
void civil_from_days(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day);

}  // namespace pathwise::learner
