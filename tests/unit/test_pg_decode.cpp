// The database source's decoding of PostgreSQL's binary forms
// (reader/pg_copy_binary.h) and its redaction of passwords
// (reader/pg_source.h), by hand-worked examples. The binary values are
// written out byte by byte here, as the server sends them (big-endian); the
// whole path against a real server is tests/pg/run.sh.
#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/money.h"
#include "reader/pg_copy_binary.h"
#include "reader/pg_source.h"

namespace cjm::reader {
namespace {

void put16(std::string& s, uint16_t v) {
  s += static_cast<char>(v >> 8);
  s += static_cast<char>(v & 0xFF);
}

// A numeric: base-10000 digits, the weight of the first, sign, scale.
std::string numeric(int16_t weight, std::initializer_list<uint16_t> digits, bool negative = false,
                    uint16_t dscale = 0, uint16_t sign = 0) {
  std::string s;
  put16(s, static_cast<uint16_t>(digits.size()));
  put16(s, static_cast<uint16_t>(weight));
  put16(s, sign != 0 ? sign : negative ? 0x4000 : 0);
  put16(s, dscale);
  for (uint16_t d : digits) put16(s, d);
  return s;
}

std::optional<int64_t> e4(const std::string& bytes) {
  return pg_numeric_e4(bytes.data(), static_cast<int32_t>(bytes.size()));
}

std::string text(PgKind kind, const std::string& bytes) {
  std::string out;
  return std::string(pg_text(kind, bytes.data(), static_cast<int32_t>(bytes.size()), out));
}

std::string be64(uint64_t v) {
  std::string s;
  for (int i = 7; i >= 0; --i) s += static_cast<char>((v >> (8 * i)) & 0xFF);
  return s;
}

TEST(PgDecode, NumericToTenThousandthsExactly) {
  // 12.5 = 12 + 5000/10000: 125000 ten-thousandths.
  EXPECT_EQ(e4(numeric(0, {12, 5000}, false, 1)), 125000);
  // 0.00005: the digit 5000 of weight -2 rounds the 4th decimal up.
  EXPECT_EQ(e4(numeric(-2, {5000}, false, 5)), 1);
  // 0.000049999 rounds down (4999 at weight -2).
  EXPECT_EQ(e4(numeric(-2, {4999, 9000}, false, 9)), 0);
  // -1234.56789 = -(1234 + 5678/10^4 + 9000/10^8): -12345679 (half away from zero).
  EXPECT_EQ(e4(numeric(0, {1234, 5678, 9000}, true, 5)), -12345679);
  // 10000 = one digit of weight 1.
  EXPECT_EQ(e4(numeric(1, {1})), 100000000);
  // Zero: no digits.
  EXPECT_EQ(e4(numeric(0, {})), 0);
  // 1e12 is the largest magnitude held; 1e12 + 1 and 2e12 are not.
  EXPECT_EQ(e4(numeric(3, {1})), kMaxAbsValueUnits * kValueScale);
  EXPECT_EQ(e4(numeric(3, {1, 0, 0, 1})), std::nullopt);
  EXPECT_EQ(e4(numeric(3, {2})), std::nullopt);
  EXPECT_EQ(e4(numeric(5, {9999})), std::nullopt);
  // NaN and the infinities are not values (the reader rejects their text).
  EXPECT_EQ(e4(numeric(0, {}, false, 0, 0xC000)), std::nullopt);
  EXPECT_EQ(e4(numeric(0, {}, false, 0, 0xD000)), std::nullopt);
  // A digit above 9999 or a wrong length is malformed.
  EXPECT_EQ(e4(numeric(0, {10000})), std::nullopt);
  EXPECT_EQ(e4(numeric(0, {1}).substr(0, 9)), std::nullopt);
}

TEST(PgDecode, NumericTextKeepsTheScale) {
  EXPECT_EQ(text(PgKind::kNumeric, numeric(0, {12, 5000}, false, 2)), "12.50");
  EXPECT_EQ(text(PgKind::kNumeric, numeric(-1, {500}, false, 2)), "0.05");
  EXPECT_EQ(text(PgKind::kNumeric, numeric(1, {1})), "10000");
  EXPECT_EQ(text(PgKind::kNumeric, numeric(1, {3, 40}, false, 0)), "30040");
  EXPECT_EQ(text(PgKind::kNumeric, numeric(-1, {5000}, true, 1)), "-0.5");
  EXPECT_EQ(text(PgKind::kNumeric, numeric(0, {}, false, 0, 0xC000)), "NaN");
  EXPECT_EQ(text(PgKind::kNumeric, numeric(0, {}, false, 0, 0xF000)), "-Infinity");
}

TEST(PgDecode, IntegersUuidsAndFloatsAsText) {
  EXPECT_EQ(text(PgKind::kInt2, std::string("\xff\xfe", 2)), "-2");
  EXPECT_EQ(text(PgKind::kInt4, std::string("\x00\x01\x00\x00", 4)), "65536");
  EXPECT_EQ(text(PgKind::kInt8, be64(1700000000000)), "1700000000000");
  EXPECT_EQ(text(PgKind::kUuid, std::string("\xe0\x57\xbd\xab\x4a\xd6\x7e\x50\x83\xce\x10\x99"
                                            "\xb8\x4c\xce\x04",
                                            16)),
            "e057bdab-4ad6-7e50-83ce-1099b84cce04");
  // 0.1 as a double is 0x3FB999999999999A; its shortest exact digits are 0.1.
  EXPECT_EQ(text(PgKind::kFloat8, be64(0x3FB999999999999AULL)), "0.1");
  EXPECT_EQ(text(PgKind::kFloat8, be64(0x7FF8000000000000ULL)), "NaN");
  EXPECT_EQ(text(PgKind::kFloat8, be64(0xFFF0000000000000ULL)), "-Infinity");
  // 2.5f = 0x40200000.
  EXPECT_EQ(text(PgKind::kFloat4, std::string("\x40\x20\x00\x00", 4)), "2.5");
  EXPECT_THROW(text(PgKind::kUuid, std::string(15, 'x')), Error);
}

TEST(PgDecode, TimesFromPostgresEpoch) {
  // 2000-01-01T00:00:00Z is 946684800 s after 1970.
  const std::string zero = be64(0);
  EXPECT_EQ(pg_time_us(PgKind::kTimestamp, zero.data(), 8), 946684800000000);
  EXPECT_EQ(pg_time_us(PgKind::kDate, std::string(4, '\0').data(), 4), 946684800000000);
  // Day -1 of the date epoch is 1999-12-31.
  EXPECT_EQ(pg_time_us(PgKind::kDate, std::string(4, '\xff').data(), 4),
            946684800000000 - 86400000000);
  // +-infinity (INT64 extremes) and years past 9999 are not times cjm holds.
  const std::string inf = be64(0x7FFFFFFFFFFFFFFFULL), ninf = be64(0x8000000000000000ULL);
  EXPECT_EQ(pg_time_us(PgKind::kTimestamp, inf.data(), 8), std::nullopt);
  EXPECT_EQ(pg_time_us(PgKind::kTimestamp, ninf.data(), 8), std::nullopt);
  EXPECT_EQ(pg_time_us(PgKind::kDate, std::string("\x7f\xff\xff\xff", 4).data(), 4), std::nullopt);
}

TEST(PgSource, UrisWithoutPasswords) {
  EXPECT_TRUE(is_postgres_uri("postgresql://a@b/c"));
  EXPECT_TRUE(is_postgres_uri("postgres://a@b/c"));
  EXPECT_FALSE(is_postgres_uri("events.csv"));
  EXPECT_EQ(redacted_uri("postgresql://alice:s3cret@db.example.com:6543/shop?sslmode=require"),
            "postgresql://alice@db.example.com:6543/shop");
  EXPECT_EQ(redacted_uri("postgresql://bob@/shop?host=/var/run/postgresql"),
            "postgresql://bob@/shop?host=/var/run/postgresql");
  const std::string param = redacted_uri("postgresql://h/shop?user=carol&password=zz9");
  EXPECT_EQ(param, "postgresql://carol@h/shop");
  EXPECT_EQ(redacted_uri("postgresql://a:b@h/db?nokey=1"), "postgresql://(unparsable URI)");
}

TEST(PgSource, ScrubsPasswordsFromMessages) {
  const std::string uri = "postgresql://alice:p@ss:w0rd@db/shop?password=other1";
  EXPECT_EQ(scrub_password("failed for p@ss:w0rd and other1", uri), "failed for *** and ***");
  EXPECT_EQ(scrub_password("nothing secret", uri), "nothing secret");
  EXPECT_EQ(scrub_password("x", "postgresql://alice@db/shop"), "x");
}

}  // namespace
}  // namespace cjm::reader
