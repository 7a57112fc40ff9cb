// Internal: PostgreSQL's binary COPY format (COPY ... TO STDOUT (FORMAT
// binary)): the stream of tuples, and the binary forms of the types the
// database source decodes itself (all big-endian).
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cjm::reader {

// How the reader takes a column, by its type. Every other type reaches the
// reader as text: the SELECT casts it (pg_columns.h).
enum class PgKind {
  kText,       // text, varchar, bpchar, name, and every cast column
  kInt2,       // smallint
  kInt4,       // integer
  kInt8,       // bigint
  kFloat4,     // real
  kFloat8,     // double precision
  kNumeric,    // numeric
  kUuid,       // uuid
  kTimestamp,  // timestamp and timestamptz: microseconds since 2000-01-01
  kDate,       // date: days since 2000-01-01
};

// One field of a tuple: its bytes, or `size` -1 for NULL.
struct PgField {
  const char* data = nullptr;
  int32_t size = -1;
  bool null() const { return size < 0; }
};

// The integer of a kInt2, kInt4 or kInt8 field of `size` bytes.
int64_t pg_integer(const char* p, int32_t size);

// The float of a kFloat4 field. Throws cjm::Error on a malformed field.
float pg_float4(const char* p, int32_t size);

// Microseconds since 1970-01-01 (UTC) of a kTimestamp or kDate field (a
// timestamp without zone taken as UTC); nullopt for infinity or a time
// outside core/limits.h.
std::optional<int64_t> pg_time_us(PgKind kind, const char* p, int32_t size);

// A numeric field exactly in ten-thousandths (core/money.h), rounded half
// away from zero beyond the 4th decimal as parse_money does; nullopt for NaN,
// the infinities, a malformed field or a magnitude above 1e12.
std::optional<int64_t> pg_numeric_e4(const char* p, int32_t size);

// The text form PostgreSQL gives a field of a kind other than kText and the
// times (integers, floats with the shortest exact digits, numeric with its
// scale, uuid), written to `out`; returns a view of it. Throws cjm::Error on a
// malformed field.
std::string_view pg_text(PgKind kind, const char* p, int32_t size, std::string& out);

// The tuples of one binary COPY, read from a connection whose COPY has
// started (PQexec returned PGRES_COPY_OUT). The bytes of the tuples are
// copied into a buffer of the stream's own, where they stay until the stream
// needs the room: then it first calls `moving` with the buffer's new bounds,
// so that whatever points into it can finish (RowBuilder::set_stable).
class CopyBinaryStream {
 public:
  using Moving = std::function<void(const char* begin, const char* end)>;
  // `what` names the source ("DISPLAY, table T") in messages; `columns`: the
  // fields per tuple. `stop`, if set, is checked between messages: another
  // part of a parallel read failed, and this one ends with an error.
  CopyBinaryStream(PGconn* conn, std::string what, size_t columns, Moving moving,
                   const std::atomic<bool>* stop = nullptr);

  // Reads the next tuple into `fields` (`columns` of them). False after the
  // last; throws cjm::Error if the stream breaks off (a lost connection, an
  // error of the server) or is not a binary COPY of `columns` columns.
  bool next(std::vector<PgField>& fields);

  // The bounds of the buffer (for RowBuilder::set_stable).
  const char* begin() const { return buf_.data(); }
  const char* end() const { return buf_.data() + buf_.size(); }
  // Bytes received so far.
  uint64_t bytes() const { return bytes_; }

 private:
  // Appends the next message; false at the end of the data.
  bool receive();
  // Makes room for `n` more bytes, keeping those from pos_ on.
  void make_room(size_t n);
  [[noreturn]] void fail(const std::string& why) const;

  PGconn* conn_;
  std::string what_;
  size_t columns_;
  Moving moving_;
  const std::atomic<bool>* stop_;
  std::vector<char> buf_;
  size_t pos_ = 0, len_ = 0;  // unread bytes: [pos_, len_)
  uint64_t bytes_ = 0;
  bool header_ = false, trailer_ = false, ended_ = false;
};

}  // namespace cjm::reader
