#include "server/http_routes.h"

#include <fmt/format.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "core/atomic_file.h"
#include "core/error.h"
#include "server/file_messages.h"
#include "server/live_page.h"
#include "server/prometheus_text.h"
#include "server/segment_api.h"

namespace cjm::server {

namespace {

using httplib::ContentReader;
using httplib::Request;
using httplib::Response;
using nlohmann::json;

constexpr size_t kMaxFileBytes = size_t{16} << 20;  // POST /api/v1/events
constexpr size_t kMaxSpecBytes = size_t{1} << 20;   // the spec editor's text
constexpr const char* kCookie = "cjm_token";

int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void send_json(Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

void send_error(Response& res, int status, const std::string& message) {
  send_json(res, status, json{{"error", message}});
}

std::string base64_decode(std::string_view in) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
  };
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    if (c == '=') break;
    const int v = value(c);
    if (v < 0) return {};
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

// The user name of an HTTP Basic Authorization header ("" if none).
std::string basic_user(const Request& req) {
  const std::string auth = req.get_header_value("Authorization");
  if (auth.size() < 6 || auth.compare(0, 6, "Basic ") != 0) return {};
  const std::string pair = base64_decode(std::string_view(auth).substr(6));
  return pair.substr(0, pair.find(':'));
}

// The read token a request carries: Bearer, else the cookie.
std::string read_token_of(const Request& req) {
  const std::string auth = req.get_header_value("Authorization");
  if (auth.size() > 7 && auth.compare(0, 7, "Bearer ") == 0) return auth.substr(7);
  const std::string cookies = req.get_header_value("Cookie");
  const std::string key = std::string(kCookie) + "=";
  for (size_t pos = 0; pos < cookies.size();) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string_view c(cookies.data() + pos, end - pos);
    while (!c.empty() && c.front() == ' ') c.remove_prefix(1);
    if (c.starts_with(key)) return std::string(c.substr(key.size()));
    pos = end + 1;
  }
  return {};
}

// Reads the (decompressed) body, at most `limit` bytes (`what` names the
// limit in the message). False with `error` set if it is longer or cannot be read (e.g. broken
// gzip).
bool read_body(const ContentReader& reader, size_t limit, const char* what, std::string& body,
               std::string& error) {
  bool too_long = false;
  const bool ok = reader([&](const char* data, size_t n) {
    if (body.size() + n > limit) {
      too_long = true;
      return false;
    }
    body.append(data, n);
    return true;
  });
  if (too_long)
    error = fmt::format("the body is more than {} bytes, the limit of {}", limit, what);
  else if (!ok)
    error = "the body could not be read (incomplete, or not valid gzip)";
  return ok && !too_long;
}

// After a body left unread, the connection is closed: its remaining bytes
// are not a request.
void refuse_rest(Response& res) {
  res.set_header("Connection", "close");
}

void allow_cors(Response& res) {
  res.set_header("Access-Control-Allow-Origin", "*");
  res.set_header("Access-Control-Allow-Methods", "POST, OPTIONS");
  res.set_header("Access-Control-Allow-Headers",
                 "Authorization, Content-Type, Content-Encoding, X-Requested-With");
  res.set_header("Access-Control-Max-Age", "600");
}

// Headers of every page and read answer: no sniffing, no framing, no caching,
// no referrer.
void secure(Response& res) {
  if (res.has_header("X-Content-Type-Options")) return;
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Cache-Control", "no-store");
}

std::string new_nonce() {
  std::random_device rd;
  return fmt::format("{:08x}{:08x}{:08x}{:08x}", rd(), rd(), rd(), rd());
}

class Routes {
 public:
  explicit Routes(ServerContext& c) : c_(c) {}

