#include "reader/pg_columns.h"

#include <cctype>
#include <cstdlib>
#include <map>
#include <unordered_map>

#include "core/error.h"

namespace cjm::reader {

namespace {

// Type OIDs of the types the reader decodes (PostgreSQL's pg_type.dat).
enum : uint32_t {
  kOidName = 19,
  kOidInt8 = 20,
  kOidInt2 = 21,
  kOidInt4 = 23,
  kOidText = 25,
  kOidFloat4 = 700,
  kOidFloat8 = 701,
  kOidBpchar = 1042,
  kOidVarchar = 1043,
  kOidDate = 1082,
  kOidTimestamp = 1114,
  kOidTimestamptz = 1184,
  kOidNumeric = 1700,
  kOidUuid = 2950,
};

// The kind of a base type; false if the reader does not decode it.
bool kind_of(uint32_t oid, PgKind& kind) {
  switch (oid) {
    case kOidText:
    case kOidVarchar:
    case kOidBpchar:
    case kOidName:
      kind = PgKind::kText;
      return true;
    case kOidInt2:
      kind = PgKind::kInt2;
      return true;
    case kOidInt4:
      kind = PgKind::kInt4;
      return true;
    case kOidInt8:
      kind = PgKind::kInt8;
      return true;
    case kOidFloat4:
      kind = PgKind::kFloat4;
      return true;
    case kOidFloat8:
      kind = PgKind::kFloat8;
      return true;
    case kOidNumeric:
      kind = PgKind::kNumeric;
      return true;
    case kOidUuid:
      kind = PgKind::kUuid;
      return true;
    case kOidTimestamp:
    case kOidTimestamptz:
      kind = PgKind::kTimestamp;
      return true;
    case kOidDate:
      kind = PgKind::kDate;
      return true;
    default:
      return false;
  }
}

bool is_integer(PgKind k) {
  return k == PgKind::kInt2 || k == PgKind::kInt4 || k == PgKind::kInt8;
}

// Whether a column of kind `k` can serve `role`; a cast column (text form)
// only when its type is a string or an enum (category `cat`).
bool role_takes(int role, PgKind k, bool cast, char cat) {
  if (cast) return cat == 'S' || cat == 'E';
  if (k == PgKind::kText || is_integer(k)) return true;
  if (role == kTime) return k == PgKind::kTimestamp || k == PgKind::kDate;
  if (role == kValue || role == kScore)
    return k == PgKind::kNumeric || k == PgKind::kFloat4 || k == PgKind::kFloat8;
  return k == PgKind::kUuid;
}

const char* const kRoleKey[kRoles] = {"customer", "time",  "event",  "channel",
                                      "value",    "score", "session"};

const char* expected_types(int role) {
  if (role == kTime) return "timestamptz, timestamp, date, an integer (epoch) or text";
  if (role == kValue || role == kScore)
    return "numeric, real, double precision, an integer or text";
  return "text, varchar, an integer or uuid";
}

// The query without trailing blanks and semicolons (it is nested in a COPY).
std::string trimmed_query(std::string q) {
  while (!q.empty() && (q.back() == ';' || std::isspace(static_cast<unsigned char>(q.back()))))
    q.pop_back();
  return q;
}

// The columns' names and type OIDs: of the table (an empty SELECT) or of the
// prepared query.
void describe(PgConnection& conn, PgPlan& plan, const std::string& query,
              std::vector<uint32_t>& oids) {
  PgResult r(nullptr, &PQclear);
  if (!plan.table.empty()) {
    r = conn.exec("SELECT * FROM " + plan.table + " LIMIT 0", plan.what);
  } else {
    PgResult prepared(PQprepare(conn.get(), "", query.c_str(), 0, nullptr), &PQclear);
    if (!prepared || PQresultStatus(prepared.get()) != PGRES_COMMAND_OK)
      throw Error(conn.failure(plan.what, prepared.get()));
    r = PgResult(PQdescribePrepared(conn.get(), ""), &PQclear);
    if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK)
      throw Error(conn.failure(plan.what, r.get()));
  }
  for (int i = 0; i < PQnfields(r.get()); ++i) {
    PgColumn c;
    c.name = PQfname(r.get(), i);
    plan.columns.push_back(std::move(c));
    oids.push_back(PQftype(r.get(), i));
  }
}

}  // namespace

