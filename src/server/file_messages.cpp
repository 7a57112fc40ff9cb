#include "server/file_messages.h"

#include <fmt/format.h>
#include <xxhash.h>

#include "core/atomic_file.h"

namespace cjm::server {

namespace {

std::string money_text(int64_t v) {
  const bool negative = v < 0;
  const uint64_t a = negative ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return fmt::format("{}{}.{:04}", negative ? "-" : "", a / kValueScale, a % kValueScale);
}

}  // namespace

size_t read_file_messages(const std::string& path, InputFormat format, const DataSpec& data,
                          ReadReport& report,
                          const std::function<void(std::vector<Message>&&)>& sink, size_t chunk) {
  ReadOptions options;
  options.path = path;
  options.format = format;
  options.data = data;
  const EventTable t = read_events(options, report);
  const std::string content = read_file(path);
  const std::string file_id =
      fmt::format("file:{:016x}:", XXH3_64bits(content.data(), content.size()));
  std::vector<Message> out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (out.size() == chunk) {
      sink(std::move(out));
      out.clear();
    }
    Message& m = out.emplace_back();
    m.id = file_id + std::to_string(i);
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
  }
  if (!out.empty()) sink(std::move(out));
  return t.size();
}

}  // namespace cjm::server
