// Internal: PostgreSQL as a source of events (pg_reader.h reads it). The
// connection URI, how messages name it without its password, and the few
// calls the reader makes, each failing with a cjm::Error that names the
// source and carries the server's own message.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>

namespace cjm::reader {

// Whether `path` is a PostgreSQL connection URI: it starts with
// "postgresql://" or "postgres://".
bool is_postgres_uri(std::string_view path);

// What messages show of the connection URI `uri`: scheme, user, host, port
// and database (a socket folder as ?host=), never a password. Falls back to
// "postgresql://(unparsable URI)" when libpq cannot parse it.
std::string redacted_uri(const std::string& uri);

// `text` with everything of `uri` that may be a password replaced by "***":
// the text between the user name and the last '@', and every password=
// parameter. Applied to every message that quotes libpq or the server.
std::string scrub_password(std::string text, const std::string& uri);

// A result of libpq, freed with it.
using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;

// One connection, closed with it. Every connection of a read sets the same
// session: UTC, ISO dates, shortest exact floats, no synchronised scans (a
// table is read from its first block), so that what it reads does not
// depend on the server's or the user's defaults.
class PgConnection {
 public:
  // Connects to `uri`; `display` names the source in messages. Throws
  // cjm::Error with libpq's message (refused, authentication, no database).
  PgConnection(const std::string& uri, const std::string& display);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  PGconn* get() const { return conn_; }
  const std::string& display() const { return display_; }

  // Runs `sql` (with text parameters `params`, none by default); throws
  // cjm::Error "DISPLAY, WHAT: the server's message" unless it succeeds.
  PgResult exec(const std::string& sql, const std::string& what);
  PgResult exec(const std::string& sql, const std::string& what, const std::string& param);

  // `s` quoted for SQL: as an identifier ("name") or a literal ('text').
  std::string quote_identifier(const std::string& s) const { return quote(s, true); }
  std::string quote_literal(const std::string& s) const { return quote(s, false); }

  // The Error for a failure of `what`, with libpq's latest message.
  std::string failure(const std::string& what) const;
  // The same with a result's message (a failed statement).
  std::string failure(const std::string& what, const PGresult* result) const;

 private:
  std::string quote(const std::string& s, bool identifier) const;

  PGconn* conn_ = nullptr;
  std::string uri_, display_;
};

}  // namespace cjm::reader
