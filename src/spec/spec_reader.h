// Internal to spec/: reading a journey spec's YAML with messages that name
// the file, the line and the key. SpecReader holds the checks every section
// of the spec shares (known keys, texts, lists, ids, `where` blocks); the
// sections are parsed in journey_spec.cpp and segments_spec.cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cjm::spec {

// 1-based line of a node, 0 when unknown.
int line_of(const YAML::Node& node);

// What a node is, in words, for "expected X, got Y" messages.
std::string kind_of(const YAML::Node& node);

// "a, b, c".
std::string join(std::initializer_list<const char*> items);

// One `key: value` pair of a mapping, with the line of its key.
struct Entry {
  std::string key;
  int line = 0;
  YAML::Node value;
};

// A text item of a list (or a lone string), with its line.
struct Item {
  std::string text;
  int line = 0;
};

class SpecReader {
 public:
  explicit SpecReader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }

  // Throws cjm::Error at `line` of the file (none when 0).
  [[noreturn]] void fail(int line, const std::string& message) const;
  // Checks that `node` is a mapping whose keys are distinct texts; with a
  // non-empty `allowed`, every key must be one of them. `where` names the
  // mapping in messages ("the top level", "stages[2]").
  std::vector<Entry> entries(const YAML::Node& node, const std::string& where,
                             std::initializer_list<const char*> allowed) const;

  static const Entry* find(const std::vector<Entry>& entries, std::string_view key);

  // A key whose value is present and not null (an empty value counts as absent).
  static const Entry* given(const std::vector<Entry>& entries, std::string_view key);

  // A single text value.
  std::string text(const Entry& e, const std::string& path) const;

  // A non-empty text value.
  std::string nonempty_text(const Entry& e, const std::string& path) const;

  // A lone text or a list of texts. `what` describes an item ("event names").
  std::vector<Item> text_list(const Entry& e, const std::string& path, const std::string& what,
                              bool allow_empty_items) const;

  static std::vector<std::string> texts(const std::vector<Item>& items);

  int64_t duration(const Entry& e, const std::string& path) const;

  // Reads the required `id` of a list item (unique among `id_lines`, which it
  // records) and its optional `name`, which defaults to the id.
  void read_id_and_name(const std::vector<Entry>& fields, const std::string& path, int line,
                        std::map<std::string, int>& id_lines, std::string& id_out,
                        std::string& name_out) const;

  // A `where:` mapping of column -> accepted values (a text or a list).
  // `example` ("segment: bargain") shows the form in the message for an empty one.
  std::vector<std::pair<std::string, std::vector<std::string>>> where_block(
      const Entry& where, const std::string& where_path, const std::string& example) const;

  // A number >= 0 (a cost).
  double nonnegative_number(const Entry& e, const std::string& path) const;

  // Checks that a text is one of `allowed`.
  void one_of(const Entry& e, const std::string& value, const std::string& path,
              std::initializer_list<const char*> allowed) const;

 private:
  std::string file_;
};

}  // namespace cjm::spec
