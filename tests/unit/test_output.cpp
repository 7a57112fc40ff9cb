// Outputs written correctly (core/atomic_file.h), through the cjm binary:
// regular files replaced atomically, symbolic links followed, devices and
// FIFOs written in place, every write checked (stdout included), folders
// swapped whole; and with the fault shim (tests/fault) making write, fsync,
// rename or mmap fail, every command exits 1 with a clear message and leaves
// the previous output as it was. Nothing here writes to a system path but
// /dev/full (a FIFO and symbolic links in a temporary folder stand for the
// devices).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/atomic_file.h"

namespace cjm {
namespace {

namespace fs = std::filesystem;

const std::string kCase = std::string(CJM_SOURCE_DIR) + "/tests/cases/attribution/";

class OutputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cjm_output_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Runs cjm with `args` in the test folder (with `env` before it); returns
  // the exit code, and keeps stderr in err_.
  int cjm(const std::string& args, const std::string& env = "") {
    const std::string cmd = "cd '" + dir_.string() + "' && " + env + " '" + CJM_BINARY + "' " +
                            args + " 2> '" + path("stderr.txt") + "'";
    const int status = std::system(cmd.c_str());
    err_ = read_file(path("stderr.txt"));
    fs::remove(path("stderr.txt"));
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  // The same with the fault shim preloaded and CJM_FAULT=`fault`.
  int cjm_faulty(const std::string& args, const std::string& fault) {
    return cjm(args, "CJM_FAULT=" + fault + " LD_PRELOAD='" + CJM_FAULT_SHIM +
                         "' ASAN_OPTIONS=\"$ASAN_OPTIONS:verify_asan_link_order=0\"");
  }

  std::string analyze(const std::string& more) const {
    return "analyze --spec " + kCase + "journey.yaml --events " + kCase + "events.csv " + more;
  }
  std::string map(const std::string& more) const {
    return "map --spec " + kCase + "journey.yaml --events " + kCase + "events.csv " + more;
  }

  // Names in the test folder, except those given.
  std::set<std::string> names() const {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.insert(e.path().filename().string());
    return out;
  }
  void put(const std::string& name, const std::string& content) const {
    std::ofstream(path(name), std::ios::binary) << content;
  }

  fs::path dir_;
  std::string err_;
};

// A regular file is replaced whole, keeps its permission bits, and no
// temporary file is left.
TEST_F(OutputTest, RegularFileIsReplacedAndKeepsItsMode) {
  ASSERT_EQ(cjm(analyze("--format json -o expected.json")), 0) << err_;
  put("out.json", "OLD");
  fs::permissions(path("out.json"),
                  fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  ASSERT_EQ(cjm(analyze("--format json -o out.json")), 0) << err_;
  EXPECT_EQ(read_file(path("out.json")), read_file(path("expected.json")));
  EXPECT_EQ(fs::status(path("out.json")).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
  EXPECT_EQ(names(), (std::set<std::string>{"expected.json", "out.json"}));
}

// Several megabytes through both the stream and write(), interleaved (more
// than the buffers hold), arrive whole and in order; so does cjm generate's
// output of a few megabytes, to a file and to stdout.
TEST_F(OutputTest, LargeOutputThroughStreamAndWritesArrivesWhole) {
  std::string expected;
  write_output(path("big.txt"), [&](Output& out) {
    for (int i = 0; i < 300000; ++i) {
      const std::string line = "line " + std::to_string(i) + "\n";
      if (i % 3 == 0)
        out.write(line);
      else
        out.stream() << line;
      expected += line;
    }
    const std::string block(3 << 20, 'x');  // larger than the buffer: written directly
    out.write(block);
    expected += block;
  });
  EXPECT_EQ(read_file(path("big.txt")), expected);
  EXPECT_EQ(cjm("generate --customers 20000 --seed 3 -o gen.csv"), 0) << err_;
  EXPECT_EQ(cjm("generate --customers 20000 --seed 3 > out.csv"), 0) << err_;
  EXPECT_GT(fs::file_size(path("gen.csv")), size_t{2} << 20);
  EXPECT_EQ(read_file(path("gen.csv")), read_file(path("out.csv")));
}

// A symbolic link is followed (two links deep here) and its target
// replaced; the links stay links. A dangling link gets its target created.
TEST_F(OutputTest, SymbolicLinksAreFollowedAndStay) {
  ASSERT_EQ(cjm(analyze("--format json -o expected.json")), 0) << err_;
  fs::create_directories(path("real"));
  put("real/target.json", "OLD");
  fs::create_symlink("real/target.json", path("link1"));
  fs::create_symlink("link1", path("link2"));
  ASSERT_EQ(cjm(analyze("--format json -o link2")), 0) << err_;
  EXPECT_TRUE(fs::is_symlink(path("link1")));
  EXPECT_TRUE(fs::is_symlink(path("link2")));
  EXPECT_EQ(read_file(path("real/target.json")), read_file(path("expected.json")));

  fs::create_symlink("real/new.json", path("dangling"));
  ASSERT_EQ(cjm(analyze("--format json -o dangling")), 0) << err_;
  EXPECT_TRUE(fs::is_symlink(path("dangling")));
  EXPECT_EQ(read_file(path("real/new.json")), read_file(path("expected.json")));
}

// A FIFO (standing for any device) is written straight through and stays a
// FIFO: it used to be replaced by a regular file, as /dev/null was.
TEST_F(OutputTest, AFifoIsWrittenInPlaceNotReplaced) {
  ASSERT_EQ(cjm(analyze("--format json -o expected.json")), 0) << err_;
  ASSERT_EQ(::mkfifo(path("out.fifo").c_str(), 0600), 0);
  const std::string cmd = "cd '" + dir_.string() + "' && (cat out.fifo > got.json &) && '" +
                          CJM_BINARY + "' " + analyze("--format json -o out.fifo") +
                          " 2>/dev/null; sleep 0.2; wait";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  // cat may still be draining: wait for its output to be complete.
  for (int i = 0; i < 100 && read_file(path("got.json")) != read_file(path("expected.json")); ++i)
    ::usleep(50'000);
  EXPECT_EQ(read_file(path("got.json")), read_file(path("expected.json")));
  struct stat st {};
  ASSERT_EQ(::lstat(path("out.fifo").c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

// Writes to a full device fail loudly: stdout redirected to /dev/full, -o
// /dev/full, --rejects /dev/full, generate to stdout. They used to exit 0.
TEST_F(OutputTest, AFullDeviceFailsWithExitOne) {
  EXPECT_EQ(cjm(analyze("> /dev/full")), 1);
  EXPECT_NE(err_.find("standard output: cannot write output: No space left on device"),
            std::string::npos)
      << err_;
  EXPECT_EQ(cjm(analyze("--format json -o /dev/full")), 1);
  EXPECT_NE(err_.find("/dev/full: cannot write output: No space left on device"), std::string::npos)
      << err_;
  EXPECT_EQ(cjm("generate --customers 50 > /dev/full"), 1);
  EXPECT_NE(err_.find("No space left on device"), std::string::npos) << err_;
  put("bad.csv", "customer_id,timestamp,event\nc1,nope,A\nc1,2024-01-01,buy\n");
  EXPECT_EQ(cjm("analyze --spec " + kCase + "journey.yaml --events bad.csv --rejects /dev/full " +
                "-o out.txt"),
            1);
  EXPECT_NE(err_.find("/dev/full: cannot write output: No space left on device"), std::string::npos)
      << err_;
  EXPECT_FALSE(fs::exists(path("out.txt")));
}

// `map --format csv -o DIR`: the folder is written whole, replaced whole on
// a second run, refused if it holds anything else, and followed if a link.
TEST_F(OutputTest, CsvFolderIsReplacedWholeAndNeverMixed) {
  ASSERT_EQ(cjm(map("--format csv -o tables")), 0) << err_;
  const std::set<std::string> before = names();
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(path("tables")))
    files.push_back(e.path().filename().string());
  EXPECT_EQ(files.size(), 16u);  // the 16 tables of output/map_exports.h
  put("tables/stages.csv", "OLD");
  ASSERT_EQ(cjm(map("--format csv -o tables")), 0) << err_;
  EXPECT_NE(read_file(path("tables/stages.csv")), "OLD");
  EXPECT_EQ(names(), before);  // no temporary or old folder left

  put("tables/notes.txt", "mine");
  EXPECT_EQ(cjm(map("--format csv -o tables")), 1);
  EXPECT_NE(err_.find("holds 'notes.txt'"), std::string::npos) << err_;
  EXPECT_EQ(read_file(path("tables/notes.txt")), "mine");
  fs::remove(path("tables/notes.txt"));

  fs::create_symlink("tables", path("link"));
  put("tables/stages.csv", "OLD");
  ASSERT_EQ(cjm(map("--format csv -o link")), 0) << err_;
  EXPECT_TRUE(fs::is_symlink(path("link")));
  EXPECT_NE(read_file(path("tables/stages.csv")), "OLD");
}

// Each command, with write, fsync or rename failing: exit 1, a message with
// the path and the system's reason, and the previous output untouched
// (nothing half-written, no temporary file left).
TEST_F(OutputTest, FailingWriteFsyncOrRenameLeavesThePreviousOutput) {
  struct Command {
    std::string args, output;
  };
  const std::vector<Command> commands = {
      {analyze("--format json -o out"), "out"},
      {analyze("--format markdown -o out"), "out"},
      {map("-o out"), "out"},
      {map("--format mermaid -o out"), "out"},
      {map("--format markdown -o out"), "out"},
      {"import --events " + kCase + "events.csv -o out", "out"},
      {"generate --customers 200 -o out", "out"},
  };
  const std::vector<std::pair<std::string, std::string>> faults = {
      {"write:0", "No space left on device"},
      {"fsync:0", "Input/output error"},
      {"rename:0", "Input/output error"}};
  for (const Command& c : commands)
    for (const auto& [fault, reason] : faults) {
      put(c.output, "OLD");
      EXPECT_EQ(cjm_faulty(c.args, fault), 1) << c.args << " " << fault << ": " << err_;
      EXPECT_NE(err_.find("out: cannot write output: " + reason), std::string::npos)
          << c.args << " " << fault << ": " << err_;
      EXPECT_EQ(read_file(path(c.output)), "OLD") << c.args << " " << fault;
      EXPECT_EQ(names(), std::set<std::string>{c.output}) << c.args << " " << fault;
    }
}

// The CSV folder under the same faults: the previous folder stays whole.
TEST_F(OutputTest, FailingFolderWriteLeavesThePreviousFolder) {
  ASSERT_EQ(cjm(map("--format csv -o tables")), 0) << err_;
  put("tables/stages.csv", "OLD");
  const std::vector<std::pair<std::string, std::string>> faults = {
      {"write:0", "tables/stages.csv: cannot write output: No space left on device"},
      {"fsync:0", "tables/stages.csv: cannot write output: Input/output error"},
      {"write:5", ": cannot write output: No space left on device"},
      {"rename:0", "tables: cannot write the folder: Input/output error"}};
  for (const auto& [fault, message] : faults) {
    EXPECT_EQ(cjm_faulty(map("--format csv -o tables"), fault), 1) << fault << ": " << err_;
    EXPECT_NE(err_.find(message), std::string::npos) << fault << ": " << err_;
    EXPECT_EQ(read_file(path("tables/stages.csv")), "OLD") << fault;
    size_t files = 0;
    for (const auto& e : fs::directory_iterator(path("tables"))) files += e.is_regular_file();
    EXPECT_EQ(files, 16u) << fault;
    EXPECT_EQ(names(), std::set<std::string>{"tables"}) << fault;
  }
}

// mmap failing: the event reader falls back to reading the file (same
// result); a store, which is only ever mapped, is refused with the reason.
TEST_F(OutputTest, FailingMmapFallsBackOrFailsClearly) {
  ASSERT_EQ(cjm(analyze("--format json -o expected.json")), 0) << err_;
  EXPECT_EQ(cjm_faulty(analyze("--format json -o got.json"), "mmap:0"), 0) << err_;
  EXPECT_EQ(read_file(path("got.json")), read_file(path("expected.json")));
  ASSERT_EQ(cjm("import --events " + kCase + "events.csv -o events.cjm"), 0) << err_;
  EXPECT_EQ(cjm_faulty("analyze --spec " + kCase + "journey.yaml --events events.cjm", "mmap:0"),
            1);
  EXPECT_NE(err_.find("events.cjm: cannot map: Cannot allocate memory"), std::string::npos) << err_;
}

}  // namespace
}  // namespace cjm
