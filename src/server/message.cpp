#include "server/message.h"

#include <cstring>

#include "core/error.h"

namespace cjm::server {

namespace {

void put_u32(std::string& out, uint32_t v) {
  out.append(reinterpret_cast<const char*>(&v), 4);
}

void put_str(std::string& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

// Reads the payload front to back; every read checks the bytes are there.
struct Cursor {
  std::string_view rest;
  template <typename T>
  T get() {
    if (rest.size() < sizeof(T)) throw Error("log record: message batch cut short");
    T v;
    std::memcpy(&v, rest.data(), sizeof(T));
    rest.remove_prefix(sizeof(T));
    return v;
  }
  std::string str() {
    const uint32_t n = get<uint32_t>();
    if (rest.size() < n) throw Error("log record: message batch cut short");
    std::string s(rest.substr(0, n));
    rest.remove_prefix(n);
    return s;
  }
};

}  // namespace

std::string encode_messages(const std::vector<Message>& messages) {
  std::string out;
  put_u32(out, static_cast<uint32_t>(messages.size()));
  for (const Message& m : messages) {
    out.push_back(static_cast<char>(m.kind));
    out.append(reinterpret_cast<const char*>(&m.time_us), 8);
    put_str(out, m.id);
    put_str(out, m.customer);
    put_str(out, m.event);
    put_u32(out, static_cast<uint32_t>(m.fields.size()));
    for (const auto& [key, value] : m.fields) {
      put_str(out, key);
      put_str(out, value);
    }
  }
  return out;
}

std::vector<Message> decode_messages(std::string_view payload) {
  Cursor in{payload};
  const uint32_t count = in.get<uint32_t>();
  // Each message takes at least 25 bytes: a count beyond that is not a batch.
  if (count > payload.size() / 25) throw Error("log record: bad message count");
  std::vector<Message> out(count);
  for (Message& m : out) {
    const auto kind = in.get<uint8_t>();
    if (kind != 1 && kind != 2) throw Error("log record: unknown message kind");
    m.kind = static_cast<MessageKind>(kind);
    m.time_us = in.get<int64_t>();
    m.id = in.str();
    m.customer = in.str();
    m.event = in.str();
    const uint32_t fields = in.get<uint32_t>();
    if (fields > in.rest.size() / 8) throw Error("log record: bad field count");
    m.fields.reserve(fields);
    for (uint32_t i = 0; i < fields; ++i) {
      std::string key = in.str();
      m.fields.emplace_back(std::move(key), in.str());
    }
  }
  if (!in.rest.empty()) throw Error("log record: bytes after the message batch");
  return out;
}

}  // namespace cjm::server
