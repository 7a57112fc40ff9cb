// The server's HTTP interface (docs/server.md, "API"): ingestion (Segment
// Tracking API and event files), the read API, the live UI, health and
// metrics, each behind its credentials.
#pragma once

#include <memory>
#include <string>

#include "server/access_keys.h"
#include "server/event_store.h"
#include "server/live_result.h"
#include "server/spec_versions.h"

namespace httplib {
class Server;
}

namespace cjm::server {

// What the handlers use; outlives the server.
struct ServerContext {
  EventStore* store = nullptr;
  LiveResult* live = nullptr;
  SpecVersions* specs = nullptr;
  AccessKeys keys;
  std::string dir;   // the data folder (uploads are staged in it)
  DataSpec data;     // the column mapping events are read with
  bool tls = false;  // cookies are then marked Secure
};

// Installs every route on `server`. The handlers use the returned object:
// keep it until the server has stopped.
std::shared_ptr<void> install_routes(httplib::Server& server, ServerContext& context);

}  // namespace cjm::server
