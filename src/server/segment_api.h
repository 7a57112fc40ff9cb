// The Segment HTTP Tracking API, as the Segment and RudderStack client
// libraries speak it: the body of POST /v1/track, /v1/identify, /v1/page,
// /v1/screen and /v1/batch, read into Messages (docs/server.md, "Ingestion").
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "server/message.h"

namespace cjm::server {

// The endpoint a body was posted to.
enum class CallType { kTrack, kIdentify, kPage, kScreen, kBatch };

// The API's size limits: a batch body, and one call (alone or in a batch).
inline constexpr size_t kMaxBatchBytes = 500 * 1024;
inline constexpr size_t kMaxCallBytes = 32 * 1024;

// A request the API refuses (answered 400 with {"error": what()}).
struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a body holds.
struct Calls {
  std::vector<Message> messages;  // track/page/screen events and identify traits, in order
  std::string write_key;          // the body's writeKey, "" if none
  size_t ignored = 0;             // alias and group calls: accepted, not stored
};

// Reads the JSON body of a call of `type` (a batch: {"batch": [...]}),
// received at `arrival_us`. The customer is userId, else anonymousId; a
// track's event is its `event`, a page's or screen's its `name` (else "page"
// or "screen"); properties (traits, for identify) become the fields. Time is
// `timestamp` when given; else the arrival time, corrected by the client's
// clock error (sentAt - originalTimestamp) when those are given.
// Throws BadRequest, naming the problem (and the call's index in a batch),
// for malformed JSON, a body or call over the limits above, a call with no
// userId or anonymousId, a track without event, an unknown type, or an
// unreadable time.
Calls parse_calls(std::string_view body, CallType type, int64_t arrival_us);

}  // namespace cjm::server
