// AccessKeys: the two secrets of a server (docs/server.md, "Keys"): the
// write key that ingestion requires, and the read token that the UI and the
// read API require. A write key never reads; a read token never writes.
#pragma once

#include <string>
#include <string_view>

namespace cjm::server {

struct AccessKeys {
  std::string write_key;
  std::string read_token;
};

// The keys from CJM_WRITE_KEY and CJM_READ_TOKEN when set; otherwise from
// DIR/keys, which is created on first start (mode 0600) with random keys.
// `created` tells whether it was (the caller prints them, once). Throws
// cjm::Error if DIR/keys cannot be read or written, or is malformed.
AccessKeys load_access_keys(const std::string& dir, bool& created);

// Whether `given` equals `secret`, in a time that does not depend on where
// they differ (only on their lengths). An empty secret matches nothing.
bool same_secret(std::string_view given, std::string_view secret);

}  // namespace cjm::server
