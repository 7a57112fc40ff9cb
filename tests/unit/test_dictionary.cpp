#include <gtest/gtest.h>

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

}  // namespace
}  // namespace cjm
