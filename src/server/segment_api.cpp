#include "server/segment_api.h"

#include <fmt/format.h>
#include <simdjson.h>

#include "core/error.h"
#include "core/time_parse.h"
#include "reader/json_text.h"

namespace cjm::server {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

// The string at `key` of `obj`, or "" when absent or null; a number (some
// clients send numeric user ids) as written. Throws BadRequest for other kinds.
std::string text_at(object obj, const char* key, const std::string& where) {
  element e;
  if (obj[key].get(e)) return {};
  if (e.is_null()) return {};
  if (e.is_string()) return std::string(std::string_view(e.get_string().value_unsafe()));
  if (e.is_number()) {
    std::string buf;
    return std::string(reader::json_value_text(e, buf));
  }
  throw BadRequest(fmt::format("{}'{}' must be a string", where, key));
}

// The time at `key` (ISO 8601), or nullopt when absent.
std::optional<int64_t> time_at(object obj, const char* key, const std::string& where) {
  const std::string text = text_at(obj, key, where);
  if (text.empty()) return std::nullopt;
  const auto us = parse_iso8601_us(text);
  if (!us)
    throw BadRequest(
        fmt::format("{}'{}' is not an ISO 8601 time: '{}'", where, key, printable(text)));
  return us;
}

void add_fields(object obj, const char* key, Message& m, const std::string& where) {
  element e;
  if (obj[key].get(e) || e.is_null()) return;
  object fields;
  if (e.get_object().get(fields))
    throw BadRequest(fmt::format("{}'{}' must be an object", where, key));
  std::string buf;
  for (auto field : fields) {
    if (field.value.is_null()) continue;
    m.fields.emplace_back(std::string(field.key),
                          std::string(reader::json_value_text(field.value, buf)));
  }
}

// One call. `where` prefixes messages ("batch[3]: ").
// `batch_sent`: the batch's sentAt, for calls without their own.
void read_call(element call, CallType type, int64_t arrival_us, std::optional<int64_t> batch_sent,
               const std::string& where, Calls& out) {
  object obj;
  if (call.get_object().get(obj)) throw BadRequest(where + "a call must be a JSON object");
  const size_t bytes = simdjson::minify(call).size();
  if (bytes > kMaxCallBytes)
    throw BadRequest(fmt::format("{}the call is {} bytes, more than the limit of {} (32 KB)", where,
                                 bytes, kMaxCallBytes));
  if (type == CallType::kBatch) {
    const std::string name = text_at(obj, "type", where);
    if (name == "track")
      type = CallType::kTrack;
    else if (name == "identify")
      type = CallType::kIdentify;
    else if (name == "page")
      type = CallType::kPage;
    else if (name == "screen")
      type = CallType::kScreen;
    else if (name == "alias" || name == "group") {
      ++out.ignored;
      return;
    } else
      throw BadRequest(fmt::format("{}unknown call type '{}'", where, printable(name)));
  }
  Message m;
  m.id = text_at(obj, "messageId", where);
  m.customer = text_at(obj, "userId", where);
  if (m.customer.empty()) m.customer = text_at(obj, "anonymousId", where);
  if (m.customer.empty()) throw BadRequest(where + "the call has neither userId nor anonymousId");
  if (type == CallType::kIdentify) {
    m.kind = MessageKind::kTraits;
    add_fields(obj, "traits", m, where);
    out.messages.push_back(std::move(m));
    return;
  }
  if (type == CallType::kTrack) {
    m.event = text_at(obj, "event", where);
    if (m.event.empty()) throw BadRequest(where + "a track call needs an 'event'");
  } else {
    m.event = text_at(obj, "name", where);
    if (m.event.empty()) m.event = type == CallType::kPage ? "page" : "screen";
  }
  if (auto t = time_at(obj, "timestamp", where)) {
    m.time_us = *t;
  } else {
    auto sent = time_at(obj, "sentAt", where);
    if (!sent) sent = batch_sent;
    const auto original = time_at(obj, "originalTimestamp", where);
    m.time_us = sent && original ? arrival_us - (*sent - *original) : arrival_us;
  }
  if (!time_in_range(m.time_us))
    throw BadRequest(where + "the call's time lies outside the years 1000 to 9999");
  add_fields(obj, "properties", m, where);
  out.messages.push_back(std::move(m));
}

}  // namespace

Calls parse_calls(std::string_view body, CallType type, int64_t arrival_us) {
  const size_t limit = type == CallType::kBatch ? kMaxBatchBytes : kMaxCallBytes;
  if (body.size() > limit)
    throw BadRequest(fmt::format("the body is {} bytes, more than the limit of {} ({})",
                                 body.size(), limit,
                                 type == CallType::kBatch ? "500 KB per batch" : "32 KB per call"));
  thread_local simdjson::dom::parser parser;
  element doc;
  const simdjson::padded_string padded(body);
  if (auto err = parser.parse(padded).get(doc))
    throw BadRequest(std::string("malformed JSON: ") + simdjson::error_message(err));
  object obj;
  if (doc.get_object().get(obj)) throw BadRequest("the body must be a JSON object");
  Calls out;
  out.write_key = text_at(obj, "writeKey", "");
  if (type != CallType::kBatch) {
    read_call(doc, type, arrival_us, std::nullopt, "", out);
    return out;
  }
  simdjson::dom::array batch;
  if (obj["batch"].get_array().get(batch)) throw BadRequest("a batch needs a 'batch' array");
  // The batch's sentAt applies to calls that carry none of their own.
  const auto sent = time_at(obj, "sentAt", "");
  size_t i = 0;
  for (element call : batch) {
    read_call(call, CallType::kBatch, arrival_us, sent, fmt::format("batch[{}]: ", i), out);
    ++i;
  }
  return out;
}

}  // namespace cjm::server
