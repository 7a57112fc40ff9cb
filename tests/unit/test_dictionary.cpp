#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/dictionary.h"

namespace cjm {
namespace {

TEST(Dictionary, IdsInOrderOfFirstAppearance) {
  Dictionary d;
  EXPECT_EQ(d.size(), 0u);
  EXPECT_EQ(d.find("a"), Dictionary::kMissing);
  EXPECT_EQ(d.intern("b"), 0u);
  EXPECT_EQ(d.intern("a"), 1u);
  EXPECT_EQ(d.intern("b"), 0u);
  EXPECT_EQ(d.intern(""), 2u);
  EXPECT_EQ(d.find(""), 2u);
  EXPECT_EQ(d.find("a"), 1u);
  EXPECT_EQ(d.find("c"), Dictionary::kMissing);
  EXPECT_EQ(d.at(0), "b");
  EXPECT_EQ(d.size(), 3u);
  EXPECT_EQ(d.strings(), (std::vector<std::string>{"b", "a", ""}));
}

TEST(Dictionary, ManyStringsOfEveryLengthSurviveGrowth) {
  Dictionary d;
  std::unordered_map<std::string, uint32_t> ref;
  for (int i = 0; i < 200000; ++i) {
    std::string s = std::to_string(i * 7919 % 150000);
    s.append(static_cast<size_t>(i % 40), static_cast<char>('a' + i % 26));
    auto [it, inserted] = ref.emplace(s, static_cast<uint32_t>(ref.size()));
    ASSERT_EQ(d.intern(s), it->second) << s;
  }
  ASSERT_EQ(d.size(), ref.size());
  for (const auto& [s, id] : ref) {
    EXPECT_EQ(d.find(s), id);
    EXPECT_EQ(d.at(id), s);
  }
  EXPECT_EQ(d.find("not there"), Dictionary::kMissing);
}

TEST(Dictionary, EmbeddedNulsAndSimilarStringsAreDistinct) {
  Dictionary d;
  std::string a("x\0y", 3), b("x\0z", 3), c("x", 1);
  EXPECT_EQ(d.intern(a), 0u);
  EXPECT_EQ(d.intern(b), 1u);
  EXPECT_EQ(d.intern(c), 2u);
  EXPECT_EQ(d.find(std::string("x\0y", 3)), 0u);
}

TEST(Dictionary, ReserveAndCopyKeepIds) {
  Dictionary d;
  d.reserve(1000);
  for (int i = 0; i < 1000; ++i) d.intern("k" + std::to_string(i));
  Dictionary e = d;
  EXPECT_EQ(e.find("k999"), 999u);
  EXPECT_EQ(e.intern("new"), 1000u);
  EXPECT_EQ(d.find("new"), Dictionary::kMissing);
}

TEST(Dictionary, HashSpreadsShortKeys) {
  // Different short keys should not collide on the full 64-bit hash.
  std::unordered_map<uint64_t, std::string> seen;
  for (int i = 0; i < 100000; ++i) {
    std::string s = "c" + std::to_string(i);
    auto [it, inserted] = seen.emplace(hash_bytes(s), s);
    EXPECT_TRUE(inserted) << s << " collides with " << it->second;
  }
}

TEST(Dictionary, InlineLimitIsElevenBytes) {
  // Strings of up to kInlineMax bytes live in the index; one byte more takes
  // the path that compares with the string list. Both must behave the same.
  ASSERT_EQ(Dictionary::kInlineMax, 11u);
  Dictionary d;
  const std::string at_limit = "c1234567890";    // 11 bytes: inline
  const std::string over = "c12345678901";       // 12 bytes: long
  const std::string at_limit_b = "c1234567891";  // differs in the last inline byte
  const std::string over_b = "c12345678902";     // differs in the last byte
  ASSERT_EQ(at_limit.size(), 11u);
  ASSERT_EQ(over.size(), 12u);
  EXPECT_EQ(d.intern(at_limit), 0u);
  EXPECT_EQ(d.intern(over), 1u);
  EXPECT_EQ(d.intern(at_limit_b), 2u);
  EXPECT_EQ(d.intern(over_b), 3u);
  EXPECT_EQ(d.intern(over), 1u);
  EXPECT_EQ(d.intern(at_limit), 0u);
  EXPECT_EQ(d.find(at_limit_b), 2u);
  EXPECT_EQ(d.find(over_b), 3u);
  EXPECT_EQ(d.find("c123456789"), Dictionary::kMissing);     // 10 bytes, a prefix
  EXPECT_EQ(d.find("c123456789012"), Dictionary::kMissing);  // 13 bytes, an extension
  EXPECT_EQ(d.at(1), over);
  EXPECT_EQ(d.size(), 4u);
}

TEST(Dictionary, TrailingNulBytesChangeTheString) {
  // Inline strings are zero-padded: the length must tell "ab" from "ab\0".
  Dictionary d;
  const std::string ab = "ab";
  const std::string ab0("ab\0", 3);
  const std::string ab00("ab\0\0", 4);
  const std::string eleven_nuls(11, '\0');
  const std::string twelve_nuls(12, '\0');
  EXPECT_EQ(d.intern(ab), 0u);
  EXPECT_EQ(d.intern(ab0), 1u);
  EXPECT_EQ(d.intern(ab00), 2u);
  EXPECT_EQ(d.intern(""), 3u);
  EXPECT_EQ(d.intern(eleven_nuls), 4u);
  EXPECT_EQ(d.intern(twelve_nuls), 5u);
  EXPECT_EQ(d.find(ab0), 1u);
  EXPECT_EQ(d.find(ab00), 2u);
  EXPECT_EQ(d.find(std::string(1, '\0')), Dictionary::kMissing);
  EXPECT_EQ(d.at(4), eleven_nuls);
  EXPECT_EQ(d.at(5), twelve_nuls);
}

TEST(Dictionary, EveryLengthUpToTwentyAndEveryByteValue) {
  // For each length 0-20 and each position, a string with one byte set to
  // each of a few values (0x00, 0x7f, 0x80, 0xff): all distinct, so ids are
  // 0, 1, 2, ... in insertion order, and a second pass finds the same ids.
  Dictionary d;
  std::vector<std::string> all;
  const char values[] = {'\0', '\x7f', '\x80', '\xff'};
  for (size_t n = 0; n <= 20; ++n) {
    all.push_back(std::string(n, 'x'));
    for (size_t pos = 0; pos < n; ++pos)
      for (char v : values) {
        std::string s(n, 'x');
        s[pos] = v;
        all.push_back(s);
      }
  }
  for (size_t i = 0; i < all.size(); ++i) ASSERT_EQ(d.intern(all[i]), i) << i;
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(d.intern(all[i]), i) << i;
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(d.find(all[i]), i) << i;
  EXPECT_EQ(d.size(), all.size());
  EXPECT_EQ(d.strings(), all);
}

TEST(Dictionary, GrowthKeepsShortAndLongStrings) {
  // 50,000 distinct strings, alternately 7 bytes ("c" + 6 digits) and 22 bytes
  // (the same plus a 15-byte suffix), inserted through many doublings of the
  // index; then each is found under its id, in the order first seen.
  Dictionary d;
  std::vector<std::string> keys;
  for (int i = 0; i < 50000; ++i) {
    std::string s = "c" + std::to_string(100000 + i);
    if (i % 2) s += "-long-suffix-xx";
    keys.push_back(s);
    ASSERT_EQ(d.intern(s), static_cast<uint32_t>(i));
  }
  for (int i = 0; i < 50000; i += 7) EXPECT_EQ(d.intern(keys[i]), static_cast<uint32_t>(i));
  for (int i = 0; i < 50000; ++i) EXPECT_EQ(d.find(keys[i]), static_cast<uint32_t>(i));
  EXPECT_EQ(d.find("c150000"), Dictionary::kMissing);
  EXPECT_EQ(d.find("c100001-long-suffix-xy"), Dictionary::kMissing);
  EXPECT_EQ(d.find("c100000-long-suffix-xx"), Dictionary::kMissing);  // only odd ones are long
  EXPECT_EQ(d.size(), 50000u);
}

TEST(Dictionary, PrefetchNeverChangesTheContents) {
  Dictionary d;
  d.prefetch(hash_bytes("a"));  // no index yet: a no-op
  EXPECT_EQ(d.intern("a", hash_bytes("a")), 0u);
  d.prefetch(hash_bytes("b"));
  EXPECT_EQ(d.size(), 1u);
  EXPECT_EQ(d.find("b"), Dictionary::kMissing);
}

TEST(Dictionary, UnindexedStringsAreReadByIdAndIndexedOnDemand) {
  std::vector<std::string> strings;
  for (int i = 0; i < 1000; ++i) strings.push_back("customer-with-a-long-id-" + std::to_string(i));
  strings.push_back("short");
  Dictionary d;
  d.intern("dropped");  // replaced entirely
  d.assign_unindexed(strings);
  EXPECT_EQ(d.size(), 1001u);
  EXPECT_EQ(d.at(0), "customer-with-a-long-id-0");
  EXPECT_EQ(d.at(1000), "short");
  EXPECT_THROW(d.find("short"), std::logic_error);
  // intern builds the index: known strings keep their ids, new ones follow.
  EXPECT_EQ(d.intern("customer-with-a-long-id-999"), 999u);
  EXPECT_EQ(d.intern("short"), 1000u);
  EXPECT_EQ(d.intern("new"), 1001u);
  EXPECT_EQ(d.find("dropped"), Dictionary::kMissing);
  EXPECT_EQ(d.find("customer-with-a-long-id-5"), 5u);

  Dictionary e;
  e.assign_unindexed({"a", "b"});
  e.build_index();
  EXPECT_EQ(e.find("b"), 1u);
  EXPECT_EQ(e.find("c"), Dictionary::kMissing);
  e.build_index();  // a no-op once built
  EXPECT_EQ(e.find("a"), 0u);
}

}  // namespace
}  // namespace cjm
