// Internal: the columns of a PostgreSQL source (a table or a query), matched
// to the spec's data: block as a file's header is, with how the reader takes
// each one (its PgKind) and the COPY that reads them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reader/pg_copy_binary.h"
#include "reader/pg_source.h"
#include "reader/row_builder.h"

namespace cjm::reader {

// One column of the source.
struct PgColumn {
  std::string name;
  std::string type;  // as SQL writes it ("timestamp with time zone"), for messages
  PgKind kind = PgKind::kText;
  bool cast = false;   // read as its text form: the SELECT casts it to text
  int attribute = -1;  // index of its attribute column, or -1 (a role's)
};

// What a read selects, and from where.
struct PgPlan {
  std::string what;               // "table T" or "query 'SELECT ...'", for messages
  std::vector<PgColumn> columns;  // in the source's order
  int column_of[kRoles] = {-1, -1, -1, -1, -1, -1, -1};  // per Role: its column, or -1
  std::string table;           // the table's name as SQL writes it ("" for a query)
  char relkind = 0;            // the table's kind ('r' table, 'm' materialised view, ...)
  uint64_t rows_estimate = 0;  // the table's rows as the server estimates them (0: unknown)
  std::string copy_from;       // "SELECT ... FROM ..." (without a row range)
};

// Describes the table `table` (its name as SQL writes it) or, when `table`
// is "", the query `query`, on `conn` (in its transaction); matches its
// columns to the roles of `b` and declares the optional roles and attribute
// columns present in `b` (RowBuilder::enable, add_attribute). Throws
// cjm::Error naming the source and column: a table or column that does not
// exist, a query the server refuses, a duplicate column, or a column whose
// type its role cannot take.
PgPlan plan_pg_read(PgConnection& conn, const std::string& table, const std::string& query,
                    RowBuilder& b);

// "COPY (plan.copy_from [AND/WHERE `where`]) TO STDOUT (FORMAT binary)".
std::string pg_copy_sql(const PgPlan& plan, const std::string& where = "");

}  // namespace cjm::reader