PgPlan plan_pg_read(PgConnection& conn, const std::string& table, const std::string& query,
                    RowBuilder& b) {
  PgPlan plan;
  const std::string q = trimmed_query(query);
  plan.what = table.empty() ? "query '" + printable(q, 80) + "'" : "table " + printable(table);
  const std::string where = conn.display() + ": " + plan.what;
  if (!table.empty()) {
    // The server parses the name as SQL would (schema, quotes), and names
    // it back quoted where needed; no name reaches the SQL unchecked.
    PgResult r = conn.exec(
        "SELECT $1::regclass::text, c.relkind, greatest(c.reltuples, 0)::bigint "
        "FROM pg_class c WHERE c.oid = $1::regclass",
        plan.what, table);
    plan.table = PQgetvalue(r.get(), 0, 0);
    plan.relkind = PQgetvalue(r.get(), 0, 1)[0];
    plan.rows_estimate = std::strtoull(PQgetvalue(r.get(), 0, 2), nullptr, 10);
  } else if (q.empty()) {
    throw Error(conn.display() + ": the query is empty", ExitCode::kUsage);
  }
  std::vector<uint32_t> oids;
  describe(conn, plan, q, oids);
  if (plan.columns.empty()) throw Error(where + ": has no columns");

  // Each type's base type (a domain's), category and SQL name.
  std::string list = "{";
  for (size_t i = 0; i < oids.size(); ++i) list += (i ? "," : "") + std::to_string(oids[i]);
  list += "}";
  PgResult types = conn.exec(
      "SELECT t.oid, b.oid, b.typcategory, format_type(t.oid, NULL) FROM pg_type t "
      "JOIN pg_type b ON b.oid = CASE WHEN t.typbasetype <> 0 THEN t.typbasetype ELSE t.oid END "
      "WHERE t.oid = ANY($1::oid[])",
      plan.what + ", the columns' types", list);
  struct TypeInfo {
    uint32_t base;
    char category;
    std::string name;
  };
  std::unordered_map<uint32_t, TypeInfo> info;
  for (int i = 0; i < PQntuples(types.get()); ++i)
    info[static_cast<uint32_t>(std::strtoul(PQgetvalue(types.get(), i, 0), nullptr, 10))] =
        TypeInfo{static_cast<uint32_t>(std::strtoul(PQgetvalue(types.get(), i, 1), nullptr, 10)),
                 PQgetvalue(types.get(), i, 2)[0], PQgetvalue(types.get(), i, 3)};

  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < plan.columns.size(); ++i) {
    PgColumn& c = plan.columns[i];
    auto [it, inserted] = seen.emplace(c.name, i);
    if (!inserted)
      throw Error(where + ": duplicate column '" + printable(c.name) + "' (columns " +
                  std::to_string(it->second + 1) + " and " + std::to_string(i + 1) +
                  "); name them apart in the query (AS)");
    const auto t = info.find(oids[i]);
    const TypeInfo ti = t != info.end() ? t->second : TypeInfo{oids[i], 'U', "unknown"};
    c.type = ti.name;
    c.cast = !kind_of(ti.base, c.kind);
    if (c.cast) c.kind = PgKind::kText;
  }

  // Roles, as a file's header maps them.
  std::vector<bool> is_role(plan.columns.size(), false);
  for (int r = 0; r < kRoles; ++r) {
    if (b.name(r).empty()) continue;
    const auto it = seen.find(b.name(r));
    if (it == seen.end()) {
      if (r >= kChannel && r != kSession) continue;  // optional
      std::string names;
      for (size_t i = 0; i < plan.columns.size() && i < 50; ++i)
        names += (i ? ", " : "") + printable(plan.columns[i].name);
      throw Error(where + ": missing required column '" + printable(b.name(r)) + "' (data." +
                  kRoleKey[r] + "); the " + (table.empty() ? "query" : "table") + " has: " + names);
    }
    PgColumn& c = plan.columns[it->second];
    const auto ti = info.find(oids[it->second]);
    const char category = ti != info.end() ? ti->second.category : 'U';
    if (!role_takes(r, c.kind, c.cast, category))
      throw Error(where + ": column '" + printable(c.name) + "' (data." + kRoleKey[r] +
                  ") has type " + c.type + ", which cjm cannot read as a " + kRoleKey[r] +
                  "; expected " + expected_types(r) + " (or convert it in a --query, e.g. " +
                  printable(c.name) + "::text)");
    plan.column_of[r] = static_cast<int>(it->second);
    is_role[it->second] = true;
    if (r >= kChannel) b.enable(r);
  }
  // Every other column is an attribute; floats and times in the text the
  // server writes for them.
  for (size_t i = 0; i < plan.columns.size(); ++i) {
    PgColumn& c = plan.columns[i];
    if (is_role[i]) continue;
    if (c.kind == PgKind::kFloat4 || c.kind == PgKind::kFloat8 || c.kind == PgKind::kTimestamp ||
        c.kind == PgKind::kDate) {
      c.kind = PgKind::kText;
      c.cast = true;
    }
    c.attribute = static_cast<int>(b.add_attribute(c.name));
  }

  // The SELECT: the columns by name, cast where read as text.
  std::string select;
  bool any_cast = false;
  for (size_t i = 0; i < plan.columns.size(); ++i) {
    const PgColumn& c = plan.columns[i];
    const std::string name = conn.quote_identifier(c.name);
    select += i ? ", " : "";
    // An attribute as COPY writes it: format's %s is the type's output
    // function (a cast may differ: true::text is 'true', COPY writes 't').
    if (c.cast && c.attribute >= 0)
      select += "format('%s', " + name + ") AS " + name;
    else
      select += name + (c.cast ? "::text" : "");
    any_cast = any_cast || c.cast;
  }
  if (!table.empty())
    plan.copy_from = "SELECT " + select + " FROM " + plan.table;
  else if (any_cast)
    plan.copy_from = "SELECT " + select + " FROM (" + q + ") AS cjm_query";
  else
    plan.copy_from = q;
  return plan;
}

std::string pg_copy_sql(const PgPlan& plan, const std::string& where) {
  std::string from = plan.copy_from;
  if (!where.empty()) from += " WHERE " + where;
  return "COPY (" + from + ") TO STDOUT (FORMAT binary)";
}

}  // namespace cjm::reader