  void install(httplib::Server& s) {
    const std::pair<const char*, CallType> calls[] = {{"/v1/track", CallType::kTrack},
                                                      {"/v1/identify", CallType::kIdentify},
                                                      {"/v1/page", CallType::kPage},
                                                      {"/v1/screen", CallType::kScreen},
                                                      {"/v1/batch", CallType::kBatch}};
    for (const auto& [path, type] : calls) {
      const CallType t = type;
      s.Post(path, [this, t](const Request& req, Response& res, const ContentReader& reader) {
        allow_cors(res);
        ingest_calls(req, res, reader, t);
      });
      s.Options(path, [](const Request&, Response& res) {
        allow_cors(res);
        res.status = 204;
      });
    }
    s.Post("/api/v1/events",
           [this](const Request& req, Response& res, const ContentReader& reader) {
             ingest_file(req, res, reader);
           });
    s.Get("/healthz", [this](const Request&, Response& res) {
      const bool ok = !c_.store->log().failed();
      send_json(res, ok ? 200 : 503, json{{"status", ok ? "ok" : "log failed"}});
    });
    s.Get("/metrics", [this](const Request& req, Response& res) {
      if (!reader(req, res)) return;
      const auto view = c_.live->view();
      res.set_content(prometheus_text(c_.store->counters(), c_.store->log().sync_stats(), *view,
                                      c_.store->events(), c_.store->log().failed()),
                      "text/plain; version=0.0.4");
    });
    s.Get("/api/v1/result", [this](const Request& req, Response& res) {
      if (!reader(req, res)) return;
      const auto v = c_.live->view();
      // Empty only when no computation has succeeded yet (its error says why).
      if (v->result_json.empty()) return send_error(res, 503, "no result yet: " + v->error);
      res.set_content(v->result_json, "application/json");
    });
    s.Get("/api/v1/live", [this](const Request& req, Response& res) {
      if (!reader(req, res)) return;
      const auto v = c_.live->view();
      send_json(res, 200,
                json{{"events", v->events},
                     {"customers", v->customers},
                     {"version", v->version},
                     {"refresh_seconds", v->refresh_seconds},
                     {"refresh_cpu_seconds", v->refresh_cpu_seconds},
                     {"error", v->error}});
    });
    s.Get("/api/v1/map.html", [this](const Request& req, Response& res) {
      if (!reader(req, res)) return;
      const std::string nonce = new_nonce();
      res.set_header("Content-Security-Policy", page_csp(nonce));
      res.set_content(with_nonce(c_.live->view()->map_html, nonce), "text/html; charset=utf-8");
    });
    s.Get("/", [this](const Request& req, Response& res) { page(req, res); });
    s.Get("/api/v1/spec", [this](const Request& req, Response& res) {
      if (!reader(req, res)) return;
      json versions = json::array();
      for (uint64_t v : c_.specs->history()) versions.push_back(v);
      send_json(res, 200, json{{"text", c_.specs->text()}, {"history", versions}});
    });
    s.Get(R"(/api/v1/spec/history/(\d{1,18}))", [this](const Request& req, Response& res) {
      if (!reader(req, res)) return;
      const std::string text = c_.specs->version_text(std::stoull(req.matches[1].str()));
      if (text.empty()) return send_error(res, 404, "no such version");
      send_json(res, 200, json{{"text", text}});
    });
    s.Post("/api/v1/spec/check",
           [this](const Request& req, Response& res, const ContentReader& reader) {
             spec_post(req, res, reader, false);
           });
    s.Post("/api/v1/spec", [this](const Request& req, Response& res, const ContentReader& reader) {
      spec_post(req, res, reader, true);
    });
  }

 private:
  // Whether the request may read; answers 401 if not.
  bool reader(const Request& req, Response& res) {
    secure(res);
    if (same_secret(read_token_of(req), c_.keys.read_token)) return true;
    c_.store->counters().rejected++;
    res.set_header("WWW-Authenticate", "Bearer realm=\"cjm\"");
    send_error(res, 401, "a read token is needed (Authorization: Bearer TOKEN, or /?token=TOKEN)");
    return false;
  }

  bool writer(const Request& req, Response& res, const std::string& body_key) {
    if (same_secret(basic_user(req), c_.keys.write_key) || same_secret(body_key, c_.keys.write_key))
      return true;
    c_.store->counters().rejected++;
    res.set_header("WWW-Authenticate", "Basic realm=\"cjm\"");
    send_error(res, 401, "a write key is needed (HTTP Basic user name, or writeKey in the body)");
    return false;
  }

  void bad(Response& res, const std::string& message) {
    c_.store->counters().rejected++;
    send_error(res, 400, message);
  }

  void store(Response& res, std::vector<Message> messages, json answer) {
    if (const std::string why = first_rejected(messages, c_.data); !why.empty())
      return bad(res, why);
    c_.store->counters().received += messages.size();
    const Ingested in = c_.store->ingest(std::move(messages));
    if (!in.durable) {
      c_.store->counters().unavailable++;
      return send_error(res, 503,
                        "the event log failed; nothing more is acknowledged (see the server's "
                        "messages)");
    }
    send_json(res, 200, answer);
  }

