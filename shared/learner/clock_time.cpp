#include "learner/clock_time.h"

#include <cstdio>

namespace pathwise::learner {

std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

void civil_from_days(std::int64_t days, std::int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned mp = (5 * day_of_year + 2) / 153;
  day = day_of_year - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2);
}

namespace {

// Reads exactly `count` digits at `at`, advancing it.
bool read_digits(std::string_view text, std::size_t& at, int count, int& out) {
  if (at + static_cast<std::size_t>(count) > text.size()) return false;
  out = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[at + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  at += static_cast<std::size_t>(count);
  return true;
}

bool expect(std::string_view text, std::size_t& at, char c) {
  if (at >= text.size() || text[at] != c) return false;
  ++at;
  return true;
}

unsigned days_in_month(int year, int month) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29u : kDays[month - 1];
}

}  // namespace

std::optional<Seconds> parse_iso8601(std::string_view text) {
  std::size_t at = 0;
  int year = 0, month = 0, day = 0;
  if (!read_digits(text, at, 4, year) || !expect(text, at, '-') || !read_digits(text, at, 2, month) ||
      !expect(text, at, '-') || !read_digits(text, at, 2, day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > days_in_month(year, month))
    return std::nullopt;
  const Seconds midnight = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * kDay;
  if (at == text.size()) return midnight;

  if (text[at] != 'T' && text[at] != 't' && text[at] != ' ') return std::nullopt;
  ++at;
  int hour = 0, minute = 0, second = 0;
  if (!read_digits(text, at, 2, hour) || !expect(text, at, ':') || !read_digits(text, at, 2, minute) ||
      !expect(text, at, ':') || !read_digits(text, at, 2, second))
    return std::nullopt;
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;  // 60: a leap second, read as :59 + 1
  if (at < text.size() && text[at] == '.') {
    ++at;
    const std::size_t digits_start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == digits_start) return std::nullopt;
  }
  Seconds offset = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    const int sign = text[at] == '-' ? -1 : 1;
    ++at;
    int offset_hours = 0, offset_minutes = 0;
    if (!read_digits(text, at, 2, offset_hours) || !expect(text, at, ':') ||
        !read_digits(text, at, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59)
      return std::nullopt;
    offset = sign * (offset_hours * kHour + offset_minutes * kMinute);
  } else {
    return std::nullopt;  // a time without a zone is ambiguous; we never guess the learner's zone
  }
  if (at != text.size()) return std::nullopt;
  return midnight + hour * kHour + minute * kMinute + second - offset;
}

std::string format_iso8601(Seconds time) {
  const std::int64_t days = time >= 0 ? time / kDay : -((-time + kDay - 1) / kDay);
  const Seconds in_day = time - days * kDay;
  std::int64_t year = 0;
  unsigned month = 0, day = 0;
  civil_from_days(days, year, month, day);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02d:%02d:%02dZ", static_cast<long long>(year), month, day,
                static_cast<int>(in_day / kHour), static_cast<int>(in_day % kHour / kMinute),
                static_cast<int>(in_day % kMinute));
  return buffer;
}

}  // namespace pathwise::learner
