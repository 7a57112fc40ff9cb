#include "reader/pg_copy_binary.h"

#include <charconv>
#include <cstring>
#include <limits>

#include "core/civil_time.h"
#include "core/error.h"
#include "core/limits.h"
#include "core/money.h"

namespace cjm::reader {

namespace {

constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // and a NUL: 11 bytes
constexpr size_t kSignatureBytes = 11;
constexpr size_t kBufferBytes = size_t{1} << 20;

// 2000-01-01 (PostgreSQL's epoch) in days since 1970-01-01.
constexpr int64_t kPgEpochDays = days_from_civil(2000, 1, 1);
constexpr int64_t kUsPerDay = 86'400LL * 1'000'000;

uint16_t be16(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint16_t>((u[0] << 8) | u[1]);
}
uint32_t be32(const char* p) {
  return (uint32_t{be16(p)} << 16) | be16(p + 2);
}
uint64_t be64(const char* p) {
  return (uint64_t{be32(p)} << 32) | be32(p + 4);
}

void malformed(const char* type) {
  throw Error(std::string("malformed binary ") + type + " value from the server");
}

// Appends the shortest exact digits of `x` (PostgreSQL's spellings of the
// special values).
template <typename F>
void append_float(std::string& out, F x) {
  if (x != x) {
    out += "NaN";
  } else if (x == std::numeric_limits<F>::infinity()) {
    out += "Infinity";
  } else if (x == -std::numeric_limits<F>::infinity()) {
    out += "-Infinity";
  } else {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    out.append(buf, r.ptr);
  }
}

// numeric's header and digits (base 10000).
struct Numeric {
  int ndigits = 0, weight = 0, dscale = 0;
  uint16_t sign = 0;
  const char* digits = nullptr;
  int digit(int i) const { return i >= 0 && i < ndigits ? be16(digits + 2 * i) : 0; }
};
constexpr uint16_t kNumericNeg = 0x4000, kNumericNaN = 0xC000, kNumericPinf = 0xD000,
                   kNumericNinf = 0xF000;

bool read_numeric(const char* p, int32_t size, Numeric& n) {
  if (size < 8) return false;
  n.ndigits = static_cast<int16_t>(be16(p));
  n.weight = static_cast<int16_t>(be16(p + 2));
  n.sign = be16(p + 4);
  n.dscale = be16(p + 6);
  n.digits = p + 8;
  if (n.ndigits < 0 || size != 8 + 2 * n.ndigits) return false;
  for (int i = 0; i < n.ndigits; ++i)
    if (n.digit(i) > 9999) return false;
  return true;
}

void numeric_text(const char* p, int32_t size, std::string& out) {
  Numeric n;
  if (!read_numeric(p, size, n)) malformed("numeric");
  if (n.sign == kNumericNaN) return void(out += "NaN");
  if (n.sign == kNumericPinf) return void(out += "Infinity");
  if (n.sign == kNumericNinf) return void(out += "-Infinity");
  if (n.sign == kNumericNeg) out += '-';
  // A base-10000 digit as four decimal ones.
  auto group = [&n](int i, char* g) {
    int d = n.digit(i);
    for (int k = 3; k >= 0; --k, d /= 10) g[k] = static_cast<char>('0' + d % 10);
  };
  char g[4];
  if (n.weight < 0) {
    out += '0';
  } else {
    for (int i = 0; i <= n.weight; ++i) {
      group(i, g);
      int k = 0;
      if (i == 0)  // no leading zeros
        while (k < 3 && g[k] == '0') ++k;
      out.append(g + k, 4 - k);
    }
  }
  if (n.dscale > 0) {
    out += '.';
    int written = 0;
    for (int i = n.weight + 1; written < n.dscale; ++i) {
      group(i, g);
      for (int k = 0; k < 4 && written < n.dscale; ++k, ++written) out += g[k];
    }
  }
}

void uuid_text(const char* p, int32_t size, std::string& out) {
  if (size != 16) malformed("uuid");
  static const char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    const auto b = static_cast<unsigned char>(p[i]);
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
}

}  // namespace

int64_t pg_integer(const char* p, int32_t size) {
  if (size == 2) return static_cast<int16_t>(be16(p));
  if (size == 4) return static_cast<int32_t>(be32(p));
  if (size == 8) return static_cast<int64_t>(be64(p));
  malformed("integer");
  return 0;
}

float pg_float4(const char* p, int32_t size) {
  if (size != 4) malformed("real");
  const uint32_t bits = be32(p);
  float x;
  std::memcpy(&x, &bits, 4);
  return x;
}

std::optional<int64_t> pg_time_us(PgKind kind, const char* p, int32_t size) {
  if (kind == PgKind::kDate) {
    if (size != 4) malformed("date");
    const int64_t days = static_cast<int32_t>(be32(p)) + kPgEpochDays;
    if (days < kMinTimeUs / kUsPerDay || days > kMaxTimeUs / kUsPerDay) return std::nullopt;
    return days * kUsPerDay;
  }
  if (size != 8) malformed("timestamp");
  const auto us = static_cast<int64_t>(be64(p));
  constexpr int64_t kOffset = kPgEpochDays * kUsPerDay;
  // Compared before the shift, which could overflow near infinity.
  if (us < kMinTimeUs - kOffset || us > kMaxTimeUs - kOffset) return std::nullopt;
  return us + kOffset;
}

std::optional<int64_t> pg_numeric_e4(const char* p, int32_t size) {
  Numeric n;
  if (!read_numeric(p, size, n)) return std::nullopt;
  if (n.sign != 0 && n.sign != kNumericNeg) return std::nullopt;
  // Ten-thousandths: digit i weighs 10000^(weight - i + 1); the first digit
  // below that rounds.
  // Above 1e12 units: a digit of weight 4 or more, or one of weight 3 above 1.
  if (n.weight > 3 || (n.weight == 3 && n.digit(0) > 1)) return std::nullopt;
  int64_t v = 0;
  for (int i = 0; i <= n.weight + 1; ++i) v = v * 10000 + n.digit(i);
  if (n.digit(n.weight + 2) >= 5000) ++v;
  if (v > kMaxAbsValueUnits * kValueScale) return std::nullopt;
  return n.sign == kNumericNeg ? -v : v;
}

std::string_view pg_text(PgKind kind, const char* p, int32_t size, std::string& out) {
  out.clear();
  char buf[32];
  switch (kind) {
    case PgKind::kInt2:
    case PgKind::kInt4:
    case PgKind::kInt8: {
      const auto r = std::to_chars(buf, buf + sizeof buf, pg_integer(p, size));
      out.append(buf, r.ptr);
      break;
    }
    case PgKind::kFloat4:
      append_float(out, pg_float4(p, size));
      break;
    case PgKind::kFloat8: {
      if (size != 8) malformed("double precision");
      const uint64_t bits = be64(p);
      double x;
      std::memcpy(&x, &bits, 8);
      append_float(out, x);
      break;
    }
    case PgKind::kNumeric:
      numeric_text(p, size, out);
      break;
    case PgKind::kUuid:
      uuid_text(p, size, out);
      break;
    default:
      out.assign(p, static_cast<size_t>(size));
  }
  return out;
}

CopyBinaryStream::CopyBinaryStream(PGconn* conn, std::string what, size_t columns, Moving moving,
                                   const std::atomic<bool>* stop)
    : conn_(conn),
      what_(std::move(what)),
      columns_(columns),
      moving_(std::move(moving)),
      stop_(stop),
      buf_(kBufferBytes) {
  moving_(begin(), end());
}

void CopyBinaryStream::fail(const std::string& why) const {
  throw Error(what_ + ": " + why);
}

void CopyBinaryStream::make_room(size_t n) {
  const size_t keep = len_ - pos_;
  if (len_ + n <= buf_.size()) return;
  std::vector<char> fresh;
  const bool grow = keep + n > buf_.size();
  if (grow) fresh.resize(std::max(buf_.size() * 2, keep + n));
  std::vector<char>& to = grow ? fresh : buf_;
  // Whatever points into the buffer finishes before its bytes move.
  moving_(to.data(), to.data() + to.size());
  std::memmove(to.data(), buf_.data() + pos_, keep);
  if (grow) buf_.swap(fresh);
  pos_ = 0;
  len_ = keep;
}

bool CopyBinaryStream::receive() {
  if (ended_) return false;
  if (stop_ != nullptr && stop_->load(std::memory_order_relaxed))
    fail("stopped: another part of the parallel read failed");
  char* msg = nullptr;
  const int n = PQgetCopyData(conn_, &msg, 0);
  if (n > 0) {
    make_room(static_cast<size_t>(n));
    std::memcpy(buf_.data() + len_, msg, static_cast<size_t>(n));
    PQfreemem(msg);
    len_ += static_cast<size_t>(n);
    bytes_ += static_cast<uint64_t>(n);
    return true;
  }
  if (n == -2) {
    std::string message = PQerrorMessage(conn_);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    fail("the read broke off: " + message);
  }
  // The end of the COPY: its result says whether it completed.
  ended_ = true;
  std::string error;
  while (PGresult* r = PQgetResult(conn_)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && error.empty()) {
      const char* primary = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
      error = primary != nullptr ? primary : PQerrorMessage(conn_);
      while (!error.empty() && error.back() == '\n') error.pop_back();
    }
    PQclear(r);
  }
  if (!error.empty()) fail("the read broke off: " + error);
  return false;
}

