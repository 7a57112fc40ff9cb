// The serve job: `cjm serve`, a live journey map that receives events over
// HTTP (docs/server.md).
#pragma once

#include <string>
#include <vector>

namespace cjm::server {

struct ServeOptions {
  std::string spec_path;
  std::string dir;                        // the data folder
  std::string listen = "127.0.0.1:8080";  // host:port; port 0 picks a free one
  std::vector<std::string> events;        // files taken in at start
  std::string tls_cert, tls_key;          // both or neither: HTTPS
  int threads = 16;                       // requests served at once
};

// Opens the data folder (replaying its log), takes in `events`, and serves
// until SIGINT or SIGTERM. Prints the address it listens on (and, on first
// start, the generated keys) on stderr. Returns the exit code; throws
// cjm::Error on bad input (spec, files, a corrupt log) or a usage error
// (listen address, TLS files).
int run_serve(const ServeOptions& options);

}  // namespace cjm::server
