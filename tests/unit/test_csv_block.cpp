#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "reader/csv_block.h"

namespace cjm {
namespace {

// A record as the generator meant it: its fields, and the 1-based physical
// lines it starts and ends on.
struct Record {
  std::vector<std::string> fields;
  uint64_t line = 0, last = 0;
  bool operator==(const Record&) const = default;
};

// Random CSV text whose records are known: fields are unquoted (letters,
// with a '"' anywhere but first, an ordinary byte there) or quoted (letters,
// delimiters, newlines and doubled quotes inside), of 0 to 90 bytes so that
// records cross the splitter's 16-byte blocks at every offset; records end
// with "\n" or "\r\n", the last one sometimes with nothing. A record of one
// empty unquoted field is blank and not expected back ("" is a field).
std::string random_csv(std::mt19937& rng, char delim, std::vector<Record>& expected) {
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::string text;
  uint64_t line = 1;
  const int records = 1 + pick(60);
  for (int r = 0; r < records; ++r) {
    Record rec;
    rec.line = line;
    bool quoted = false;
    const int fields = 1 + pick(12);
    for (int f = 0; f < fields; ++f) {
      if (f > 0) text += delim;
      const int length = pick(6) == 0 ? 30 + pick(60) : pick(12);
      std::string value;
      if (pick(5) == 0) {  // quoted
        quoted = true;
        text += '"';
        for (int k = 0; k < length; ++k) {
          const int kind = pick(10);
          if (kind == 0) {
            text += "\"\"";
            value += '"';
          } else if (kind == 1) {
            text += delim;
            value += delim;
          } else if (kind == 2) {
            text += '\n';
            value += '\n';
            ++line;
          } else {
            const char c = static_cast<char>('a' + pick(26));
            text += c;
            value += c;
          }
        }
        text += '"';
      } else {
        for (int k = 0; k < length; ++k) {
          const char c = (k > 0 && pick(15) == 0) ? '"' : static_cast<char>('a' + pick(26));
          text += c;
          value += c;
        }
      }
      rec.fields.push_back(value);
    }
    rec.last = line;
    const bool last = r + 1 == records;
    if (!last || pick(2) == 0) {
      text += pick(3) == 0 ? "\r\n" : "\n";
      ++line;
    }
    if (!(rec.fields.size() == 1 && rec.fields[0].empty() && !quoted)) expected.push_back(rec);
  }
  return text;
}

// Parses `text` in two pieces: the records of its first `cut` bytes (all of
// it by default, as the end of the input; otherwise an incomplete last
// record stays unconsumed), then the rest, as the end of the input.
std::vector<Record> parse_all(const std::string& text, char delim, size_t cut = SIZE_MAX) {
  cut = std::min(cut, text.size());
  std::vector<Record> out;
  std::vector<std::string_view> fields;
  std::string scratch;
  uint64_t line = 1;
  auto sink = [&](const auto& f, const csv::RecordLines& at) {
    EXPECT_FALSE(at.unterminated);
    Record r;
    r.line = at.first;
    r.last = at.last;
    for (std::string_view v : f) r.fields.emplace_back(v);
    out.push_back(r);
  };
  const size_t used =
      csv::parse_block(text.data(), cut, cut == text.size(), delim, line, fields, scratch, sink);
  EXPECT_LE(used, cut);
  const size_t rest = csv::parse_block(text.data() + used, text.size() - used, true, delim, line,
                                       fields, scratch, sink);
  EXPECT_EQ(used + rest, text.size());
  return out;
}

// Thousands of random records against the generator's own fields and lines:
// the SIMD path (records without a quote at a field start) and the general
// path (the others) must agree with the quoting rules.
TEST(CsvSplit, RandomRecordsComeBackAsGenerated) {
  for (char delim : {',', '\t', ';'}) {
    std::mt19937 rng(static_cast<unsigned>(delim));
    for (int round = 0; round < 300; ++round) {
      std::vector<Record> expected;
      const std::string text = random_csv(rng, delim, expected);
      const std::vector<Record> got = parse_all(text, delim);
      ASSERT_EQ(got.size(), expected.size()) << "round " << round << ":\n" << text;
      for (size_t i = 0; i < got.size(); ++i)
        ASSERT_EQ(got[i], expected[i]) << "round " << round << ", record " << i << ":\n" << text;
    }
  }
}

// A block fed in pieces: every prefix of the text is parsed without `at_eof`
// (an incomplete last record stays unconsumed), then the rest; the records
// are the same as in one piece.
TEST(CsvSplit, AnyCutGivesTheSameRecords) {
  std::mt19937 rng(7);
  for (int round = 0; round < 40; ++round) {
    std::vector<Record> expected;
    const std::string text = random_csv(rng, ',', expected);
    for (size_t cut = 0; cut <= text.size(); cut += 1 + text.size() / 37)
      ASSERT_EQ(parse_all(text, ',', cut), expected)
          << "round " << round << ", cut " << cut << ":\n"
          << text;
  }
}

// An unterminated quoted field runs to the end of the input: its record's
// last line is the last line holding any of its bytes, whether or not the
// input ends with a newline.
TEST(CsvSplit, UnterminatedRecordSpansToTheLastLine) {
  struct Case {
    std::string text;
    uint64_t first, last;
  };
  const Case cases[] = {{"a,\"b\nc\nd\n", 1, 3},  {"a,\"b\nc\nd", 1, 3},
                        {"a,\"b\r\nc\r\n", 1, 2}, {"x\ny,\"b\n\n\nz\n", 2, 5},
                        {"a,\"b\n", 1, 1},        {"a,\"b", 1, 1},
                        {"x\n\"\n", 2, 2}};
  for (const Case& c : cases) {
    std::vector<std::string_view> fields;
    std::string scratch;
    uint64_t line = 1;
    std::vector<csv::RecordLines> got;
    csv::parse_block(c.text.data(), c.text.size(), true, ',', line, fields, scratch,
                     [&](const auto&, const csv::RecordLines& at) { got.push_back(at); });
    ASSERT_FALSE(got.empty()) << c.text;
    EXPECT_TRUE(got.back().unterminated) << c.text;
    EXPECT_EQ(got.back().first, c.first) << c.text;
    EXPECT_EQ(got.back().last, c.last) << c.text;
  }
}

}  // namespace
}  // namespace cjm
