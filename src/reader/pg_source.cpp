#include "reader/pg_source.h"

#include <algorithm>

#include "core/error.h"

namespace cjm::reader {

namespace {

// A libpq or server message on one line: trailing newlines dropped, inner
// ones (a DETAIL, a HINT) joined with "; ".
std::string one_line(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  std::string out;
  for (char c : s) {
    if (c == '\n')
      out += "; ";
    else
      out += c;
  }
  return out;
}

// Replaces every occurrence of `secret` (if not empty) in `text` by "***".
void replace_all(std::string& text, const std::string& secret) {
  if (secret.empty()) return;
  for (size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3))
    text.replace(at, secret.size(), "***");
}

}  // namespace

bool is_postgres_uri(std::string_view path) {
  return path.starts_with("postgresql://") || path.starts_with("postgres://");
}

std::string redacted_uri(const std::string& uri) {
  char* err = nullptr;
  PQconninfoOption* opts = PQconninfoParse(uri.c_str(), &err);
  if (err != nullptr) PQfreemem(err);
  if (opts == nullptr) return "postgresql://(unparsable URI)";
  std::string user, host, port, db;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    if (o->val == nullptr) continue;
    const std::string key = o->keyword;
    if (key == "user") user = o->val;
    if (key == "host") host = o->val;
    if (key == "port") port = o->val;
    if (key == "dbname") db = o->val;
  }
  PQconninfoFree(opts);
  // A socket folder (or several hosts, one a folder) goes in the query, as
  // libpq takes it.
  const bool socket = host.find('/') != std::string::npos;
  std::string out = "postgresql://";
  if (!user.empty()) out += user + "@";
  if (!socket) out += host;
  if (!port.empty()) out += ":" + port;
  out += "/" + db;
  if (socket) out += "?host=" + host;
  return out;
}

std::string scrub_password(std::string text, const std::string& uri) {
  // postgresql://user:SECRET@host...: the secret is what lies between the
  // first ':' after the user and the last '@' (a password may hold '@').
  const size_t scheme = uri.find("://");
  const size_t at = uri.rfind('@');
  if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
    const size_t colon = uri.find(':', scheme + 3);
    if (colon != std::string::npos && colon < at) {
      const std::string secret = uri.substr(colon + 1, at - colon - 1);
      replace_all(text, secret);
      // libpq may quote it decoded; a percent-encoded password is rare
      // enough that its raw form above is what matters.
    }
  }
  for (size_t p = uri.find("password="); p != std::string::npos; p = uri.find("password=", p + 1)) {
    const size_t begin = p + 9;
    const size_t end = std::min(uri.find('&', begin), uri.size());
    replace_all(text, uri.substr(begin, end - begin));
  }
  return text;
}

PgConnection::PgConnection(const std::string& uri, const std::string& display)
    : uri_(uri), display_(display) {
  const char* keys[] = {"dbname", "fallback_application_name", nullptr};
  const char* values[] = {uri.c_str(), "cjm", nullptr};
  conn_ = PQconnectdbParams(keys, values, 1);
  if (conn_ == nullptr) throw Error(display_ + ": cannot connect: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string message = failure("cannot connect");
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error(message);
  }
  exec(
      "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; "
      "SET extra_float_digits = 1; SET synchronize_seqscans = off",
      "setting up the session");
}

PgConnection::~PgConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

PgResult PgConnection::exec(const std::string& sql, const std::string& what) {
  PgResult r(PQexec(conn_, sql.c_str()), &PQclear);
  const ExecStatusType s = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_COPY_OUT)
    throw Error(failure(what, r.get()));
  return r;
}

PgResult PgConnection::exec(const std::string& sql, const std::string& what,
                            const std::string& param) {
  const char* values[] = {param.c_str()};
  PgResult r(PQexecParams(conn_, sql.c_str(), 1, nullptr, values, nullptr, nullptr, 0), &PQclear);
  const ExecStatusType s = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
  if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) throw Error(failure(what, r.get()));
  return r;
}

std::string PgConnection::quote(const std::string& s, bool identifier) const {
  char* q = identifier ? PQescapeIdentifier(conn_, s.data(), s.size())
                       : PQescapeLiteral(conn_, s.data(), s.size());
  if (q == nullptr) throw Error(failure("quoting '" + printable(s) + "'"));
  std::string out = q;
  PQfreemem(q);
  return out;
}

std::string PgConnection::failure(const std::string& what) const {
  std::string message = conn_ != nullptr ? one_line(PQerrorMessage(conn_)) : "";
  if (message.empty()) message = "no message from libpq";
  return scrub_password(display_ + ": " + what + ": " + message, uri_);
}

std::string PgConnection::failure(const std::string& what, const PGresult* result) const {
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  if (primary == nullptr) return failure(what);
  std::string message = primary;
  if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL))
    message += std::string("; ") + detail;
  if (const char* hint = PQresultErrorField(result, PG_DIAG_MESSAGE_HINT))
    message += std::string("; hint: ") + hint;
  return scrub_password(display_ + ": " + what + ": " + one_line(message), uri_);
}

}  // namespace cjm::reader