  void ingest_calls(const Request& req, Response& res, const ContentReader& reader, CallType type) {
    const int64_t arrival = now_us();
    std::string body, error;
    // One byte over the limit is enough to know the body is too long.
    const bool batch = type == CallType::kBatch;
    const size_t limit = (batch ? kMaxBatchBytes : kMaxCallBytes) + 1;
    if (!read_body(reader, limit, batch ? "a batch (500 KB)" : "a call (32 KB)", body, error)) {
      refuse_rest(res);
      // Without a key the body is not even looked at.
      if (!writer(req, res, "")) return;
      return bad(res, error);
    }
    Calls calls;
    try {
      calls = parse_calls(body, type, arrival);
    } catch (const BadRequest& e) {
      if (!writer(req, res, "")) return;
      return bad(res, e.what());
    }
    if (!writer(req, res, calls.write_key)) return;
    store(res, std::move(calls.messages), json{{"success", true}});
  }

  void ingest_file(const Request& req, Response& res, const ContentReader& reader) {
    if (!writer(req, res, "")) return;
    std::string body, error;
    if (!read_body(reader, kMaxFileBytes, "an events file (16 MB)", body, error)) {
      refuse_rest(res);
      return bad(res, error);
    }
    std::string format = req.get_param_value("format");
    const std::string type = req.get_header_value("Content-Type");
    if (format.empty()) {
      if (type.find("csv") != std::string::npos)
        format = "csv";
      else if (type.find("tab-separated") != std::string::npos)
        format = "tsv";
      else if (type.find("ndjson") != std::string::npos || type.find("jsonl") != std::string::npos)
        format = "jsonl";
      else {
        const size_t first = body.find_first_not_of(" \t\r\n");
        format = first != std::string::npos && body[first] == '{' ? "jsonl" : "csv";
      }
    }
    const std::string tmp_dir = (std::filesystem::path(c_.dir) / "tmp").string();
    std::filesystem::create_directories(tmp_dir);
    const std::string path =
        fmt::format("{}/upload-{}-{}.{}", tmp_dir, ::getpid(), upload_counter_++, format);
    try {
      write_file_atomic(path, body);
      ReadReport report;
      std::vector<Message> messages;
      read_file_messages(path, parse_input_format(format), c_.data, report,
                         [&](std::vector<Message>&& chunk) {
                           std::move(chunk.begin(), chunk.end(), std::back_inserter(messages));
                         });
      std::filesystem::remove(path);
      json rejects = json::array();
      for (const auto& r : report.first_rejects)
        rejects.push_back(json{{"line", r.line}, {"reason", r.reason}});
      const size_t rows = messages.size();
      store(res, std::move(messages),
            json{{"rows", report.rows},
                 {"accepted", rows},
                 {"rejected_rows", report.rejected},
                 {"first_rejects", rejects}});
    } catch (const Error& e) {
      std::error_code ec;
      std::filesystem::remove(path, ec);
      bad(res, e.what());
    }
  }

  void page(const Request& req, Response& res) {
    secure(res);
    const std::string token = req.get_param_value("token");
    if (!token.empty() && same_secret(token, c_.keys.read_token)) {
      // The token leaves the address bar (and the history) at once.
      res.set_header("Set-Cookie", fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/{}",
                                               kCookie, token, c_.tls ? "; Secure" : ""));
      res.set_redirect("/", 303);
      return;
    }
    if (!reader(req, res)) return;
    const std::string nonce = new_nonce();
    res.set_header("Content-Security-Policy", page_csp(nonce));
    res.set_content(live_page(c_.live->view()->map_html, nonce), "text/html; charset=utf-8");
  }

  void spec_post(const Request& req, Response& res, const ContentReader& content, bool save) {
    if (!reader(req, res)) return;
    // A custom header cannot be sent across sites without a preflight that
    // this server never grants: no other site can make a browser post here.
    if (req.get_header_value("X-Requested-With") != "cjm")
      return bad(res, "the spec editor's requests carry X-Requested-With: cjm");
    std::string text, error;
    if (!read_body(content, kMaxSpecBytes, "a spec (1 MB)", text, error)) {
      refuse_rest(res);
      return bad(res, error);
    }
    SpecProblem problem;
    const auto spec = save ? c_.specs->save(text, problem) : c_.specs->check(text, problem);
    // A spec that does not pass is an answer, not a failed request.
    if (!spec)
      return send_json(res, 200,
                       json{{"ok", false}, {"line", problem.line}, {"error", problem.message}});
    if (save) c_.live->set_spec(*spec);
    send_json(res, 200, json{{"ok", true}});
  }

  ServerContext& c_;
  std::atomic<uint64_t> upload_counter_{0};
};

}  // namespace

std::shared_ptr<void> install_routes(httplib::Server& server, ServerContext& context) {
  auto routes = std::make_shared<Routes>(context);
  routes->install(server);
  return routes;
}

}  // namespace cjm::server
