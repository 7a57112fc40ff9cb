#include "spec/journey_spec.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <exception>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <string_view>

#include "core/atomic_file.h"
#include "core/error.h"
#include "spec/glob.h"
#include "spec/yaml_documents.h"

namespace cjm {

namespace {

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

class Parser {
 public:
  explicit Parser(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(int line, const std::string& message) const {
    throw Error(file_, line > 0 ? static_cast<uint64_t>(line) : 0, message);
  }

  // Checks that `node` is a mapping whose keys are distinct texts; with a
  // non-empty `allowed`, every key must be one of them. `where` names the
  // mapping in messages ("the top level", "stages[2]").
  std::vector<Entry> entries(const YAML::Node& node, const std::string& where,
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

  static const Entry* find(const std::vector<Entry>& entries, std::string_view key) {
    for (const Entry& e : entries)
      if (e.key == key) return &e;
    return nullptr;
  }

  // A key whose value is present and not null (an empty value counts as absent).
  static const Entry* given(const std::vector<Entry>& entries, std::string_view key) {
    const Entry* e = find(entries, key);
    return e != nullptr && !e->value.IsNull() ? e : nullptr;
  }

  // A single text value.
  std::string text(const Entry& e, const std::string& path) const {
    if (!e.value.IsScalar())
      fail(e.line, path + ": expected a text value, got " + kind_of(e.value));
    return e.value.Scalar();
  }

  // A non-empty text value.
  std::string nonempty_text(const Entry& e, const std::string& path) const {
    if (e.value.IsNull()) fail(e.line, path + ": no value given");
    std::string out = text(e, path);
    if (out.empty()) fail(e.line, path + ": must not be empty");
    return out;
  }

  // A lone text or a list of texts. `what` describes an item ("event names").
  std::vector<Item> text_list(const Entry& e, const std::string& path, const std::string& what,
                              bool allow_empty_items) const {
    std::vector<Item> out;
    if (e.value.IsNull()) return out;
    if (e.value.IsScalar()) {
      out.push_back(Item{e.value.Scalar(), e.line});
    } else if (e.value.IsSequence()) {
      size_t i = 0;
      for (const YAML::Node& item : e.value) {
        const std::string item_path = path + "[" + std::to_string(i++) + "]";
        const int line = line_of(item) > 0 ? line_of(item) : e.line;
        if (!item.IsScalar())
          fail(line, item_path + ": expected a text value, got " + kind_of(item));
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

  static std::vector<std::string> texts(const std::vector<Item>& items) {
    std::vector<std::string> out;
    out.reserve(items.size());
    for (const Item& item : items) out.push_back(item.text);
    return out;
  }

  int64_t duration(const Entry& e, const std::string& path) const {
    const std::string value = nonempty_text(e, path);
    try {
      return parse_duration_us(value);
    } catch (const Error& ex) {
      fail(e.line, path + ": " + ex.reason());
    }
  }

  void parse_data(const Entry& e, DataSpec& data) const {
    if (!e.value.IsMap())
      fail(e.line, "data: expected a mapping of columns, got " + kind_of(e.value));
    const auto fields = entries(
        e.value, "data",
        {"customer", "time", "event", "channel", "value", "score", "session", "time_format"});
    const std::pair<const char*, std::string*> columns[] = {
        {"customer", &data.customer}, {"time", &data.time},   {"event", &data.event},
        {"channel", &data.channel},   {"value", &data.value}, {"score", &data.score},
        {"session", &data.session}};
    for (const auto& [key, target] : columns)
      if (const Entry* f = find(fields, key))
        *target = nonempty_text(*f, std::string("data.") + key);
    if (const Entry* f = find(fields, "time_format")) {
      const std::string format = nonempty_text(*f, "data.time_format");
      static constexpr const char* kFormats[] = {"auto", "iso8601", "epoch_s", "epoch_ms",
                                                 "epoch_us"};
      bool known = false;
      for (const char* k : kFormats) known = known || format == k;
      if (!known)
        fail(f->line, "data.time_format: unknown format '" + printable(format) +
                          "' (allowed: auto, iso8601, epoch_s, epoch_ms, epoch_us)");
      data.time_format = format;
    }
  }

  void parse_stages(const Entry& e, std::vector<StageSpec>& stages) const {
    if (e.value.IsNull())
      fail(e.line, "stages: the list is empty; a journey needs at least one stage");
    if (!e.value.IsSequence())
      fail(e.line, "stages: expected a list of stages, got " + kind_of(e.value));
    if (e.value.size() == 0)
      fail(e.line, "stages: the list is empty; a journey needs at least one stage");
    if (e.value.size() > kMaxStages)
      fail(line_of(e.value[kMaxStages]) > 0 ? line_of(e.value[kMaxStages]) : e.line,
           "stages: " + std::to_string(e.value.size()) + " stages, more than the limit of " +
               std::to_string(kMaxStages) + " (docs/spec.md, \"Limits\"); stages[" +
               std::to_string(kMaxStages) + "] is the first past it");

    std::map<std::string, int> id_lines;  // stage id -> line of its id
    struct Owner {
      size_t stage;
      int line;
    };
    std::map<std::string, Owner> event_owner;  // event name/pattern -> first listing
    size_t index = 0;
    for (const YAML::Node& node : e.value) {
      const std::string path = "stages[" + std::to_string(index) + "]";
      const int line = line_of(node) > 0 ? line_of(node) : e.line;
      if (!node.IsMap())
        fail(line, path + ": expected a mapping with an id and events, got " + kind_of(node));
      const auto fields = entries(
          node, path,
          {"id", "name", "events", "goal", "actions", "thinking", "feeling", "opportunities"});
      StageSpec stage;
      stage.line = line;

      read_id_and_name(fields, path, line, id_lines, stage.id, stage.name);

      const Entry* events = find(fields, "events");
      if (events == nullptr) fail(line, path + ": missing required key 'events'");
      const std::string events_path = path + ".events";
      const auto items = text_list(*events, events_path, "event names", false);
      if (items.empty())
        fail(events->line, events_path + ": no events listed; a stage needs at least one event");
      for (const Item& item : items) {
        auto [owner, fresh] = event_owner.emplace(item.text, Owner{index, item.line});
        if (fresh) continue;
        const std::string what = is_glob(item.text) ? "pattern" : "event";
        if (owner->second.stage == index)
          fail(item.line, events_path + ": " + what + " '" + printable(item.text) +
                              "' is listed twice (first at line " +
                              std::to_string(owner->second.line) + ")");
        fail(item.line, events_path + ": " + what + " '" + printable(item.text) +
                            "' is listed in two stages: '" +
                            printable(stages[owner->second.stage].id) + "' (line " +
                            std::to_string(owner->second.line) + ") and '" + printable(stage.id) +
                            "'; an event belongs to one stage only");
      }
      stage.events = texts(items);

      const std::pair<const char*, std::vector<std::string>*> lanes[] = {
          {"goal", &stage.goal},
          {"actions", &stage.actions},
          {"thinking", &stage.thinking},
          {"feeling", &stage.feeling},
          {"opportunities", &stage.opportunities}};
      for (const auto& [key, target] : lanes)
        if (const Entry* f = find(fields, key))
          *target = texts(text_list(*f, path + "." + key, "text", true));

      stages.push_back(std::move(stage));
      ++index;
    }
  }

  void parse_windows(const Entry& e, JourneySpec& spec) const {
    if (!e.value.IsMap()) fail(e.line, "windows: expected a mapping, got " + kind_of(e.value));
    const auto fields = entries(e.value, "windows", {"conversion", "session_gap"});
    if (const Entry* f = given(fields, "conversion"))
      spec.conversion_window_us = duration(*f, "windows.conversion");
    if (const Entry* f = given(fields, "session_gap"))
      spec.session_gap_us = duration(*f, "windows.session_gap");
  }

  // Reads the required `id` of a list item (unique among `id_lines`, which it
  // records) and its optional `name`, which defaults to the id.
  void read_id_and_name(const std::vector<Entry>& fields, const std::string& path, int line,
                        std::map<std::string, int>& id_lines, std::string& id_out,
                        std::string& name_out) const {
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

  void parse_personas(const Entry& e, std::vector<PersonaSpec>& personas) const {
    if (!e.value.IsSequence())
      fail(e.line, "personas: expected a list of personas, got " + kind_of(e.value));
    std::map<std::string, int> id_lines;
    size_t index = 0;
    for (const YAML::Node& node : e.value) {
      const std::string path = "personas[" + std::to_string(index++) + "]";
      const int line = line_of(node) > 0 ? line_of(node) : e.line;
      if (!node.IsMap())
        fail(line, path + ": expected a mapping with an id and where, got " + kind_of(node));
      const auto fields = entries(node, path, {"id", "name", "where"});
      PersonaSpec persona;
      persona.line = line;

      read_id_and_name(fields, path, line, id_lines, persona.id, persona.name);

      const Entry* where = find(fields, "where");
      if (where == nullptr) fail(line, path + ": missing required key 'where'");
      persona.where = where_block(*where, path + ".where", "segment: bargain");
      personas.push_back(std::move(persona));
    }
  }

  // A `where:` mapping of column -> accepted values (a text or a list).
  // `example` ("segment: bargain") shows the form in the message for an empty one.
  std::vector<std::pair<std::string, std::vector<std::string>>> where_block(
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
  double nonnegative_number(const Entry& e, const std::string& path) const {
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

  void parse_barriers(const Entry& e, JourneySpec& spec) const {
    if (!e.value.IsSequence())
      fail(e.line, "barriers: expected a list of barriers, got " + kind_of(e.value));
    std::map<std::string, int> id_lines;
    size_t index = 0;
    for (const YAML::Node& node : e.value) {
      const std::string path = "barriers[" + std::to_string(index++) + "]";
      const int line = line_of(node) > 0 ? line_of(node) : e.line;
      if (!node.IsMap())
        fail(line, path + ": expected a mapping with an id and events, got " + kind_of(node));
      const auto fields =
          entries(node, path, {"id", "name", "events", "where", "stage", "fix_cost", "note"});
      BarrierSpec barrier;
      barrier.line = line;

      read_id_and_name(fields, path, line, id_lines, barrier.id, barrier.name);

      const Entry* events = find(fields, "events");
      if (events == nullptr) fail(line, path + ": missing required key 'events'");
      const auto items = text_list(*events, path + ".events", "event names", false);
      if (items.empty())
        fail(events->line, path + ".events: no events listed; a barrier needs at least one event");
      barrier.events = texts(items);

      if (const Entry* f = find(fields, "where"))
        barrier.where = where_block(*f, path + ".where", "channel: mobile");
      if (const Entry* f = given(fields, "stage")) {
        barrier.stage = nonempty_text(*f, path + ".stage");
        bool known = false;
        for (const StageSpec& s : spec.stages) known = known || s.id == barrier.stage;
        if (!known)
          fail(f->line, path + ".stage: no stage with id '" + printable(barrier.stage) + "'");
      }
      if (const Entry* f = given(fields, "fix_cost"))
        barrier.fix_cost = nonnegative_number(*f, path + ".fix_cost");
      if (const Entry* f = given(fields, "note")) barrier.note = text(*f, path + ".note");
      spec.barriers.push_back(std::move(barrier));
    }
  }

  // Checks that a text is one of `allowed`.
  void one_of(const Entry& e, const std::string& value, const std::string& path,
              std::initializer_list<const char*> allowed) const {
    for (const char* a : allowed)
      if (value == a) return;
    fail(e.line,
         path + ": unknown value '" + printable(value) + "' (allowed: " + join(allowed) + ")");
  }

  void parse_touchpoints(const Entry& e, std::vector<TouchpointSpec>& touchpoints) const {
    if (!e.value.IsSequence())
      fail(e.line, "touchpoints: expected a list of touchpoints, got " + kind_of(e.value));
    size_t index = 0;
    for (const YAML::Node& node : e.value) {
      const std::string path = "touchpoints[" + std::to_string(index++) + "]";
      const int line = line_of(node) > 0 ? line_of(node) : e.line;
      if (!node.IsMap())
        fail(line, path + ": expected a mapping with events, got " + kind_of(node));
      const auto fields = entries(node, path, {"events", "control", "medium", "channel"});
      TouchpointSpec tp;
      tp.line = line;
      const Entry* events = find(fields, "events");
      if (events == nullptr) fail(line, path + ": missing required key 'events'");
      tp.events = nonempty_text(*events, path + ".events");
      if (const Entry* f = given(fields, "control")) {
        tp.control = nonempty_text(*f, path + ".control");
        one_of(*f, tp.control, path + ".control", {"direct", "indirect"});
      }
      if (const Entry* f = given(fields, "medium")) {
        tp.medium = nonempty_text(*f, path + ".medium");
        one_of(*f, tp.medium, path + ".medium", {"online", "offline"});
      }
      if (const Entry* f = given(fields, "channel"))
        tp.channel = nonempty_text(*f, path + ".channel");
      touchpoints.push_back(std::move(tp));
    }
  }

  void parse_attribution(const Entry& e, AttributionSpec& attribution) const {
    if (!e.value.IsMap()) fail(e.line, "attribution: expected a mapping, got " + kind_of(e.value));
    const auto fields = entries(e.value, "attribution", {"half_life", "order"});
    if (const Entry* f = given(fields, "half_life"))
      attribution.half_life_us = duration(*f, "attribution.half_life");
    if (const Entry* f = given(fields, "order")) {
      const std::string value = nonempty_text(*f, "attribution.order");
      if (value.size() != 1 || value[0] < '1' || value[0] > '4')
        fail(f->line, "attribution.order: expected a whole number from 1 to 4, got '" +
                          printable(value) + "'");
      attribution.order = value[0] - '0';
    }
  }

  JourneySpec parse(const YAML::Node& root) const {
    JourneySpec spec;
    spec.file = file_;
    spec.name = std::filesystem::path(file_).stem().string();
    if (!root.IsMap())
      fail(line_of(root),
           "the spec must be a mapping of keys (name, stages, ...), got " + kind_of(root));
    const auto fields = entries(root, "the top level",
                                {"name", "description", "data", "stages", "conversion", "windows",
                                 "personas", "barriers", "touchpoints", "advocacy", "attribution"});

    if (const Entry* f = given(fields, "name")) {
      std::string name = text(*f, "name");
      if (!name.empty()) spec.name = std::move(name);
    }
    if (const Entry* f = given(fields, "description")) spec.description = text(*f, "description");
    if (const Entry* f = given(fields, "data")) parse_data(*f, spec.data);

    const Entry* stages = find(fields, "stages");
    if (stages == nullptr)
      fail(line_of(root), "missing required key 'stages' (the list of journey stages)");
    parse_stages(*stages, spec.stages);

    if (const Entry* f = given(fields, "conversion")) {
      const auto items = text_list(*f, "conversion", "event names", false);
      if (items.empty())
        fail(f->line, "conversion: the list is empty (leave the key out if nothing converts)");
      spec.conversion = texts(items);
    }
    if (const Entry* f = given(fields, "windows")) parse_windows(*f, spec);
    if (const Entry* f = given(fields, "personas")) parse_personas(*f, spec.personas);
    if (const Entry* f = given(fields, "barriers")) parse_barriers(*f, spec);
    if (const Entry* f = given(fields, "touchpoints")) parse_touchpoints(*f, spec.touchpoints);
    if (const Entry* f = given(fields, "advocacy"))
      spec.advocacy = texts(text_list(*f, "advocacy", "event names", false));
    if (const Entry* f = given(fields, "attribution")) parse_attribution(*f, spec.attribution);
    return spec;
  }

 private:
  std::string file_;
};

}  // namespace

JourneySpec parse_spec(const std::string& yaml_text, const std::string& file_name) {
  Parser parser(file_name);
  YamlDocuments docs;
  try {
    docs = load_yaml_documents(yaml_text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp stops at a fixed depth with the message "bad file".
    const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    parser.fail(line, "YAML nested too deeply: lists and mappings reach " +
                          std::to_string(e.depth()) + " levels here, and at most " +
                          std::to_string(e.depth() - 1) +
                          " can be read (a journey spec needs at most 5)");
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    parser.fail(line, "YAML syntax error: " + e.msg);
  }
  if (docs.first.IsNull()) parser.fail(0, "the spec is empty; it needs at least a 'stages:' list");
  if (docs.second_line != 0)
    parser.fail(docs.second_line,
                "only one YAML document is allowed per spec (a second starts here)");
  return parser.parse(docs.first);
}

JourneySpec load_spec(const std::string& path) {
  return parse_spec(read_file(path), path);
}

}  // namespace cjm
