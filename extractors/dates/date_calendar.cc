// Civil-calendar arithmetic (see date_calendar.h). DaysFromCivil and its
// inverse use the era-based algorithm (400-year cycles of 146097 days).
#include "extractors/dates/date_calendar.h"

namespace factmine {
namespace {

void AppendPadded(int v, int width, std::string* out) {
  char buf[8];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v > 0 && n < 8);
  for (int i = n; i < width; ++i) out->push_back('0');
  while (n > 0) out->push_back(buf[--n]);
}

}  // namespace

std::string_view DateGrainName(DateGrain g) {
  switch (g) {
    case DateGrain::kDay:
      return "day";
    case DateGrain::kMonth:
      return "month";
    case DateGrain::kQuarter:
      return "quarter";
    case DateGrain::kHalf:
      return "half";
    case DateGrain::kYear:
      return "year";
    case DateGrain::kDecade:
      return "decade";
    case DateGrain::kNone:
      break;
  }
  return "";
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && (year == 0 || IsLeapYear(year))) return 29;
  return kDays[month - 1];
}

int64_t DaysFromCivil(int year, int month, int day) {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t mp = (month + 9) % 12;  // March = 0
  int64_t doy = (153 * mp + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void AddDays(int year, int month, int day, int64_t days, int* out_year,
             int* out_month, int* out_day) {
  int64_t z = DaysFromCivil(year, month, day) + days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  *out_year = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  *out_month = static_cast<int>(m);
  *out_day = static_cast<int>(d);
}

std::string FormatDate(DateGrain grain, int year, int month, int day) {
  std::string out;
  out.reserve(10);
  AppendPadded(year, 4, &out);
  switch (grain) {
    case DateGrain::kDay:
      out.push_back('-');
      AppendPadded(month, 2, &out);
      out.push_back('-');
      AppendPadded(day, 2, &out);
      break;
    case DateGrain::kMonth:
      out.push_back('-');
      AppendPadded(month, 2, &out);
      break;
    case DateGrain::kQuarter:
      out += "-Q";
      AppendPadded(month, 1, &out);
      break;
    case DateGrain::kHalf:
      out += "-H";
      AppendPadded(month, 1, &out);
      break;
    case DateGrain::kDecade:
      out.push_back('s');
      break;
    case DateGrain::kYear:
    case DateGrain::kNone:
      break;
  }
  return out;
}

}  // namespace factmine
