#include <gtest/gtest.h>

#include "spec/glob.h"

namespace cjm {
namespace {

TEST(GlobMatch, LiteralPatternMatchesOnlyItself) {
  EXPECT_TRUE(glob_match("purchase", "purchase"));
  EXPECT_FALSE(glob_match("purchase", "purchases"));
  EXPECT_FALSE(glob_match("purchase", "purchas"));
  EXPECT_FALSE(glob_match("purchase", ""));
  EXPECT_TRUE(glob_match("", ""));
  EXPECT_FALSE(glob_match("", "x"));
}

TEST(GlobMatch, TrailingStar) {
  EXPECT_TRUE(glob_match("search_*", "search_"));
  EXPECT_TRUE(glob_match("search_*", "search_x"));
  EXPECT_TRUE(glob_match("search_*", "search_shoes_red"));
  EXPECT_FALSE(glob_match("search_*", "searc"));
  EXPECT_FALSE(glob_match("search_*", "search"));
  EXPECT_FALSE(glob_match("search_*", "xsearch_a"));
}

TEST(GlobMatch, QuestionMarkIsExactlyOneByte) {
  EXPECT_TRUE(glob_match("a?c", "abc"));
  EXPECT_TRUE(glob_match("a?c", "a?c"));
  EXPECT_FALSE(glob_match("a?c", "ac"));
  EXPECT_FALSE(glob_match("a?c", "abbc"));
  EXPECT_FALSE(glob_match("a?c", "abd"));
  EXPECT_TRUE(glob_match("???", "xyz"));
  EXPECT_FALSE(glob_match("???", "xy"));
}

TEST(GlobMatch, LoneStarMatchesEverythingIncludingEmpty) {
  EXPECT_TRUE(glob_match("*", ""));
  EXPECT_TRUE(glob_match("*", "anything"));
  EXPECT_TRUE(glob_match("**", ""));
}

TEST(GlobMatch, LeadingAndInnerStars) {
  EXPECT_TRUE(glob_match("*_view", "ad_view"));
  EXPECT_TRUE(glob_match("*_view", "_view"));
  EXPECT_FALSE(glob_match("*_view", "ad_viewed"));
  EXPECT_TRUE(glob_match("page_*_view", "page__view"));
  EXPECT_TRUE(glob_match("page_*_view", "page_home_view"));
  EXPECT_FALSE(glob_match("page_*_view", "page_home_click"));
}

TEST(GlobMatch, MultipleStarsBacktrack) {
  EXPECT_TRUE(glob_match("a*b*c", "abc"));
  EXPECT_TRUE(glob_match("a*b*c", "aXXbYYc"));
  EXPECT_TRUE(glob_match("a*b*c", "abbbcbc"));
  EXPECT_FALSE(glob_match("a*b*c", "aXXcYYb"));
  EXPECT_TRUE(glob_match("*a*", "banana"));
  EXPECT_FALSE(glob_match("*a*", "xyz"));
  EXPECT_TRUE(glob_match("*?*", "q"));
  EXPECT_FALSE(glob_match("*?*", ""));
  EXPECT_TRUE(glob_match("*ab", "aab"));
  EXPECT_TRUE(glob_match("a*a*a", "aaa"));
  EXPECT_FALSE(glob_match("a*a*a", "aa"));
}

// A '*' in the pattern facing a '*' in the text was taken as a literal
// match, so "a*b" missed "a*xb" (found by fuzzing: tests/fuzz/corpus/glob).
TEST(GlobMatch, StarInThePatternStaysAWildcardFacingAStarInTheText) {
  EXPECT_TRUE(glob_match("a*b", "a*xb"));
  EXPECT_TRUE(glob_match("a*b", "a*b"));
  EXPECT_TRUE(glob_match("*a*b*c*", "abaaaaaa*a*b*c*"));
  EXPECT_TRUE(glob_match("*c*", "x*c*y"));
  EXPECT_TRUE(glob_match("a?b", "a*b"));
  EXPECT_FALSE(glob_match("a*b", "a*x"));
}

TEST(GlobMatch, IsCaseSensitive) {
  EXPECT_FALSE(glob_match("Search_*", "search_x"));
  EXPECT_FALSE(glob_match("abc", "ABC"));
}

TEST(GlobIsGlob, DetectsWildcards) {
  EXPECT_TRUE(is_glob("search_*"));
  EXPECT_TRUE(is_glob("a?c"));
  EXPECT_TRUE(is_glob("*"));
  EXPECT_FALSE(is_glob("purchase"));
  EXPECT_FALSE(is_glob(""));
}

}  // namespace
}  // namespace cjm
