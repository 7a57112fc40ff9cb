#include "server/event_log.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <iostream>

#include "core/error.h"
#include "storage/checksum.h"

namespace cjm::server {

namespace {

constexpr uint32_t kMagic = 0x4C4D4A43;  // "CJML" read as little-endian bytes
constexpr size_t kHeader = 16;
// No request makes a record this large (bodies are bounded far below it): a
// longer length is a damaged header.
constexpr uint32_t kMaxPayload = 256u << 20;

uint64_t record_checksum(const char* from_magic, size_t bytes) {
  return store_checksum(from_magic, bytes, 2);
}

std::string frame(std::string_view payload) {
  std::string r(kHeader + payload.size(), '\0');
  const uint32_t magic = kMagic, length = static_cast<uint32_t>(payload.size());
  std::memcpy(r.data() + 8, &magic, 4);
  std::memcpy(r.data() + 12, &length, 4);
  std::memcpy(r.data() + kHeader, payload.data(), payload.size());
  const uint64_t sum = record_checksum(r.data() + 8, r.size() - 8);
  std::memcpy(r.data(), &sum, 8);
  return r;
}

// The payload length of a valid record at `pos` of `data`, or -1.
int64_t valid_record(std::string_view data, size_t pos) {
  if (data.size() - pos < kHeader) return -1;
  uint64_t sum;
  uint32_t magic, length;
  std::memcpy(&sum, data.data() + pos, 8);
  std::memcpy(&magic, data.data() + pos + 8, 4);
  std::memcpy(&length, data.data() + pos + 12, 4);
  if (magic != kMagic || length > kMaxPayload || data.size() - pos - kHeader < length) return -1;
  if (record_checksum(data.data() + pos + 8, 8 + length) != sum) return -1;
  return length;
}

std::string errno_text() {
  return std::strerror(errno);
}

bool write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

std::string read_whole(int fd, const std::string& path) {
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const ssize_t r = ::read(fd, buf, sizeof buf);
    if (r < 0) {
      if (errno == EINTR) continue;
      throw Error(path, 0, "cannot read the event log: " + errno_text());
    }
    if (r == 0) break;
    data.append(buf, static_cast<size_t>(r));
  }
  return data;
}

}  // namespace

EventLog::EventLog(const EventLogOptions& options, Durable durable)
    : options_(options), durable_(std::move(durable)) {
  fd_ = ::open(options_.path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd_ < 0) throw Error(options_.path, 0, "cannot open the event log: " + errno_text());
  try {
    replay_file(durable_);
  } catch (...) {
    ::close(fd_);
    throw;
  }
  syncer_ = std::thread([this] { run_syncer(); });
}

EventLog::~EventLog() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_.notify_all();
  syncer_.join();
  ::close(fd_);
}

void EventLog::replay_file(const Durable& durable) {
  const std::string data = read_whole(fd_, options_.path);
  const std::string_view all(data);
  size_t pos = 0;
  while (pos < all.size()) {
    const int64_t length = valid_record(all, pos);
    if (length >= 0) {
      durable(all.substr(pos + kHeader, static_cast<size_t>(length)));
      ++replay_.records;
      pos += kHeader + static_cast<size_t>(length);
      continue;
    }
    // Not a record: a torn tail only if no valid record follows.
    for (size_t later = pos + 1; later + kHeader <= all.size(); ++later)
      if (valid_record(all, later) >= 0)
        throw Error(options_.path, 0,
                    fmt::format("corrupt record at byte {} of the event log (a valid record "
                                "follows at byte {}); the log is left as it is",
                                pos, later));
    replay_.torn_bytes = all.size() - pos;
    std::cerr << fmt::format(
        "cjm: {}: cut an incomplete last record ({} bytes at byte {}) written when the "
        "server stopped; it had not been acknowledged\n",
        options_.path, replay_.torn_bytes, pos);
    if (::ftruncate(fd_, static_cast<off_t>(pos)) != 0 || ::fdatasync(fd_) != 0)
      throw Error(options_.path, 0, "cannot cut the event log's torn tail: " + errno_text());
    break;
  }
  replay_.bytes = pos;
}

uint64_t EventLog::append(std::string_view payload) {
  std::string record = frame(payload);
  std::lock_guard lock(mu_);
  if (failed_ || stop_) return 0;
  queue_.push_back(std::move(record));
  const uint64_t ticket = next_ticket_++;
  work_.notify_one();
  return ticket;
}

bool EventLog::wait(uint64_t ticket) {
  std::unique_lock lock(mu_);
  done_.wait(lock, [&] { return failed_ || durable_ticket_ >= ticket; });
  return durable_ticket_ >= ticket;
}

uint64_t EventLog::last_ticket() const {
  std::lock_guard lock(mu_);
  return next_ticket_ - 1;
}

SyncStats EventLog::sync_stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

bool EventLog::write_and_sync(const std::string& bytes, size_t records) {
  if (!write_all(fd_, bytes.data(), bytes.size())) {
    std::cerr << fmt::format("cjm: {}: write failed: {}; no more events are acknowledged\n",
                             options_.path, errno_text());
    return false;
  }
  if (options_.before_sync) options_.before_sync(records);
  const auto start = std::chrono::steady_clock::now();
  bool ok = ::fdatasync(fd_) == 0;
  if (!ok)
    std::cerr << fmt::format("cjm: {}: fdatasync failed: {}; no more events are acknowledged\n",
                             options_.path, errno_text());
  if (ok && options_.fail_sync_after >= 0 && syncs_ok_ >= options_.fail_sync_after) {
    std::cerr << fmt::format(
        "cjm: {}: fdatasync failed (test hook); no more events are acknowledged\n", options_.path);
    ok = false;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::lock_guard lock(mu_);
  if (ok) ++syncs_ok_;
  ++stats_.count;
  stats_.sum_s += seconds;
  for (size_t b = 0; b < SyncStats::kBuckets; ++b)
    if (seconds <= SyncStats::kBounds[b]) ++stats_.le[b];
  ++stats_.le[SyncStats::kBuckets];
  return ok;
}

void EventLog::run_syncer() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, nothing left
    std::vector<std::string> batch;
    batch.swap(queue_);
    const uint64_t upto = next_ticket_ - 1;
    lock.unlock();
    std::string bytes;
    size_t total = 0;
    for (const auto& r : batch) total += r.size();
    bytes.reserve(total);
    for (const auto& r : batch) bytes += r;
    const bool ok = write_and_sync(bytes, batch.size());
    if (ok)
      for (const auto& r : batch) durable_(std::string_view(r).substr(kHeader));
    lock.lock();
    if (ok) {
      durable_ticket_ = upto;
      stats_.records += batch.size();
    } else {
      failed_ = true;
      queue_.clear();
    }
    done_.notify_all();
    if (!ok) break;
  }
}

}  // namespace cjm::server
