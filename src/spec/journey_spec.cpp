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
#include "spec/segments_spec.h"
#include "spec/spec_reader.h"
#include "spec/yaml_documents.h"

namespace cjm {

namespace {

using spec::Entry;
using spec::Item;
using spec::kind_of;
using spec::line_of;

// The sections of the spec; personas, periods and the unit are in
// segments_spec.cpp.
class Parser : public spec::SpecReader {
 public:
  using SpecReader::SpecReader;

  void parse_data(const Entry& e, DataSpec& data) const {
    if (!e.value.IsMap())
      fail(e.line, "data: expected a mapping of columns, got " + kind_of(e.value));
    const auto fields = entries(e.value, "data",
                                {"customer", "time", "event", "channel", "value", "score",
                                 "session", "time_format", "customers"});
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
    if (const Entry* f = given(fields, "customers")) parse_customers(*f, data.customers);
  }

  // data.customers: a file, a mapping {file, id, cards}, or a list of either.
  void parse_customers(const Entry& e, std::vector<CustomerTableSpec>& tables) const {
    auto one = [&](const YAML::Node& node, const std::string& path) {
      CustomerTableSpec t;
      t.line = line_of(node) > 0 ? line_of(node) : e.line;
      if (node.IsScalar()) {
        t.file = nonempty_text(Entry{path, t.line, node}, path);
      } else if (node.IsMap()) {
        const auto fields = entries(node, path, {"file", "id", "cards"});
        const Entry* file = given(fields, "file");
        if (!file) fail(t.line, path + ": the table's file is missing (file: crm.csv)");
        t.file = nonempty_text(*file, path + ".file");
        if (const Entry* id = given(fields, "id")) t.id = nonempty_text(*id, path + ".id");
        if (const Entry* cards = given(fields, "cards"))
          t.cards = nonempty_text(*cards, path + ".cards");
      } else {
        fail(t.line,
             path + ": expected a file or {file: crm.csv, id: customer_id}, got " + kind_of(node));
      }
      tables.push_back(std::move(t));
    };
    if (e.value.IsSequence()) {
      for (size_t i = 0; i < e.value.size(); ++i)
        one(e.value[i], "data.customers[" + std::to_string(i) + "]");
    } else {
      one(e.value, "data.customers");
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
    spec.file = file();
    spec.name = std::filesystem::path(file()).stem().string();
    if (!root.IsMap())
      fail(line_of(root),
           "the spec must be a mapping of keys (name, stages, ...), got " + kind_of(root));
    const auto fields =
        entries(root, "the top level",
                {"name", "description", "data", "stages", "conversion", "windows", "personas",
                 "barriers", "touchpoints", "advocacy", "attribution", "unit", "periods", "paths"});

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
    if (const Entry* f = given(fields, "personas")) parse_personas(*this, *f, spec.personas);
    if (const Entry* f = given(fields, "periods"))
      parse_periods(*this, *f, spec.personas, spec.periods);
    if (const Entry* f = given(fields, "paths")) parse_paths(*this, *f, spec.paths);
    if (const Entry* f = given(fields, "unit")) {
      spec.unit = parse_unit(*this, *f);
      if (spec.unit == Unit::kVisit && spec.data.session.empty() && !spec.session_gap_us)
        fail(f->line,
             "unit: visit needs a way to cut visits: a session column (data.session) or a "
             "pause that ends a visit (windows.session_gap), or both");
    }
    if (const Entry* f = given(fields, "barriers")) parse_barriers(*f, spec);
    if (const Entry* f = given(fields, "touchpoints")) parse_touchpoints(*f, spec.touchpoints);
    if (const Entry* f = given(fields, "advocacy"))
      spec.advocacy = texts(text_list(*f, "advocacy", "event names", false));
    if (const Entry* f = given(fields, "attribution")) parse_attribution(*f, spec.attribution);
    return spec;
  }
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
  JourneySpec spec = parse_spec(read_file(path), path);
  // The spec's files are relative to the spec's folder, wherever cjm runs.
  const std::filesystem::path folder = std::filesystem::path(path).parent_path();
  auto resolve = [&](std::string& file) {
    if (!file.empty() && std::filesystem::path(file).is_relative())
      file = (folder / file).lexically_normal().string();
  };
  for (CustomerTableSpec& t : spec.data.customers) {
    resolve(t.file);
    resolve(t.cards);
  }
  return spec;
}

}  // namespace cjm
