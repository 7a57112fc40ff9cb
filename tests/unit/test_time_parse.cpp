#include <gtest/gtest.h>

#include <optional>
#include <thread>

#include "core/error.h"
#include "core/time_parse.h"

namespace cjm {
namespace {

// 2024-03-01T10:00:00Z is 1709287200 seconds after the epoch.
constexpr int64_t kMar1At10 = 1709287200LL * 1000000;

TEST(TimeParse, IsoDateTimeUtc) {
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00Z"), kMar1At10);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00z"), kMar1At10);
  EXPECT_EQ(parse_iso8601_us("2024-03-01 10:00:00"), kMar1At10);  // no offset means UTC
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00"), kMar1At10);     // seconds optional
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00Z"), kMar1At10);
  EXPECT_EQ(parse_iso8601_us("1970-01-01"), 0);
  EXPECT_EQ(parse_iso8601_us("1970-01-02"), 86400LL * 1000000);
  EXPECT_EQ(parse_iso8601_us("2000-01-01T00:00:00Z"), 946684800LL * 1000000);
  EXPECT_EQ(parse_iso8601_us("1969-12-31T23:59:59Z"), -1000000);
}

TEST(TimeParse, IsoDateOnlyIsMidnightUtc) {
  // 10 hours before 2024-03-01T10:00Z.
  EXPECT_EQ(parse_iso8601_us("2024-03-01"), kMar1At10 - 10LL * 3600 * 1000000);
}

TEST(TimeParse, IsoFractionTruncatedToMicroseconds) {
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00.5Z"), kMar1At10 + 500000);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00.123Z"), kMar1At10 + 123000);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00.123456Z"), kMar1At10 + 123456);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00.123456789Z"), kMar1At10 + 123456);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00.1234567891Z"), std::nullopt);  // 10 digits
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00.Z"), std::nullopt);
}

TEST(TimeParse, IsoOffsets) {
  // 12:00 at +02:00 is 10:00 UTC.
  EXPECT_EQ(parse_iso8601_us("2024-03-01T12:00:00+02:00"), kMar1At10);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T12:00:00+0200"), kMar1At10);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T12:00:00+02"), kMar1At10);
  // 04:30 at -05:30 is 10:00 UTC.
  EXPECT_EQ(parse_iso8601_us("2024-03-01T04:30:00-05:30"), kMar1At10);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00+00:00"), kMar1At10);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00+"), std::nullopt);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00+02:"), std::nullopt);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00+24:00"), std::nullopt);
}

TEST(TimeParse, IsoLeapDays) {
  // 2024-03-01 00:00Z = 1709251200 s; the day before is the leap day.
  EXPECT_EQ(parse_iso8601_us("2024-02-29"), (1709251200LL - 86400) * 1000000);
  EXPECT_EQ(parse_iso8601_us("2023-02-29"), std::nullopt);
  EXPECT_EQ(parse_iso8601_us("1900-02-29"), std::nullopt);  // century, not leap
  // 2000 is leap (divisible by 400): 2000-03-01 = 946684800 + 60 days.
  EXPECT_EQ(parse_iso8601_us("2000-02-29"), (946684800LL + 59 * 86400) * 1000000);
  EXPECT_EQ(parse_iso8601_us("2024-02-30"), std::nullopt);
  EXPECT_EQ(parse_iso8601_us("2024-04-31"), std::nullopt);
}

TEST(TimeParse, IsoRejectsInvalid) {
  for (const char* s : {"", "2024", "2024-03", "2024-13-01", "2024-00-10", "2024-03-00", "2024-3-1",
                        "2024-03-01T24:00:00Z", "2024-03-01T10:60:00Z", "2024-03-01T10:00:61Z",
                        "2024-03-01T10", "2024-03-01X10:00", "2024-03-01T10:00:00Zjunk",
                        "2024/03/01", "2024-03-01T10:00:00 UTC", "hello"}) {
    EXPECT_EQ(parse_iso8601_us(s), std::nullopt) << s;
  }
  // A leap second is accepted (sec <= 60).
  EXPECT_EQ(parse_iso8601_us("2024-03-01T09:59:60Z"), kMar1At10);
}

