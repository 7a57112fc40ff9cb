#include "server/event_store.h"

#include <filesystem>

#include "core/error.h"

namespace cjm::server {

namespace {

constexpr size_t kRecordBytes = size_t{8} << 20;

// About the bytes of a message in a record.
size_t message_bytes(const Message& m) {
  size_t n = 32 + m.id.size() + m.customer.size() + m.event.size();
  for (const auto& [k, v] : m.fields) n += 8 + k.size() + v.size();
  return n;
}

}  // namespace

EventStore::EventStore(const EventStoreOptions& options) : live_(options.data) {
  std::error_code ec;
  std::filesystem::create_directories(options.dir, ec);
  if (ec) throw Error(options.dir, 0, "cannot create the data folder: " + ec.message());
  EventLogOptions log;
  log.path = (std::filesystem::path(options.dir) / "events.log").string();
  log.fail_sync_after = options.fail_sync_after;
  log_ = std::make_unique<EventLog>(log, [this](std::string_view p) { apply(p); });
  replaying_ = false;
}

void EventStore::apply(std::string_view payload) {
  std::vector<Message> messages = decode_messages(payload);
  if (replaying_)
    for (const Message& m : messages) seen_.insert(m.id);
  std::lock_guard lock(live_mu_);
  live_.add(messages);
  version_ += messages.size();
  if (!replaying_) counters_.stored += messages.size();
}

Ingested EventStore::ingest(std::vector<Message> messages) {
  Ingested out;
  uint64_t ticket = 0;
  {
    std::lock_guard lock(ingest_mu_);
    size_t kept = 0;
    for (size_t i = 0; i < messages.size(); ++i) {
      if (!seen_.insert(messages[i].id)) continue;
      if (kept != i) messages[kept] = std::move(messages[i]);
      ++kept;
    }
    out.duplicates = messages.size() - kept;
    messages.resize(kept);
    out.stored = kept;
    if (log_->failed()) return out;
    ticket = log_->last_ticket();
    // Records of at most about kRecordBytes each (a large file taken in at
    // start makes many).
    for (size_t begin = 0; begin < kept;) {
      size_t end = begin, bytes = 0;
      while (end < kept && (end == begin || bytes < kRecordBytes))
        bytes += message_bytes(messages[end++]);
      std::vector<Message> part(std::make_move_iterator(messages.begin() + begin),
                                std::make_move_iterator(messages.begin() + end));
      ticket = log_->append(encode_messages(part));
      if (ticket == 0) return out;
      begin = end;
    }
  }
  counters_.deduplicated += out.duplicates;
  out.durable = log_->wait(ticket);
  return out;
}

EventTable EventStore::snapshot(uint64_t& version) const {
  std::lock_guard lock(live_mu_);
  version = version_;
  return live_.snapshot();
}

uint64_t EventStore::version() const {
  std::lock_guard lock(live_mu_);
  return version_;
}

uint64_t EventStore::events() const {
  std::lock_guard lock(live_mu_);
  return live_.events();
}

uint64_t EventStore::customers() const {
  std::lock_guard lock(live_mu_);
  return live_.customers();
}

uint64_t EventStore::rejected_rows() const {
  std::lock_guard lock(live_mu_);
  return live_.rejected();
}

}  // namespace cjm::server
