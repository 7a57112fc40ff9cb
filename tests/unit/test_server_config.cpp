// The server's keys (server/access_keys.h) and spec versions
// (server/spec_versions.h): generated keys kept with mode 0600 and read back,
// the environment first, malformed files refused; a spec checked with its
// error's line, saved with the previous text kept, and a changed data: block
// refused.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/error.h"
#include "server/access_keys.h"
#include "server/spec_versions.h"

namespace cjm::server {
namespace {

namespace fs = std::filesystem;

class ServerConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cjm_server_config_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ::unsetenv("CJM_WRITE_KEY");
    ::unsetenv("CJM_READ_TOKEN");
  }
  void TearDown() override {
    fs::remove_all(dir_);
    ::unsetenv("CJM_WRITE_KEY");
    ::unsetenv("CJM_READ_TOKEN");
  }
  fs::path dir_;
};

TEST(SameSecret, ComparesWholeStrings) {
  EXPECT_TRUE(same_secret("abc", "abc"));
  EXPECT_FALSE(same_secret("abd", "abc"));
  EXPECT_FALSE(same_secret("ab", "abc"));
  EXPECT_FALSE(same_secret("abcd", "abc"));
  EXPECT_FALSE(same_secret("", "")) << "an empty secret matches nothing";
}

TEST_F(ServerConfigTest, KeysAreGeneratedOnceWithMode0600) {
  bool created = false;
  const AccessKeys first = load_access_keys(dir_.string(), created);
  EXPECT_TRUE(created);
  EXPECT_EQ(first.write_key.size(), 64u);
  EXPECT_EQ(first.read_token.size(), 64u);
  EXPECT_NE(first.write_key, first.read_token);
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const AccessKeys again = load_access_keys(dir_.string(), created);
  EXPECT_FALSE(created);
  EXPECT_EQ(again.write_key, first.write_key);
  EXPECT_EQ(again.read_token, first.read_token);
  // The environment wins, key by key.
  ::setenv("CJM_WRITE_KEY", "from-env", 1);
  const AccessKeys env = load_access_keys(dir_.string(), created);
  EXPECT_EQ(env.write_key, "from-env");
  EXPECT_EQ(env.read_token, first.read_token);
}

TEST_F(ServerConfigTest, AMalformedKeysFileIsAnError) {
  write_file_atomic((dir_ / "keys").string(), "write_key=a\nsomething else\n");
  bool created = false;
  try {
    load_access_keys(dir_.string(), created);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.line(), 2u);
  }
  write_file_atomic((dir_ / "keys").string(), "write_key=a\n");
  EXPECT_THROW(load_access_keys(dir_.string(), created), Error);
}

constexpr const char* kSpec = "name: S\nstages:\n  - id: a\n    events: [x]\n";

TEST_F(ServerConfigTest, SpecCheckSaveAndHistory) {
  const std::string path = (dir_ / "spec.yaml").string();
  write_file_atomic(path, kSpec);
  SpecVersions specs(path, (dir_ / "data").string());
  SpecProblem problem;
  EXPECT_FALSE(
      specs.check("name: S\nstages:\n  - id: a\n    events: [x]\n    colour: red\n", problem));
  EXPECT_EQ(problem.line, 5u);
  EXPECT_NE(problem.message.find("unknown key 'colour'"), std::string::npos) << problem.message;
  EXPECT_FALSE(specs.save("name: S\nstages: 3\n", problem));
  EXPECT_TRUE(specs.history().empty()) << "a refused spec changes nothing";
  EXPECT_EQ(read_file(path), kSpec);
  // The data: block is the one the events were mapped with.
  EXPECT_FALSE(specs.check(std::string(kSpec) + "data:\n  value: revenue\n", problem));
  EXPECT_NE(problem.message.find("data: block cannot change"), std::string::npos);

  const std::string second = "name: Second\nstages:\n  - id: a\n    events: [x, y]\n";
  ASSERT_TRUE(specs.save(second, problem));
  EXPECT_EQ(read_file(path), second);
  EXPECT_EQ(specs.text(), second);
  EXPECT_EQ(specs.spec().name, "Second");
  EXPECT_EQ(specs.history(), (std::vector<uint64_t>{1}));
  EXPECT_EQ(specs.version_text(1), kSpec);
  ASSERT_TRUE(specs.save(kSpec, problem));
  EXPECT_EQ(specs.history(), (std::vector<uint64_t>{1, 2}));
  EXPECT_EQ(specs.version_text(2), second);
  EXPECT_EQ(specs.version_text(7), "");
}

}  // namespace
}  // namespace cjm::server