bool CopyBinaryStream::next(std::vector<PgField>& fields) {
  fields.resize(columns_);
  for (;;) {
    const char* p = buf_.data() + pos_;
    const size_t avail = len_ - pos_;
    if (!header_) {
      if (avail >= kSignatureBytes + 8) {
        if (std::memcmp(p, kSignature, kSignatureBytes) != 0)
          fail("the server's COPY is not in the binary format");
        const size_t ext = be32(p + kSignatureBytes + 4);
        if (avail >= kSignatureBytes + 8 + ext) {
          pos_ += kSignatureBytes + 8 + ext;
          header_ = true;
          continue;
        }
      }
    } else if (avail >= 2) {
      const auto count = static_cast<int16_t>(be16(p));
      if (count == -1) {
        trailer_ = true;
        pos_ += 2;
        while (receive()) {
        }
        if (len_ != pos_) fail("data after the end of the COPY");
        return false;
      }
      if (count < 0 || static_cast<size_t>(count) != columns_)
        fail("a row of " + std::to_string(count) + " columns, expected " +
             std::to_string(columns_));
      size_t at = 2;
      size_t k = 0;
      for (; k < columns_ && at + 4 <= avail; ++k) {
        const auto size = static_cast<int32_t>(be32(p + at));
        at += 4;
        if (size >= 0 && avail - at < static_cast<size_t>(size)) break;
        fields[k] = PgField{p + at, size};
        if (size > 0) at += static_cast<size_t>(size);
      }
      if (k == columns_) {
        pos_ += at;
        return true;
      }
    }
    if (!receive())
      fail(header_ ? "the COPY ended in the middle of a row" : "the COPY ended before its header");
  }
}

}  // namespace cjm::reader
