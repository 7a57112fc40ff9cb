#include "generate/csv_writer.h"

#include <charconv>
#include <climits>

#include "core/civil_time.h"

namespace cjm {

CsvWriter::CsvWriter(std::ostream& out) : out_(out), day_(INT64_MIN) {
  buf_.reserve(kSize + 1024);
}

void CsvWriter::put_uint(uint64_t v) {
  char tmp[24];
  auto r = std::to_chars(tmp, tmp + sizeof(tmp), v);
  buf_.append(tmp, r.ptr);
}

void CsvWriter::put_cents(int64_t cents) {
  put_uint(static_cast<uint64_t>(cents) / 100);
  put('.');
  put2(static_cast<unsigned>(cents % 100));
}

void CsvWriter::put_time(int64_t secs) {
  const int64_t day = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
  const int64_t sod = secs - day * 86400;
  if (day != day_) {
    day_ = day;
    int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(day, y, m, d);
    char tmp[32];
    char* p = tmp;
    if (y >= 0 && y < 10000) {
      const unsigned uy = static_cast<unsigned>(y);
      *p++ = static_cast<char>('0' + uy / 1000);
      *p++ = static_cast<char>('0' + uy / 100 % 10);
      *p++ = static_cast<char>('0' + uy / 10 % 10);
      *p++ = static_cast<char>('0' + uy % 10);
    } else {
      p = std::to_chars(p, tmp + 20, y).ptr;
    }
    *p++ = '-';
    *p++ = static_cast<char>('0' + m / 10);
    *p++ = static_cast<char>('0' + m % 10);
    *p++ = '-';
    *p++ = static_cast<char>('0' + d / 10);
    *p++ = static_cast<char>('0' + d % 10);
    *p++ = 'T';
    date_.assign(tmp, p);
  }
  put(date_);
  const unsigned s = static_cast<unsigned>(sod);
  put2(s / 3600);
  put(':');
  put2(s / 60 % 60);
  put(':');
  put2(s % 60);
  put('Z');
}

void CsvWriter::flush() {
  out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  buf_.clear();
}

}  // namespace cjm
