// A buffered writer of generated CSV text: fields go into a 1 MiB buffer that
// is written to the stream when full, numbers and times are formatted without
// locale or allocation.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace cjm {

class CsvWriter {
 public:
  explicit CsvWriter(std::ostream& out);

  // Appends text (never quoted: generated fields hold no comma, quote or newline).
  void put(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kSize) flush();
  }
  void put(char c) { buf_.push_back(c); }
  // Appends a whole number in decimal.
  void put_uint(uint64_t v);
  // Appends v (0..99) as two digits.
  void put2(unsigned v) {
    buf_.push_back(static_cast<char>('0' + v / 10));
    buf_.push_back(static_cast<char>('0' + v % 10));
  }
  // Appends an amount in cents (>= 0) as units with two decimals: 5730 -> "57.30".
  void put_cents(int64_t cents);
  // Appends a time (seconds since the epoch) as 2025-01-01T10:00:00Z. Fastest
  // when consecutive times fall on the same day (the date text is cached).
  void put_time(int64_t secs);
  // Writes the buffer to the stream.
  void flush();

 private:
  static constexpr size_t kSize = 1 << 20;
  std::ostream& out_;
  std::string buf_;
  int64_t day_;
  std::string date_;
};

}  // namespace cjm
