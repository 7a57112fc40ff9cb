// Message: one call a client sent (a track, page or screen event, or an
// identify with traits), in the server's own form, and the bytes of a log
// record that holds a batch of them (server/event_log.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cjm::server {

// What a message does: an event of a journey, or traits of a customer.
enum class MessageKind : uint8_t { kEvent = 1, kTraits = 2 };

struct Message {
  MessageKind kind = MessageKind::kEvent;
  std::string id;        // the client's messageId; "": none (never deduplicated)
  std::string customer;  // userId, else anonymousId
  std::string event;     // event name (kEvent only)
  int64_t time_us = 0;   // microseconds since 1970-01-01T00:00:00Z (kEvent only)
  // Properties (kEvent) or traits (kTraits) as text, in the order sent: a
  // string as it is, a number as written, true/false, an object or array as
  // JSON. Properties named by the spec's data: block fill those columns.
  std::vector<std::pair<std::string, std::string>> fields;
};

// The bytes of a batch of messages, as one log record's payload.
std::string encode_messages(const std::vector<Message>& messages);

// Decodes what encode_messages wrote. Throws cjm::Error (reason only) if
// `payload` is not such a batch: a checksummed record never is, unless the
// program that wrote it was wrong.
std::vector<Message> decode_messages(std::string_view payload);

}  // namespace cjm::server
