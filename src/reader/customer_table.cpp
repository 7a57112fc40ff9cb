#include "reader/customer_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "core/error.h"
#include "reader/read_sample.h"

namespace cjm {

CustomerTable read_customer_table(const std::string& path, const std::string& id_column,
                                  InputFormat format) {
  if (format != InputFormat::kAuto && format != InputFormat::kCsv && format != InputFormat::kTsv &&
      format != InputFormat::kJsonl)
    throw Error(path, 0, "a customer table is CSV, TSV or JSON Lines");
  RawSample raw = read_sample(path, path, format, std::numeric_limits<size_t>::max(), true);
  const auto id_at = std::find(raw.columns.begin(), raw.columns.end(), id_column);
  if (id_at == raw.columns.end())
    throw Error(path, 1,
                fmt::format("no customer id column '{}' (the columns are: {}); name it with "
                            "data.customers.id in the spec or --customers-id",
                            id_column, fmt::join(raw.columns, ", ")));
  const size_t id_index = static_cast<size_t>(id_at - raw.columns.begin());

  CustomerTable t;
  t.path = path;
  t.id_column = id_column;
  for (size_t c = 0; c < raw.columns.size(); ++c) {
    if (c == id_index) continue;
    if (std::find(t.columns.begin(), t.columns.end(), raw.columns[c]) != t.columns.end())
      throw Error(path, 1, fmt::format("column '{}' is named twice", raw.columns[c]));
    t.columns.push_back(raw.columns[c]);
  }
  t.lines = std::move(raw.lines);
  t.ids.reserve(raw.rows.size());
  t.values.reserve(raw.rows.size());
  std::unordered_map<std::string, uint64_t> line_of;  // id -> its first line
  line_of.reserve(raw.rows.size());
  for (size_t r = 0; r < raw.rows.size(); ++r) {
    std::vector<std::string>& row = raw.rows[r];
    std::string id = std::move(row[id_index]);
    if (id.empty())
      throw Error(path, t.lines[r], fmt::format("column '{}': empty customer id", id_column));
    auto [it, added] = line_of.emplace(id, t.lines[r]);
    if (!added)
      throw Error(path, t.lines[r],
                  fmt::format("column '{}': customer id '{}' is given twice (first at line {}); "
                              "a customer table has one row per customer",
                              id_column, printable(id), it->second));
    row.erase(row.begin() + static_cast<std::ptrdiff_t>(id_index));
    t.ids.push_back(std::move(id));
    t.values.push_back(std::move(row));
  }
  return t;
}

}  // namespace cjm
