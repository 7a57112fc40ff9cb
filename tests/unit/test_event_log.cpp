// The server's event log (server/event_log.h) and the store on it: records
// come back on replay exactly as appended; a torn tail is cut, a corrupt
// record with valid ones after it is an error; one sync covers every record
// waiting for it (group commit); a failed sync stops acknowledgements for
// good; messageIds are deduplicated across restarts.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/atomic_file.h"
#include "core/error.h"
#include "server/event_log.h"
#include "server/event_store.h"
#include "server/message.h"

namespace cjm::server {
namespace {

namespace fs = std::filesystem;

class EventLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ =
        fs::temp_directory_path() / ("cjm_log_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string log_path() const { return (dir_ / "events.log").string(); }

  // Opens the log, collecting replayed payloads into `seen`.
  std::unique_ptr<EventLog> open(std::vector<std::string>& seen, EventLogOptions o = {}) {
    o.path = log_path();
    return std::make_unique<EventLog>(o, [&seen](std::string_view p) { seen.emplace_back(p); });
  }

  // Appends `payloads` to a fresh log, waiting for each, and closes it.
  void write_records(const std::vector<std::string>& payloads) {
    std::vector<std::string> seen;
    auto log = open(seen);
    for (const auto& p : payloads) ASSERT_TRUE(log->wait(log->append(p)));
  }

  fs::path dir_;
};

TEST_F(EventLogTest, ReplaysEveryRecordInOrder) {
  write_records({"first", "", "third record", std::string(100000, 'x')});
  std::vector<std::string> seen;
  auto log = open(seen);
  EXPECT_EQ(seen,
            (std::vector<std::string>{"first", "", "third record", std::string(100000, 'x')}));
  EXPECT_EQ(log->replay().records, 4u);
  EXPECT_EQ(log->replay().torn_bytes, 0u);
  // Each record: 16 header bytes + its payload.
  EXPECT_EQ(log->replay().bytes, 4 * 16u + 5 + 0 + 12 + 100000);
}

TEST_F(EventLogTest, CutsATornTailAndKeepsWhatCameBefore) {
  write_records({"one", "two", "three"});
  const uint64_t full = fs::file_size(log_path());
  // Every cut inside the last record (16 + 5 bytes) is a torn tail.
  for (uint64_t cut = 1; cut < 21; ++cut) {
    write_records({});  // nothing: only to keep the file
    fs::resize_file(log_path(), full - cut);
    std::vector<std::string> seen;
    {
      auto log = open(seen);
      EXPECT_EQ(log->replay().torn_bytes, 21 - cut) << cut;
    }
    EXPECT_EQ(seen, (std::vector<std::string>{"one", "two"})) << cut;
    EXPECT_EQ(fs::file_size(log_path()), full - 21) << "the tail is cut off the file";
    // Restore the third record for the next cut.
    std::vector<std::string> again;
    auto log = open(again);
    ASSERT_TRUE(log->wait(log->append("three")));
  }
}

TEST_F(EventLogTest, ZerosAfterTheLastRecordAreATornTail) {
  write_records({"one"});
  {
    std::ofstream f(log_path(), std::ios::app | std::ios::binary);
    f << std::string(4096, '\0');
  }
  std::vector<std::string> seen;
  auto log = open(seen);
  EXPECT_EQ(seen, (std::vector<std::string>{"one"}));
  EXPECT_EQ(log->replay().torn_bytes, 4096u);
  // New records follow the kept ones.
  ASSERT_TRUE(log->wait(log->append("two")));
  log.reset();
  seen.clear();
  log = open(seen);
  EXPECT_EQ(seen, (std::vector<std::string>{"one", "two"}));
}

TEST_F(EventLogTest, ACorruptRecordInTheMiddleIsAnErrorAndTheFileIsKept) {
  write_records({"one", "two", "three"});
  std::string bytes = read_file(log_path());
  bytes[16 + 3 + 16 + 1] ^= 0x20;  // a payload byte of "two"
  write_file_atomic(log_path(), bytes);
  std::vector<std::string> seen;
  try {
    open(seen);
    FAIL() << "a corrupt record was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("corrupt record at byte 19"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(read_file(log_path()), bytes) << "nothing is cut on corruption";
}

TEST_F(EventLogTest, ADamagedLengthInTheMiddleIsAnError) {
  write_records({"one", "two", "three"});
  std::string bytes = read_file(log_path());
  bytes[12] = 0x7f;  // the length of "one": far beyond the file
  write_file_atomic(log_path(), bytes);
  std::vector<std::string> seen;
  EXPECT_THROW(open(seen), Error);
}

TEST_F(EventLogTest, OneSyncCoversEveryWaitingRecord) {
  // The first sync is held until 7 more records wait: they all go in the
  // second sync.
  std::atomic<int> appended{0};
  std::atomic<bool> holding{false};  // the first sync has begun and waits
  std::vector<size_t> per_sync;
  std::mutex mu;
  EventLogOptions o;
  o.before_sync = [&](size_t records) {
    {
      std::lock_guard lock(mu);
      per_sync.push_back(records);
    }
    if (per_sync.size() == 1) {
      holding = true;
      while (appended.load() < 8) std::this_thread::yield();
    }
  };
  std::vector<std::string> seen;
  auto log = open(seen, o);
  std::vector<std::thread> threads;
  std::vector<bool> ok(8);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      if (i > 0)
        while (!holding.load()) std::this_thread::yield();
      const uint64_t t = log->append("r" + std::to_string(i));
      appended++;
      ok[static_cast<size_t>(i)] = log->wait(t);
    });
  for (auto& t : threads) t.join();
  for (bool b : ok) EXPECT_TRUE(b);
  EXPECT_EQ(per_sync, (std::vector<size_t>{1, 7}));
  EXPECT_EQ(log->sync_stats().count, 2u);
  EXPECT_EQ(seen.size(), 8u) << "every durable record reached the callback";
}

TEST_F(EventLogTest, AFailedSyncStopsAcknowledgingForGood) {
  EventLogOptions o;
  o.fail_sync_after = 2;
  std::vector<std::string> seen;
  auto log = open(seen, o);
  EXPECT_TRUE(log->wait(log->append("a")));
  EXPECT_TRUE(log->wait(log->append("b")));
  EXPECT_FALSE(log->wait(log->append("c")));  // the third sync fails
  EXPECT_TRUE(log->failed());
  EXPECT_EQ(log->append("d"), 0u) << "nothing is taken after a failure";
  EXPECT_FALSE(log->wait(log->last_ticket()));
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b"})) << "the failed record never became durable";
}

TEST(MessageCodec, RoundTrips) {
  Message a;
  a.id = "m-1";
  a.customer = "c\n\"1\"";
  a.event = "page view";
  a.time_us = -5;
  a.fields = {{"channel", "web"}, {"", ""}, {"k", std::string(300, 'z')}};
  Message b;
  b.kind = MessageKind::kTraits;
  b.customer = "c2";
  const auto back = decode_messages(encode_messages({a, b}));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].id, a.id);
  EXPECT_EQ(back[0].customer, a.customer);
  EXPECT_EQ(back[0].event, a.event);
  EXPECT_EQ(back[0].time_us, -5);
  EXPECT_EQ(back[0].fields, a.fields);
  EXPECT_EQ(back[1].kind, MessageKind::kTraits);
  EXPECT_EQ(back[1].customer, "c2");
  const std::string bytes = encode_messages({a});
  for (size_t cut = 0; cut < bytes.size(); ++cut)
    EXPECT_THROW(decode_messages(std::string_view(bytes).substr(0, cut)), Error) << cut;
}