TEST(TimeParse, EpochUnits) {
  EXPECT_EQ(parse_epoch_us("1709287200", TimeFormat::kEpochS), kMar1At10);
  EXPECT_EQ(parse_epoch_us("1709287200123", TimeFormat::kEpochMs), kMar1At10 + 123000);
  EXPECT_EQ(parse_epoch_us("1709287200123456", TimeFormat::kEpochUs), kMar1At10 + 123456);
  EXPECT_EQ(parse_epoch_us("1.5", TimeFormat::kEpochS), 1500000);
  EXPECT_EQ(parse_epoch_us("-1.5", TimeFormat::kEpochS), -1500000);
  EXPECT_EQ(parse_epoch_us("-86400", TimeFormat::kEpochS), -86400LL * 1000000);
  // 12.3456789 ms = 12345.6789 us, truncated.
  EXPECT_EQ(parse_epoch_us("12.3456789", TimeFormat::kEpochMs), 12345);
  EXPECT_EQ(parse_epoch_us("7.9", TimeFormat::kEpochUs), 7);
  EXPECT_EQ(parse_epoch_us("1e3", TimeFormat::kEpochS), 1000LL * 1000000);
  EXPECT_EQ(parse_epoch_us("", TimeFormat::kEpochS), std::nullopt);
  EXPECT_EQ(parse_epoch_us("-", TimeFormat::kEpochS), std::nullopt);
  EXPECT_EQ(parse_epoch_us("12a", TimeFormat::kEpochS), std::nullopt);
  EXPECT_EQ(parse_epoch_us("2024-03-01", TimeFormat::kEpochS), std::nullopt);
  EXPECT_EQ(parse_epoch_us("99999999999999999999", TimeFormat::kEpochS), std::nullopt);
  EXPECT_EQ(parse_epoch_us("9999999999999", TimeFormat::kEpochS), std::nullopt);  // overflow
}

// The accepted range is years 1000 to 9999 (core/limits.h) in every format,
// offsets applied: anything near +-2^63 us used to pass and make time
// differences overflow.
TEST(TimeParse, TimesOutsideYears1000To9999AreRefused) {
  EXPECT_EQ(parse_iso8601_us("1000-01-01T00:00:00Z"), kMinTimeUs);
  EXPECT_EQ(parse_iso8601_us("1000-01-01"), kMinTimeUs);
  EXPECT_EQ(parse_iso8601_us("9999-12-31T23:59:59.999999Z"), kMaxTimeUs);
  EXPECT_EQ(format_time_us(kMaxTimeUs), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(format_time_us(kMinTimeUs), "1000-01-01T00:00:00Z");
  for (const char* s : {"0999-12-31T23:59:59Z", "0000-01-01", "0999-12-31",
                        "9999-12-31T23:59:59-00:01", "1000-01-01T00:30:00+01:00"}) {
    EXPECT_EQ(parse_iso8601_us(s), std::nullopt) << s;
    EXPECT_TRUE(time_out_of_range(s, TimeFormat::kIso8601)) << s;
  }
  for (const char* s : {"9223372036854775807", "-9223372036854775808", "9.2e18", "-9.2e18"}) {
    EXPECT_EQ(parse_epoch_us(s, TimeFormat::kEpochUs), std::nullopt) << s;
    EXPECT_TRUE(time_out_of_range(s, TimeFormat::kEpochUs)) << s;
  }
  EXPECT_EQ(parse_epoch_us("253402300800", TimeFormat::kEpochS), std::nullopt);  // year 10000
  EXPECT_EQ(parse_epoch_us("253402300799", TimeFormat::kEpochS), 253402300799LL * 1000000);
  EXPECT_EQ(parse_epoch_us("99999999999999999999", TimeFormat::kEpochS), std::nullopt);
  EXPECT_TRUE(time_out_of_range("99999999999999999999", TimeFormat::kEpochS));
  // Text that is no time at all is not "out of range".
  EXPECT_FALSE(time_out_of_range("hello", TimeFormat::kEpochS));
  EXPECT_FALSE(time_out_of_range("2024-02-30", TimeFormat::kIso8601));
  EXPECT_FALSE(time_out_of_range("2024-02-01", TimeFormat::kIso8601));
}

TEST(TimeParse, DetectFormat) {
  EXPECT_EQ(detect_time_format("2024-03-01T10:00:00Z"), TimeFormat::kIso8601);
  EXPECT_EQ(detect_time_format("2024-03-01"), TimeFormat::kIso8601);
  EXPECT_EQ(detect_time_format("1709287200"), TimeFormat::kEpochS);
  EXPECT_EQ(detect_time_format("1709287200.25"), TimeFormat::kEpochS);
  EXPECT_EQ(detect_time_format("1709287200123"), TimeFormat::kEpochMs);
  EXPECT_EQ(detect_time_format("1709287200123456"), TimeFormat::kEpochUs);
  EXPECT_EQ(detect_time_format("-5"), TimeFormat::kEpochS);
  EXPECT_EQ(detect_time_format("yesterday"), TimeFormat::kAuto);
  EXPECT_EQ(detect_time_format(""), TimeFormat::kAuto);
}

TEST(TimeParse, FormatNames) {
  EXPECT_EQ(parse_time_format("auto"), TimeFormat::kAuto);
  EXPECT_EQ(parse_time_format("iso8601"), TimeFormat::kIso8601);
  EXPECT_EQ(parse_time_format("epoch_s"), TimeFormat::kEpochS);
  EXPECT_EQ(parse_time_format("epoch_ms"), TimeFormat::kEpochMs);
  EXPECT_EQ(parse_time_format("epoch_us"), TimeFormat::kEpochUs);
  try {
    parse_time_format("seconds");
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("data.time_format: unknown time format 'seconds'", 0), 0u)
        << e.what();
  }
  EXPECT_STREQ(time_format_name(TimeFormat::kEpochMs), "epoch_ms");
  EXPECT_STREQ(time_format_name(TimeFormat::kIso8601), "iso8601");
}

