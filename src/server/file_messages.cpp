#include "server/file_messages.h"

#include <fmt/format.h>
#include <xxhash.h>

#include <unordered_map>

#include "core/atomic_file.h"

namespace cjm::server {

namespace {

std::string money_text(int64_t v) {
  const bool negative = v < 0;
  const uint64_t a = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return fmt::format("{}{}.{:04}", negative ? "-" : "", a / kValueScale, a % kValueScale);
}

// The id of a database row: the hash of everything it carries, and how many
// rows with the same content came before it.
std::string content_id(const Message& m, std::unordered_map<uint64_t, uint32_t>& seen) {
  std::string key = fmt::format("{}\x1f{}\x1f{}", m.customer, m.event, m.time_us);
  for (const auto& [name, value] : m.fields) key += fmt::format("\x1e{}\x1f{}", name, value);
  const uint64_t h = XXH3_64bits(key.data(), key.size());
  return fmt::format("db:{:016x}:{}", h, seen[h]++);
}

}  // namespace

size_t read_source_messages(const ReadOptions& source, ReadReport& report,
                            const std::function<void(std::vector<Message>&&)>& sink, size_t chunk) {
  const DataSpec& data = source.data;
  const EventTable t = read_events(source, report);
  const bool database = is_database_uri(source.path);
  std::string file_id;
  if (!database) {
    const std::string content = read_file(source.path);
    file_id = fmt::format("file:{:016x}:", XXH3_64bits(content.data(), content.size()));
  }
  std::unordered_map<uint64_t, uint32_t> seen;  // database rows: content hash -> rows so far
  std::vector<Message> out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (out.size() == chunk) {
      sink(std::move(out));
      out.clear();
    }
    Message& m = out.emplace_back();
    if (!database) m.id = file_id + std::to_string(i);
    m.customer = t.customers.at(t.customer[i]);
    m.event = t.events.at(t.event[i]);
    m.time_us = t.time_us[i];
    if (t.has_channel() && t.channel[i] != kNoChannel)
      m.fields.emplace_back(data.channel, t.channels.at(t.channel[i]));
    if (t.has_value() && !is_missing_value(t.value[i]))
      m.fields.emplace_back(data.value, money_text(t.value[i]));
    if (t.has_score() && !is_missing(t.score[i]))
      m.fields.emplace_back(data.score, fmt::format("{}", t.score[i]));
    if (t.has_session()) m.fields.emplace_back(data.session, t.sessions.at(t.session[i]));
    for (const AttributeColumn& a : t.attributes)
      if (a.of[i] != 0) m.fields.emplace_back(a.name, a.values.at(a.of[i]));
    if (database) m.id = content_id(m, seen);
  }
  if (!out.empty()) sink(std::move(out));
  return t.size();
}

}  // namespace cjm::server
