#include "server/run_serve.h"

#include <fmt/format.h>
#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "core/error.h"
#include "server/bounded_task_queue.h"
#include "server/file_messages.h"
#include "server/http_routes.h"

namespace cjm::server {

namespace {

// The test hook of the event log: CJM_TEST_FAIL_SYNC_AFTER=N makes the sync
// after N successful ones fail (docs/server.md, "Durability").
int64_t fail_sync_after() {
  const char* v = std::getenv("CJM_TEST_FAIL_SYNC_AFTER");
  return v && *v ? std::atoll(v) : -1;
}

void split_listen(const std::string& listen, std::string& host, int& port) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    throw Error("--listen: expected HOST:PORT, e.g. 127.0.0.1:8080, got '" + listen + "'",
                ExitCode::kUsage);
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const std::string p = listen.substr(colon + 1);
  char* end = nullptr;
  const long n = std::strtol(p.c_str(), &end, 10);
  if (p.empty() || *end != '\0' || n < 0 || n > 65535)
    throw Error("--listen: bad port '" + p + "'", ExitCode::kUsage);
  port = static_cast<int>(n);
}

}  // namespace

int run_serve(const ServeOptions& o) {
  std::string host;
  int port = 0;
  split_listen(o.listen, host, port);
  if (o.tls_cert.empty() != o.tls_key.empty())
    throw Error("--tls-cert and --tls-key go together", ExitCode::kUsage);

  // SIGINT and SIGTERM are taken by one thread (below), not by whichever
  // thread happens to run: block them before any thread starts.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A client that goes away mid-answer is an error on that connection, not a
  // reason to stop the server.
  ::signal(SIGPIPE, SIG_IGN);

  SpecVersions specs(o.spec_path, o.dir);
  EventStoreOptions store_options;
  store_options.dir = o.dir;
  store_options.data = specs.spec().data;
  store_options.fail_sync_after = fail_sync_after();
  EventStore store(store_options);
  const auto& replay = store.log().replay();
  std::cerr << fmt::format("cjm: {}: {} events of {} customers ({} log records)\n", o.dir,
                           store.events(), store.customers(), replay.records);

  const bool database = std::any_of(o.events.begin(), o.events.end(), is_database_uri);
  if ((!o.table.empty() || !o.query.empty()) && !database)
    throw Error(
        "--table and --query go with a PostgreSQL --events (postgresql://...), and none was given",
        ExitCode::kUsage);
  for (const std::string& file : o.events) {
    ReadOptions source;
    source.path = file;
    source.data = store_options.data;
    if (is_database_uri(file)) {
      source.table = o.table;
      source.query = o.query;
    }
    const std::string name = input_display(source);
    ReadReport report;
    size_t stored = 0;
    const size_t rows = read_source_messages(source, report, [&](std::vector<Message>&& chunk) {
      const Ingested in = store.ingest(std::move(chunk));
      if (!in.durable) throw Error(name, 0, "the event log failed while taking in the events");
      stored += in.stored;
    });
    std::cerr << fmt::format("cjm: {}: {} events, {} new ({} rejected rows)\n", name, rows, stored,
                             report.rejected);
  }

  bool created = false;
  ServerContext context;
  context.keys = load_access_keys(o.dir, created);
  if (created)
    std::cerr << fmt::format(
        "cjm: new keys, kept in {}/keys (mode 0600); shown this once:\n"
        "  write key (ingestion): {}\n  read token (UI, read API): {}\n",
        o.dir, context.keys.write_key, context.keys.read_token);

  LiveResult live(store, specs.spec());
  context.store = &store;
  context.live = &live;
  context.specs = &specs;
  context.dir = o.dir;
  context.data = store_options.data;
  context.tls = !o.tls_cert.empty();

  std::unique_ptr<httplib::Server> server;
  if (context.tls) {
    for (const auto& f : {o.tls_cert, o.tls_key})
      if (!std::filesystem::exists(f)) throw Error(f, 0, "TLS file not found", ExitCode::kUsage);
    server = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
    if (!server->is_valid())
      throw Error(o.tls_cert, 0, "cannot use this TLS certificate and key", ExitCode::kUsage);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  const int threads = o.threads;
  server->new_task_queue = [threads] {
    return new BoundedTaskQueue(static_cast<size_t>(threads), static_cast<size_t>(threads) * 4);
  };
  server->set_payload_max_length(size_t{16} << 20);
  server->set_read_timeout(10, 0);
  server->set_write_timeout(10, 0);
  server->set_keep_alive_timeout(5);
  server->set_keep_alive_max_count(1000);
  server->set_tcp_nodelay(true);
  const auto routes = install_routes(*server, context);

  const int bound = port == 0                          ? server->bind_to_any_port(host)
                    : server->bind_to_port(host, port) ? port
                                                       : -1;
  if (bound < 0)
    throw Error(
        fmt::format("cannot listen on {}: in use, or not an address of this machine", o.listen),
        ExitCode::kUsage);
  std::cerr << fmt::format("cjm: listening on {}://{}:{}\n", context.tls ? "https" : "http",
                           host.find(':') != std::string::npos ? "[" + host + "]" : host, bound);

  std::atomic<bool> signalled{false}, listened{false};
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    signalled = true;
    // stop() does nothing until the listener runs, and a signal may come
    // between the address printed above and listen_after_bind: ask until the
    // listener has returned.
    while (!listened) {
      server->stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  server->listen_after_bind();
  listened = true;
  // Returned without a signal (the listener failed): wake the stopper.
  if (!signalled) ::kill(::getpid(), SIGTERM);
  stopper.join();
  std::cerr << "cjm: stopped\n";
  return 0;
}

}  // namespace cjm::server
