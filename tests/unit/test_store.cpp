#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "app/run_analysis.h"
#include "app/run_import.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "journey/journeys.h"
#include "output/render.h"
#include "reader/read_events.h"
#include "storage/checksum.h"
#include "storage/store_format.h"
#include "storage/store_reader.h"
#include "storage/store_writer.h"

namespace cjm {
namespace {

namespace fs = std::filesystem;

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("cjm_store_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

// A small table with every optional column, missing values, sessions (one
// empty) and two attributes whose values change from event to event, in
// input order (not yet grouped).
EventTable sample_table() {
  EventTable t;
  struct Row {
    const char* customer;
    int64_t time;
    const char* event;
    const char* channel;
    float value, score;
    const char *session, *region, *device;
  };
  const Row rows[] = {{"c1", 30, "visit", "web", 1.5f, kNaN, "s1", "north", "mobile"},
                      {"c2", 10, "visit", "", kNaN, 4.0f, "s2", "", "desktop"},
                      {"c1", 10, "search", "app", kNaN, kNaN, "s1", "south", "desktop"},
                      {"c3", -5, "buy", "store", 99.0f, 5.0f, "", "east", "mobile"},
                      {"c2", 10, "buy", "web", 20.0f, kNaN, "s2", "", "desktop"},
                      {"c1", 20, "buy", "web", 7.25f, 1.0f, "s3", "north", "tablet"}};
  AttributeColumn region{"region", {}, {}};
  region.values.intern("");
  AttributeColumn device{"device type with a long name", {}, {}};
  device.values.intern("");
  for (const Row& r : rows) {
    t.customer.push_back(t.customers.intern(r.customer));
    t.time_us.push_back(r.time);
    t.event.push_back(t.events.intern(r.event));
    t.channel.push_back(*r.channel ? t.channels.intern(r.channel) : kNoChannel);
    t.value.push_back(money_from_double(r.value));
    t.score.push_back(r.score);
    t.session.push_back(t.sessions.intern(r.session));
    region.of.push_back(region.values.intern(r.region));
    device.of.push_back(device.values.intern(r.device));
  }
  t.attributes.push_back(std::move(region));
  t.attributes.push_back(std::move(device));
  return t;
}

template <class T>
bool same_bits(const Column<T>& a, const Column<T>& b) {
  return a.size() == b.size() &&
         (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

void expect_same(const EventTable& a, const EventTable& b) {
  EXPECT_EQ(a.customer, b.customer);
  EXPECT_EQ(a.time_us, b.time_us);
  EXPECT_EQ(a.event, b.event);
  EXPECT_EQ(a.channel, b.channel);
  EXPECT_TRUE(same_bits(a.value, b.value));  // NaN (missing) included
  EXPECT_TRUE(same_bits(a.score, b.score));
  EXPECT_EQ(a.customers.strings(), b.customers.strings());
  EXPECT_EQ(a.events.strings(), b.events.strings());
  EXPECT_EQ(a.channels.strings(), b.channels.strings());
  EXPECT_EQ(a.session, b.session);
  EXPECT_EQ(a.sessions.strings(), b.sessions.strings());
  ASSERT_EQ(a.attributes.size(), b.attributes.size());
  for (size_t i = 0; i < a.attributes.size(); ++i) {
    EXPECT_EQ(a.attributes[i].name, b.attributes[i].name);
    EXPECT_EQ(a.attributes[i].values.strings(), b.attributes[i].values.strings());
    EXPECT_EQ(a.attributes[i].of, b.attributes[i].of);
  }
}

std::string read_bytes(const std::string& p) {
  return read_file(p);
}

void write_bytes(const std::string& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The section table of a store file: name, offset, length.
struct Entry {
  std::string name;
  uint64_t offset, length;
};
std::vector<Entry> section_table(const std::string& bytes) {
  uint32_t count;
  std::memcpy(&count, bytes.data() + store_offset::kSections, 4);
  std::vector<Entry> out;
  for (uint32_t i = 0; i < count; ++i) {
    const char* e = bytes.data() + kStoreFixedHeader + i * kStoreEntryBytes;
    Entry entry{std::string(e, strnlen(e, kStoreNameBytes)), 0, 0};
    std::memcpy(&entry.offset, e + kStoreNameBytes, 8);
    std::memcpy(&entry.length, e + kStoreNameBytes + 8, 8);
    out.push_back(entry);
  }
  return out;
}

// Rewrites a store as format `version` would have checksummed it: every
// section, then the header.
void rechecksum(std::string& bytes, uint32_t version) {
  std::memcpy(bytes.data() + store_offset::kVersion, &version, 4);
  uint32_t count, header_bytes;
  std::memcpy(&count, bytes.data() + store_offset::kSections, 4);
  std::memcpy(&header_bytes, bytes.data() + store_offset::kHeaderBytes, 4);
  for (uint32_t i = 0; i < count; ++i) {
    char* e = bytes.data() + kStoreFixedHeader + i * kStoreEntryBytes;
    uint64_t offset, length;
    std::memcpy(&offset, e + kStoreNameBytes, 8);
    std::memcpy(&length, e + kStoreNameBytes + 8, 8);
    const uint64_t sum = store_checksum(bytes.data() + offset, length, version);
    std::memcpy(e + kStoreNameBytes + 16, &sum, 8);
  }
  std::memset(bytes.data() + store_offset::kChecksum, 0, 8);
  const uint64_t sum = store_checksum(bytes.data(), header_bytes, version);
  std::memcpy(bytes.data() + store_offset::kChecksum, &sum, 8);
}

std::string error_of(const std::string& p) {
  try {
    read_store(p);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(StoreChecksum, VersionOneIsReferenceXxh64) {
  EXPECT_EQ(store_checksum("", 0, 1), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(store_checksum("a", 1, 1), 0xD24EC4F1A98C6E5BULL);
  EXPECT_EQ(store_checksum("abc", 3, 1), 0x44BC2CF5AD770999ULL);
}

TEST(StoreChecksum, VersionTwoIsReferenceXxh3) {
  // Published XXH3-64 values (seed 0) of prefixes of a xorshift byte
  // sequence, as in LLVM's xxhash tests: every code path of the hash (up to
  // 16, 128 and 240 bytes, and the striped loop of longer inputs).
  std::vector<unsigned char> a(2243);
  uint64_t x = 1;
  for (unsigned char& b : a) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<unsigned char>(x);
  }
  const std::pair<size_t, uint64_t> expected[] = {
      {0, 0x2d06800538d394c2},    {1, 0xd0d496e05c553485},    {3, 0x6ea2d59aca5c3778},
      {8, 0xabc1413da6cd0209},    {16, 0x7e46916754d7c9b8},   {17, 0xed4be912ba5f836d},
      {128, 0x06a146ee9a2da378},  {129, 0xbc7138129bf065da},  {403, 0xcefeb3ffa532ad8c},
      {2048, 0x330ce110cbb79eae}, {2049, 0x3ba6afa0249fef9a}, {2243, 0x0979f786a24edde7}};
  for (const auto& [len, hash] : expected) EXPECT_EQ(store_checksum(a.data(), len, 2), hash) << len;
  EXPECT_EQ(store_checksum("a", 1, 2), 0xE6C632B61E964E1FULL);
  EXPECT_EQ(store_checksum("abc", 3, 2), 0x78AF5F94892F3950ULL);
}

// Versions 1 and 2 kept one attribute value per customer: a store written
// by them is refused, naming the file and saying to import the events again.
TEST_F(StoreTest, OldStoresAreRefusedWithTheReimportMessage) {
  EventTable table = sample_table();
  Journeys journeys = build_journeys(table);
  const std::string p = path("events.cjm"), old = path("old.cjm");
  write_store(p, table, journeys, StoreSource{"csv", "iso8601", 6, 0});
  std::string bytes = read_bytes(p);
  uint32_t version;
  std::memcpy(&version, bytes.data() + store_offset::kVersion, 4);
  EXPECT_EQ(version, 3u);
  for (uint32_t v : {1u, 2u}) {
    rechecksum(bytes, v);  // as that version would have checksummed it
    write_bytes(old, bytes);
    const std::string msg = error_of(old);
    EXPECT_EQ(msg.find(old + ": "), 0u) << msg;
    EXPECT_NE(msg.find(fmt::format("store format version {} is older than this cjm reads", v)),
              std::string::npos)
        << msg;
    EXPECT_NE(msg.find("import the events again with `cjm import`"), std::string::npos) << msg;
    EXPECT_TRUE(is_store_file(old));
  }
}

TEST_F(StoreTest, CustomerNamesCanBeLeftOut) {
  EventTable table = sample_table();
  Journeys journeys = build_journeys(table);
  const std::string p = path("events.cjm");
  write_store(p, table, journeys, StoreSource{"csv", "iso8601", 6, 0});
  const StoreContents full = read_store(p);
  const StoreContents lean = read_store(p, StoreReadOptions{.customer_names = false});
  EXPECT_EQ(full.table.customers.size(), 3u);
  EXPECT_EQ(lean.table.customers.size(), 0u);
  EXPECT_EQ(lean.journeys.count(), 3u);
  EXPECT_EQ(lean.journeys.offsets, full.journeys.offsets);
  EXPECT_EQ(lean.table.customer, full.table.customer);
  EXPECT_EQ(lean.table.event, full.table.event);
  EXPECT_EQ(lean.table.events.strings(), full.table.events.strings());
  ASSERT_EQ(lean.table.attributes.size(), 2u);
  EXPECT_EQ(lean.table.attributes[0].of, full.table.attributes[0].of);
  EXPECT_EQ(lean.table.session, full.table.session);
  EXPECT_EQ(lean.table.sessions.strings(), full.table.sessions.strings());

  // The section is still verified: a flipped byte in a customer id is found.
  std::string bytes = read_bytes(p);
  for (const Entry& e : section_table(bytes))
    if (e.name == "customers") bytes[e.offset + e.length - 1] ^= 1;
  write_bytes(p, bytes);
  const std::string error = [&] {
    try {
      read_store(p, StoreReadOptions{.customer_names = false});
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  }();
  EXPECT_NE(error.find("section 'customers'"), std::string::npos) << error;
  EXPECT_NE(error.find("checksum mismatch"), std::string::npos) << error;
}

TEST_F(StoreTest, RoundTripKeepsColumnsDictionariesAndOffsets) {
  EventTable table = sample_table();
  Journeys journeys = build_journeys(table);
  std::string p = path("events.cjm");
  StoreSource source{"csv", "iso8601", 7, 1};
  uint64_t bytes = write_store(p, table, journeys, source);
  EXPECT_EQ(bytes, fs::file_size(p));
  EXPECT_EQ(bytes % kStoreAlign, 0u);
  EXPECT_TRUE(is_store_file(p));

  StoreContents back = read_store(p);
  expect_same(table, back.table);
  EXPECT_EQ(back.journeys.offsets, journeys.offsets);
  // By hand: c1's journey is search (t 10), buy (20), visit (30); each event
  // keeps its own attribute values and session.
  const EventTable& t = back.table;
  ASSERT_EQ(journeys.begin(0), 0u);
  ASSERT_EQ(journeys.end(0), 3u);
  std::vector<std::string> region, device, session;
  for (size_t i = 0; i < 3; ++i) {
    region.push_back(t.attributes[0].values.at(t.attributes[0].of[i]));
    device.push_back(t.attributes[1].values.at(t.attributes[1].of[i]));
    session.push_back(t.sessions.at(t.session[i]));
  }
  EXPECT_EQ(region, (std::vector<std::string>{"south", "north", "north"}));
  EXPECT_EQ(device, (std::vector<std::string>{"desktop", "tablet", "mobile"}));
  EXPECT_EQ(session, (std::vector<std::string>{"s1", "s3", "s1"}));
  EXPECT_EQ(t.sessions.strings(), (std::vector<std::string>{"s1", "s2", "", "s3"}));
  EXPECT_TRUE(t.attributes[0].of.is_view());  // used in place
  EXPECT_TRUE(t.session.is_view());
  EXPECT_EQ(back.source.format, "csv");
  EXPECT_EQ(back.source.time_format, "iso8601");
  EXPECT_EQ(back.source.rows, 7u);
  EXPECT_EQ(back.source.rejected, 1u);
  // Every column section starts 8-byte aligned.
  for (const Entry& e : section_table(read_bytes(p))) EXPECT_EQ(e.offset % 8, 0u) << e.name;
}

TEST_F(StoreTest, OptionalColumnsAbsentStayAbsent) {
  EventTable table = sample_table();
  table.channel.clear();
  table.value.clear();
  table.session.clear();
  table.sessions = Dictionary{};
  table.attributes.clear();
  Journeys journeys = build_journeys(table);
  std::string p = path("lean.cjm");
  write_store(p, table, journeys, {"csv", "iso8601", table.size(), 0});
  for (const Entry& e : section_table(read_bytes(p)))
    EXPECT_TRUE(e.name != "session" && e.name != "sessions") << e.name;
  StoreContents back = read_store(p);
  EXPECT_FALSE(back.table.has_channel());
  EXPECT_FALSE(back.table.has_value());
  EXPECT_FALSE(back.table.has_session());
  EXPECT_TRUE(back.table.has_score());
  expect_same(table, back.table);
}

TEST_F(StoreTest, EmptyTable) {
  EventTable table;
  Journeys journeys = build_journeys(table);
  std::string p = path("empty.cjm");
  write_store(p, table, journeys, {"csv", "auto", 0, 0});
  StoreContents back = read_store(p);
  EXPECT_EQ(back.table.size(), 0u);
  EXPECT_EQ(back.journeys.count(), 0u);
  EXPECT_EQ(back.journeys.offsets, journeys.offsets);
}

TEST_F(StoreTest, RefusesAnUnorderedTable) {
  EventTable table = sample_table();
  Journeys journeys;  // build_journeys not run
  EXPECT_THROW(write_store(path("x.cjm"), table, journeys, {}), Error);
  EXPECT_FALSE(fs::exists(path("x.cjm")));
}

std::string example(const char* name) {
  return std::string(CJM_SOURCE_DIR) + "/examples/shop/" + name;
}

std::string json_without_input_path(AnalysisResult result) {
  result.input.path.clear();
  result.input.format.clear();
  return render_json(result);
}

TEST_F(StoreTest, AnalysisOfStoreEqualsAnalysisOfCsv) {
  RunOptions options;
  options.spec_path = example("journey.yaml");
  options.events_path = example("events.csv");
  options.report_to_stderr = false;
  AnalysisResult from_csv = run_analysis(options);

  // Import as `cjm import` does, under a name that hides the format: the store
  // is recognised by its magic bytes.
  JourneySpec spec = load_spec(options.spec_path);
  ReadOptions read;
  read.path = options.events_path;
  read.data = spec.data;
  ReadReport report;
  EventTable table = read_events(read, report);
  Journeys journeys = build_journeys(table);
  std::string p = path("events.csv");
  write_store(p, table, journeys, {report.format, report.time_format, report.rows, 0});

  options.events_path = p;
  AnalysisResult from_store = run_analysis(spec, options);
  EXPECT_EQ(from_store.input.format, "cjm");
  EXPECT_EQ(json_without_input_path(from_csv), json_without_input_path(from_store));

  options.format = InputFormat::kCjm;
  EXPECT_EQ(json_without_input_path(from_csv),
            json_without_input_path(run_analysis(spec, options)));
}

TEST_F(StoreTest, ImportCommandWritesAStoreThatAnalyzesLikeTheCsv) {
  std::string p = path("shop.cjm");
  std::string cmd = std::string(CJM_BINARY) + " import --events " + example("events.csv") +
                    " --spec " + example("journey.yaml") + " -o " + p + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  ASSERT_TRUE(is_store_file(p));
  for (const auto& entry : fs::directory_iterator(dir_))  // no temporary left behind
    EXPECT_EQ(entry.path().filename(), "shop.cjm");
  RunOptions options;
  options.spec_path = example("journey.yaml");
  options.events_path = example("events.csv");
  options.report_to_stderr = false;
  std::string expected = json_without_input_path(run_analysis(options));
  options.events_path = p;
  EXPECT_EQ(json_without_input_path(run_analysis(options)), expected);
}

TEST_F(StoreTest, RunImportWritesTheStoreAndRecordsTheRejects) {
  // Three good rows of two customers; line 4 has no event.
  const std::string events = path("log.csv");
  {
    std::ofstream out(events);
    out << "customer_id,timestamp,event\n"
        << "c1,2024-03-01T10:00:00Z,visit\n"
        << "c2,2024-03-01T10:01:00Z,visit\n"
        << "c1,2024-03-01T10:02:00Z,\n"
        << "c1,2024-03-01T10:03:00Z,buy\n";
  }
  ImportOptions options;
  options.events_path = events;
  options.rejects_path = path("rejects.tsv");
  options.output_path = path("log.cjm");
  options.report_to_stderr = false;
  const ImportSummary wrote = run_import(options);
  EXPECT_EQ(wrote.events, 3u);
  EXPECT_EQ(wrote.customers, 2u);
  EXPECT_EQ(wrote.bytes, fs::file_size(options.output_path));

  const StoreContents store = read_store(options.output_path);
  EXPECT_EQ(store.table.size(), 3u);
  EXPECT_EQ(store.source.format, "csv");
  EXPECT_EQ(store.source.time_format, "iso8601");
  EXPECT_EQ(store.source.rows, 4u);
  EXPECT_EQ(store.source.rejected, 1u);
  EXPECT_EQ(read_file(options.rejects_path), "line\treason\n4\tempty event in column 'event'\n");

  // A store given as the events: refused, naming it, before anything is written.
  options.events_path = options.output_path;
  options.output_path = path("again.cjm");
  try {
    run_import(options);
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.file(), path("log.cjm"));
    EXPECT_EQ(e.reason(), "is already a cjm store; analyze it directly");
    EXPECT_EQ(e.code(), ExitCode::kBadInput);
  }
  EXPECT_FALSE(fs::exists(path("again.cjm")));
}

class StoreDamage : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    EventTable table = sample_table();
    Journeys journeys = build_journeys(table);
    good_ = path("good.cjm");
    write_store(good_, table, journeys, {"csv", "iso8601", 6, 0});
    bytes_ = read_bytes(good_);
  }
  std::string good_, bytes_;
};

TEST_F(StoreDamage, EveryTruncationIsDetectedAndNamesTheFile) {
  std::string p = path("cut.cjm");
  std::vector<size_t> cuts = {0, 1, 7, 8, 12, 63, 64, 65};
  for (const Entry& e : section_table(bytes_))
    for (uint64_t at : {e.offset, e.offset + 1, e.offset + e.length / 2, e.offset + e.length})
      cuts.push_back(at);
  cuts.push_back(bytes_.size() - 1);
  for (size_t cut : cuts) {
    if (cut >= bytes_.size()) continue;
    write_bytes(p, bytes_.substr(0, cut));
    std::string msg = error_of(p);
    EXPECT_NE(msg.find(p), std::string::npos) << cut << ": " << msg;
    if (cut >= kStoreFixedHeader) {
      EXPECT_NE(msg.find("truncated: expected"), std::string::npos) << cut << ": " << msg;
    }
  }
  size_t full = bytes_.size();
  write_bytes(p, bytes_.substr(0, full - 8));
  EXPECT_NE(error_of(p).find(fmt::format("truncated: expected {} bytes, found {}", full, full - 8)),
            std::string::npos)
      << error_of(p);
}

TEST_F(StoreDamage, AFlippedByteInEachSectionNamesTheSection) {
  std::string p = path("flipped.cjm");
  for (const Entry& e : section_table(bytes_)) {
    if (e.length == 0) continue;
    std::string bad = bytes_;
    bad[e.offset + e.length / 2] ^= 0x10;
    write_bytes(p, bad);
    std::string msg = error_of(p);
    EXPECT_NE(msg.find(p + ": section '" + e.name + "'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("checksum mismatch (file corrupted?)"), std::string::npos) << msg;
  }
  std::string bad = bytes_;
  bad[store_offset::kEvents] ^= 1;  // the header has its own checksum
  write_bytes(p, bad);
  EXPECT_NE(error_of(p).find("section 'header' (offset 0) checksum mismatch"), std::string::npos)
      << error_of(p);
  bad = bytes_;
  bad.back() ^= 1;  // the padding after the last section
  write_bytes(p, bad);
  EXPECT_NE(error_of(p).find("non-zero padding"), std::string::npos) << error_of(p);
}

// Damage written with consistent checksums (a faulty writer, not a flipped
// bit) is still refused, naming the section and the event. After ordering,
// the sample's journeys are c1: events 0-2 at times 10, 20, 30; c2: events
// 3-4; c3: event 5.
TEST_F(StoreDamage, ContentThatBreaksTheJourneysIsRefusedDespiteItsChecksums) {
  const std::string p = path("inconsistent.cjm");
  // One value written into a section: 8 bytes for time_us, 4 otherwise.
  struct Edit {
    std::string section;
    size_t index;
    int64_t value;
  };
  auto damaged = [&](const std::vector<Edit>& edits) {
    std::string bad = bytes_;
    for (const Edit& edit : edits)
      for (const Entry& e : section_table(bad))
        if (e.name == edit.section) {
          const uint32_t narrow = static_cast<uint32_t>(edit.value);
          if (edit.section == "time_us")
            std::memcpy(bad.data() + e.offset + edit.index * 8, &edit.value, 8);
          else
            std::memcpy(bad.data() + e.offset + edit.index * 4, &narrow, 4);
        }
    rechecksum(bad, kStoreVersion);
    write_bytes(p, bad);
    return error_of(p);
  };
  struct Case {
    std::vector<Edit> edits;
    std::string section, error;
  };
  const std::vector<Case> cases = {
      {{{"time_us", 1, 5}}, "time_us", "event 1 is out of time order"},  // c1: 10, 5, 30
      {{{"event", 0, 99}}, "event", "event id out of range at event 0"},
      {{{"channel", 2, 77}}, "channel", "channel id out of range at event 2"},
      // Dictionaries: region has 4 values, device 4, sessions 4.
      {{{"attr.0.of", 2, 4}}, "attr.0.of", "id 4 out of range at event 2"},
      {{{"attr.1.of", 5, 99}}, "attr.1.of", "id 99 out of range at event 5"},
      {{{"session", 4, 4}}, "session", "id 4 out of range at event 4"},
      // c1's ids 0, 1, 0: not grouped.
      {{{"customer", 1, 1}}, "customer", "event 1 is not grouped under its customer"},
      // c2's first event given c1's id, and a time that keeps c1 in order:
      // ids 0 0 0 0 1 2 never decrease, yet journey c2 starts with c1's id.
      {{{"customer", 3, 0}, {"time_us", 3, 40}},
       "customer",
       "event 3 is not grouped under its customer"},
      // c2's last event given c3's id, and c3's time after it: ids 0 0 0 1 2 2.
      {{{"customer", 4, 2}, {"time_us", 5, 50}},
       "customer",
       "event 4 is not grouped under its customer"},
  };
  for (const Case& c : cases) {
    const std::string msg = damaged(c.edits);
    EXPECT_NE(msg.find(p + ": section '" + c.section + "'"), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.error), std::string::npos) << msg;
    EXPECT_EQ(msg.find("checksum"), std::string::npos) << msg;
  }
  // Unchanged content with recomputed checksums reads as before.
  EXPECT_EQ(damaged({}), "(no error)");
  EXPECT_EQ(read_store(p).table.size(), 6u);
}

// Value id 0 of every attribute means "missing": a dictionary that does not
// start with the empty string is refused.
TEST_F(StoreTest, AttributeValuesMustStartWithTheEmptyString) {
  EventTable table = sample_table();
  AttributeColumn odd{"odd", {}, {}};
  odd.values.intern("x");
  odd.of.assign(table.size(), 0);
  table.attributes.push_back(std::move(odd));
  Journeys journeys = build_journeys(table);
  const std::string p = path("odd.cjm");
  write_store(p, table, journeys, {"csv", "iso8601", 6, 0});
  const std::string msg = error_of(p);
  EXPECT_NE(msg.find(p + ": section 'attr.2'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("value 0 is not the empty string"), std::string::npos) << msg;
}

// A store whose checksums are valid but whose times lie outside years
// 1000-9999 (their differences would overflow), or whose values or scores lie
// outside the supported range, is refused with the section and the event.
TEST_F(StoreTest, TimesValuesAndScoresOutOfRangeAreRefused) {
  struct Case {
    std::function<void(EventTable&)> edit;
    std::string section, error;
  };
  const std::vector<Case> cases = {
      // c3's only event (sorted first): at the far end of int64.
      {[](EventTable& t) { t.time_us.mutable_data()[3] = INT64_MIN + 1; }, "time_us",
       "outside years 1000 to 9999"},
      {[](EventTable& t) { t.time_us.mutable_data()[0] = INT64_MAX; }, "time_us",
       "outside years 1000 to 9999"},
      {[](EventTable& t) { t.value.mutable_data()[0] = (1'000'000'000'000 + 1) * kValueScale; },
       "value", "outside the supported range"},
      {[](EventTable& t) { t.score.mutable_data()[1] = 3e38f; }, "score",
       "outside the supported range"},
      {[](EventTable& t) { t.score.mutable_data()[1] = -INFINITY; }, "score",
       "outside the supported range"},
  };
  for (const Case& c : cases) {
    EventTable table = sample_table();
    c.edit(table);
    Journeys journeys = build_journeys(table);
    const std::string p = path("range.cjm");
    write_store(p, table, journeys, {"csv", "iso8601", 6, 0});
    const std::string msg = error_of(p);
    EXPECT_NE(msg.find(p + ": section '" + c.section + "'"), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.error), std::string::npos) << msg;
  }
}

// The source counts must add up: rows = events + rejected.
TEST_F(StoreTest, ImpossibleSourceCountsAreRefused) {
  EventTable table = sample_table();
  Journeys journeys = build_journeys(table);
  const std::string p = path("counts.cjm");
  for (const StoreSource& source :
       {StoreSource{"csv", "iso8601", 6, 7}, StoreSource{"csv", "iso8601", UINT64_MAX, 0},
        StoreSource{"csv", "iso8601", 5, 0}}) {
    write_store(p, table, journeys, source);
    const std::string msg = error_of(p);
    EXPECT_NE(msg.find(p + ": section 'source'"), std::string::npos) << msg;
    EXPECT_NE(msg.find("do not leave the store's 6 events"), std::string::npos) << msg;
  }
  write_store(p, table, journeys, {"csv", "iso8601", 9, 3});
  EXPECT_EQ(read_store(p).source.rejected, 3u);
}

TEST_F(StoreDamage, WrongMagicAndNewerVersionAreClear) {
  std::string p = path("other.cjm");
  std::string bad = bytes_;
  bad[0] = 'X';
  write_bytes(p, bad);
  EXPECT_FALSE(is_store_file(p));
  EXPECT_NE(error_of(p).find("not a cjm store"), std::string::npos) << error_of(p);

  bad = bytes_;
  uint32_t version = kStoreVersion + 1;
  std::memcpy(bad.data() + store_offset::kVersion, &version, 4);
  write_bytes(p, bad);
  EXPECT_TRUE(is_store_file(p));
  EXPECT_NE(error_of(p).find("is newer than this cjm reads"), std::string::npos) << error_of(p);

  write_bytes(p, "");
  EXPECT_NE(error_of(p).find("empty file"), std::string::npos) << error_of(p);
  EXPECT_THROW(read_store(path("missing.cjm")), Error);
  EXPECT_FALSE(is_store_file(path("missing.cjm")));
}

TEST_F(StoreTest, DetectionNeverReadsFromAPipe) {
  std::string fifo = path("events.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_FALSE(is_store_file(fifo));  // returns at once: no open, no read
  EXPECT_FALSE(is_store_file("-"));
}

}  // namespace
}  // namespace cjm
