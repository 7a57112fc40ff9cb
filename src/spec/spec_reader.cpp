#include "spec/spec_reader.h"

#include <cmath>
#include <exception>

#include "core/error.h"
#include "spec/duration.h"

namespace cjm::spec {

// 1-based line of a node, 0 when unknown.
int line_of(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

// What a node is, in words, for "expected X, got Y" messages.
std::string kind_of(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "the value '" + printable(node.Scalar()) + "'";
    default:
      return "nothing";
  }
}

std::string join(std::initializer_list<const char*> items) {
  std::string out;
  for (const char* item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

void SpecReader::fail(int line, const std::string& message) const {
  throw Error(file_, line > 0 ? static_cast<uint64_t>(line) : 0, message);
}

// Checks that `node` is a mapping whose keys are distinct texts; with a
// non-empty `allowed`, every key must be one of them. `where` names the
// mapping in messages ("the top level", "stages[2]").
std::vector<Entry> SpecReader::entries(const YAML::Node& node, const std::string& where,
                                       std::initializer_list<const char*> allowed) const {
  std::vector<Entry> out;
  std::map<std::string, int> seen;
  for (const auto& pair : node) {
    const YAML::Node key = pair.first;  // copies: the iterator's pair is a temporary
    const int line = line_of(key);
    if (!key.IsScalar())
      fail(line, "a key in " + where + " must be a plain name, not " + kind_of(key));
    const std::string& name = key.Scalar();
    if (allowed.size() > 0) {
      bool known = false;
      for (const char* a : allowed) known = known || name == a;
      if (!known)
        fail(line, "unknown key '" + printable(name) + "' in " + where +
                       " (allowed: " + join(allowed) + ")");
    }
    auto [prev, inserted] = seen.emplace(name, line);
    if (!inserted)
      fail(line, "key '" + printable(name) + "' appears twice in " + where + " (first at line " +
                     std::to_string(prev->second) + ")");
    out.push_back(Entry{name, line, pair.second});
  }
  return out;
}

const Entry* SpecReader::find(const std::vector<Entry>& entries, std::string_view key) {
  for (const Entry& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

// A key whose value is present and not null (an empty value counts as absent).
const Entry* SpecReader::given(const std::vector<Entry>& entries, std::string_view key) {
  const Entry* e = find(entries, key);
  return e != nullptr && !e->value.IsNull() ? e : nullptr;
}

// A single text value.
std::string SpecReader::text(const Entry& e, const std::string& path) const {
  if (!e.value.IsScalar()) fail(e.line, path + ": expected a text value, got " + kind_of(e.value));
  return e.value.Scalar();
}

// A non-empty text value.
std::string SpecReader::nonempty_text(const Entry& e, const std::string& path) const {
  if (e.value.IsNull()) fail(e.line, path + ": no value given");
  std::string out = text(e, path);
  if (out.empty()) fail(e.line, path + ": must not be empty");
  return out;
}

// A lone text or a list of texts. `what` describes an item ("event names").
std::vector<Item> SpecReader::text_list(const Entry& e, const std::string& path,
                                        const std::string& what, bool allow_empty_items) const {
  std::vector<Item> out;
  if (e.value.IsNull()) return out;
  if (e.value.IsScalar()) {
    out.push_back(Item{e.value.Scalar(), e.line});
  } else if (e.value.IsSequence()) {
    size_t i = 0;
    for (const YAML::Node& item : e.value) {
      const std::string item_path = path + "[" + std::to_string(i++) + "]";
      const int line = line_of(item) > 0 ? line_of(item) : e.line;
      if (!item.IsScalar()) fail(line, item_path + ": expected a text value, got " + kind_of(item));
      out.push_back(Item{item.Scalar(), line});
    }
  } else {
    fail(e.line, path + ": expected " + what + " (a text or a list), got " + kind_of(e.value));
  }
  if (!allow_empty_items)
    for (const Item& item : out)
      if (item.text.empty()) fail(item.line, path + ": contains an empty name");
  return out;
}

std::vector<std::string> SpecReader::texts(const std::vector<Item>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (const Item& item : items) out.push_back(item.text);
  return out;
}

int64_t SpecReader::duration(const Entry& e, const std::string& path) const {
  const std::string value = nonempty_text(e, path);
  try {
    return parse_duration_us(value);
  } catch (const Error& ex) {
    fail(e.line, path + ": " + ex.reason());
  }
}

// Reads the required `id` of a list item (unique among `id_lines`, which it
// records) and its optional `name`, which defaults to the id.
void SpecReader::read_id_and_name(const std::vector<Entry>& fields, const std::string& path,
                                  int line, std::map<std::string, int>& id_lines,
                                  std::string& id_out, std::string& name_out) const {
  const Entry* id = find(fields, "id");
  if (id == nullptr) fail(line, path + ": missing required key 'id'");
  id_out = nonempty_text(*id, path + ".id");
  auto [prev, inserted] = id_lines.emplace(id_out, id->line);
  if (!inserted)
    fail(id->line, path + ".id '" + printable(id_out) + "' is used twice (first at line " +
                       std::to_string(prev->second) + ")");
  name_out = id_out;
  if (const Entry* f = given(fields, "name")) {
    std::string name = text(*f, path + ".name");
    if (!name.empty()) name_out = std::move(name);
  }
}

// A `where:` mapping of column -> accepted values (a text or a list).
// `example` ("segment: bargain") shows the form in the message for an empty one.
std::vector<std::pair<std::string, std::vector<std::string>>> SpecReader::where_block(
    const Entry& where, const std::string& where_path, const std::string& example) const {
  if (where.value.IsNull())
    fail(where.line, where_path + ": no conditions given (e.g. where: {" + example + "})");
  if (!where.value.IsMap())
    fail(where.line,
         where_path + ": expected a mapping of column: value, got " + kind_of(where.value));
  const auto conditions = entries(where.value, where_path, {});
  if (conditions.empty())
    fail(where.line, where_path + ": no conditions given (e.g. where: {" + example + "})");
  std::vector<std::pair<std::string, std::vector<std::string>>> out;
  for (const Entry& c : conditions) {
    const std::string c_path = where_path + "." + c.key;
    if (c.key.empty()) fail(c.line, where_path + ": a column name is empty");
    if (c.value.IsNull()) fail(c.line, c_path + ": no value given");
    const auto values = text_list(c, c_path, "values", false);
    if (values.empty()) fail(c.line, c_path + ": the list of values is empty");
    out.emplace_back(c.key, texts(values));
  }
  return out;
}

// A number >= 0 (a cost).
double SpecReader::nonnegative_number(const Entry& e, const std::string& path) const {
  const std::string value = nonempty_text(e, path);
  double out = 0;
  size_t used = 0;
  try {
    out = std::stod(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != value.size() || !std::isfinite(out))
    fail(e.line, path + ": expected a number, got '" + printable(value) + "'");
  if (out < 0) fail(e.line, path + ": must not be negative, got " + printable(value));
  return out;
}

// Checks that a text is one of `allowed`.
void SpecReader::one_of(const Entry& e, const std::string& value, const std::string& path,
                        std::initializer_list<const char*> allowed) const {
  for (const char* a : allowed)
    if (value == a) return;
  fail(e.line,
       path + ": unknown value '" + printable(value) + "' (allowed: " + join(allowed) + ")");
}

}  // namespace cjm::spec