TEST(TimeParse, ParseTimeDispatches) {
  EXPECT_EQ(parse_time_us("2024-03-01T10:00:00Z", TimeFormat::kIso8601), kMar1At10);
  EXPECT_EQ(parse_time_us("1709287200", TimeFormat::kEpochS), kMar1At10);
  EXPECT_EQ(parse_time_us("1709287200", TimeFormat::kAuto), std::nullopt);
}

TEST(TimeParse, FormatTime) {
  EXPECT_EQ(format_time_us(kMar1At10), "2024-03-01T10:00:00Z");
  EXPECT_EQ(format_time_us(kMar1At10 + 500000), "2024-03-01T10:00:00.500Z");
  EXPECT_EQ(format_time_us(kMar1At10 + 123456), "2024-03-01T10:00:00.123456Z");
  EXPECT_EQ(format_time_us(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_time_us(-1000000), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_time_us((1709251200LL - 86400) * 1000000), "2024-02-29T00:00:00Z");
}

}  // namespace
TEST(TimeParse, FixedLayoutFastPathAgreesWithGeneralRules) {
  const int64_t t = 1709287200LL * 1000000;  // 2024-03-01T10:00:00Z
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00Z"), t);
  EXPECT_EQ(parse_iso8601_us("2024-03-01t10:00:00z"), t);
  EXPECT_EQ(parse_iso8601_us("2024-03-01 10:00:00Z"), t);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00.5Z"), t + 500000);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00,123456789Z"), t + 123456);
  EXPECT_EQ(parse_iso8601_us("2024-02-29T23:59:60Z"), t - 10 * 3600000000LL);
  EXPECT_FALSE(parse_iso8601_us("2024-03-01T10:00:00.Z"));
  EXPECT_FALSE(parse_iso8601_us("2024-03-01T10:00:00.1234567890Z"));
  EXPECT_FALSE(parse_iso8601_us("2024-03-01T24:00:00Z"));
  EXPECT_FALSE(parse_iso8601_us("2024-03-01T10:60:00Z"));
  EXPECT_FALSE(parse_iso8601_us("2024-03-01T10:00:61Z"));
  EXPECT_FALSE(parse_iso8601_us("2023-02-29T10:00:00Z"));
  EXPECT_FALSE(parse_iso8601_us("2024-00-01T10:00:00Z"));
  EXPECT_FALSE(parse_iso8601_us("2024-03-01T1a:00:00Z"));
  EXPECT_FALSE(parse_iso8601_us("2024-03-01X10:00:00Z"));
  EXPECT_FALSE(parse_iso8601_us("2024-03-01T10:00:00xZ"));
  // Other layouts still go through the general parser.
  EXPECT_EQ(parse_iso8601_us("2024-03-01T12:00:00+02:00"), t);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00"), t);
}

TEST(TimeParse, RepeatedDatesGiveTheSameAnswers) {
  // The fixed layout remembers the last date it parsed; a run of rows on the
  // same date, then other dates and back, must read as each does alone.
  const int64_t t = 1709287200LL * 1000000;  // 2024-03-01T10:00:00Z
  const int64_t s = 1000000;
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00Z"), t);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:01Z"), t + s);
  EXPECT_FALSE(parse_iso8601_us("2024-03-01T24:00:00Z"));  // same date, bad hour
  EXPECT_FALSE(parse_iso8601_us("2024-03-01T1a:00:00Z"));  // same date, bad digit
  EXPECT_FALSE(parse_iso8601_us("2023-02-29T10:00:00Z"));  // another date, invalid
  EXPECT_EQ(parse_iso8601_us("2024-03-01T23:59:59Z"), t + (13 * 3600 + 59 * 60 + 59) * s);
  EXPECT_EQ(parse_iso8601_us("2024-03-02T00:00:00Z"), t + 14 * 3600 * s);
  EXPECT_EQ(parse_iso8601_us("2024-03-01T10:00:00.25Z"), t + 250000);
  EXPECT_FALSE(parse_iso8601_us("2024-03-01X10:00:00Z"));  // same date text, bad separator
  EXPECT_EQ(parse_iso8601_us("2024-02-29T10:00:00Z"), t - 24 * 3600 * s);
  EXPECT_EQ(parse_iso8601_us("1970-01-01T00:00:00Z"), 0);
  // Another thread keeps its own last date.
  std::optional<int64_t> other;
  std::thread([&] { other = parse_iso8601_us("1970-01-02T00:00:00Z"); }).join();
  EXPECT_EQ(other, 24 * 3600 * s);
  EXPECT_EQ(parse_iso8601_us("1970-01-01T00:00:01Z"), s);
}

}  // namespace cjm