Message event(std::string id, std::string customer, std::string name, int64_t t) {
  Message m;
  m.id = std::move(id);
  m.customer = std::move(customer);
  m.event = std::move(name);
  m.time_us = t;
  return m;
}

TEST_F(EventLogTest, StoreDeduplicatesMessageIdsAcrossRestarts) {
  EventStoreOptions o;
  o.dir = dir_.string();
  {
    EventStore store(o);
    auto in = store.ingest({event("a", "c1", "view", 1), event("b", "c1", "buy", 2),
                            event("a", "c1", "view", 1), event("", "c2", "view", 3),
                            event("", "c2", "view", 3)});
    EXPECT_TRUE(in.durable);
    EXPECT_EQ(in.stored, 4u) << "messages without an id are never deduplicated";
    EXPECT_EQ(in.duplicates, 1u);
    EXPECT_EQ(store.events(), 4u);
  }
  EventStore store(o);
  EXPECT_EQ(store.events(), 4u) << "replayed";
  EXPECT_EQ(store.customers(), 2u);
  auto again = store.ingest({event("b", "c1", "buy", 2), event("c", "c1", "buy", 9)});
  EXPECT_TRUE(again.durable);
  EXPECT_EQ(again.stored, 1u);
  EXPECT_EQ(again.duplicates, 1u);
  EXPECT_EQ(store.events(), 5u);
  // A request made only of duplicates is acknowledged without a record.
  auto only = store.ingest({event("c", "c1", "buy", 9)});
  EXPECT_TRUE(only.durable);
  EXPECT_EQ(only.stored, 0u);
  EXPECT_EQ(store.events(), 5u);
}

TEST_F(EventLogTest, StoreAnswersUnavailableAfterAFailedSync) {
  EventStoreOptions o;
  o.dir = dir_.string();
  o.fail_sync_after = 1;
  EventStore store(o);
  EXPECT_TRUE(store.ingest({event("a", "c", "x", 1)}).durable);
  EXPECT_FALSE(store.ingest({event("b", "c", "x", 2)}).durable);
  EXPECT_FALSE(store.ingest({event("c", "c", "x", 3)}).durable) << "never retried and trusted";
  EXPECT_EQ(store.events(), 1u);
}

}  // namespace
}  // namespace cjm::server
