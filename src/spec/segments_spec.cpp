#include "spec/segments_spec.h"

#include <map>
#include <string>

#include "core/error.h"
#include "core/time_parse.h"

namespace cjm::spec {

namespace {

constexpr int64_t kDayUs = int64_t{86400} * 1000000;

class SegmentsParser : public SpecReader {
 public:
  explicit SegmentsParser(const SpecReader& r) : SpecReader(r) {}

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
      const auto fields = entries(node, path, {"id", "name", "where", "scope", "match"});
      PersonaSpec persona;
      persona.line = line;

      read_id_and_name(fields, path, line, id_lines, persona.id, persona.name);

      const Entry* where = find(fields, "where");
      if (where == nullptr) fail(line, path + ": missing required key 'where'");
      persona.where = where_block(*where, path + ".where", "segment: bargain");
      if (const Entry* f = given(fields, "scope")) {
        const std::string scope = nonempty_text(*f, path + ".scope");
        one_of(*f, scope, path + ".scope", {"customer", "event"});
        persona.scope = scope == "event" ? PersonaScope::kEvent : PersonaScope::kCustomer;
      }
      if (const Entry* f = given(fields, "match")) {
        const std::string match = nonempty_text(*f, path + ".match");
        one_of(*f, match, path + ".match", {"first", "last", "any"});
        if (persona.scope == PersonaScope::kEvent)
          fail(f->line, path +
                            ".match: only a persona of scope customer chooses which value "
                            "counts; with scope event every event is judged by its own value");
        persona.match = match == "first" ? AttributeMatch::kFirst
                        : match == "any" ? AttributeMatch::kAny
                                         : AttributeMatch::kLast;
      }
      personas.push_back(std::move(persona));
    }
  }

  // A date ("2025-03-01") or a date-time; `end`: the first instant after it
  // (a date runs to the end of its day, a date-time is inclusive).
  int64_t instant(const Entry& e, const std::string& path, bool end) const {
    const std::string text = nonempty_text(e, path);
    const std::optional<int64_t> us = parse_iso8601_us(text);
    if (!us)
      fail(e.line, path +
                       ": expected an ISO-8601 date or date-time (2025-03-01, "
                       "2025-03-01T12:00:00Z), got '" +
                       printable(text) + "'");
    if (!end) return *us;
    const bool date_only = text.size() == 10;
    return *us + (date_only ? kDayUs : 1);
  }

  void parse_periods(const Entry& e, const std::vector<PersonaSpec>& personas,
                     std::vector<PeriodSpec>& periods) const {
    if (!e.value.IsSequence())
      fail(e.line, "periods: expected a list of periods, got " + kind_of(e.value));
    std::map<std::string, int> id_lines;
    for (const PersonaSpec& p : personas) id_lines.emplace(p.id, p.line);
    size_t index = 0;
    for (const YAML::Node& node : e.value) {
      const std::string path = "periods[" + std::to_string(index++) + "]";
      const int line = line_of(node) > 0 ? line_of(node) : e.line;
      if (!node.IsMap())
        fail(line, path + ": expected a mapping with an id, from and to, got " + kind_of(node));
      const auto fields = entries(node, path, {"id", "name", "from", "to"});
      PeriodSpec period;
      period.line = line;
      // Ids are shared with personas: comparisons name either by its id.
      read_id_and_name(fields, path, line, id_lines, period.id, period.name);
      if (period.id == "rest" || period.id == "all")
        fail(line, path + ".id: '" + period.id + "' is reserved (comparisons use it)");
      const Entry* from = find(fields, "from");
      const Entry* to = find(fields, "to");
      if (from == nullptr) fail(line, path + ": missing required key 'from'");
      if (to == nullptr) fail(line, path + ": missing required key 'to'");
      period.from = nonempty_text(*from, path + ".from");
      period.to = nonempty_text(*to, path + ".to");
      period.from_us = instant(*from, path + ".from", false);
      period.to_us = instant(*to, path + ".to", true);
      if (period.to_us <= period.from_us)
        fail(to->line, path + ".to: " + printable(period.to) + " is before from (" +
                           printable(period.from) + ")");
      periods.push_back(std::move(period));
    }
  }

  void parse_paths(const Entry& e, PathQuerySpec& paths) const {
    if (!e.value.IsMap())
      fail(e.line, "paths: expected a mapping with from and to, got " + kind_of(e.value));
    const auto fields = entries(e.value, "paths", {"from", "to"});
    const Entry* from = find(fields, "from");
    const Entry* to = find(fields, "to");
    if (from == nullptr || to == nullptr)
      fail(e.line, "paths: needs both 'from' and 'to' (event names or patterns)");
    paths.from = nonempty_text(*from, "paths.from");
    paths.to = nonempty_text(*to, "paths.to");
    paths.line = e.line;
  }
};

}  // namespace

void parse_personas(const SpecReader& reader, const Entry& e, std::vector<PersonaSpec>& personas) {
  SegmentsParser(reader).parse_personas(e, personas);
}

void parse_periods(const SpecReader& reader, const Entry& e,
                   const std::vector<PersonaSpec>& personas, std::vector<PeriodSpec>& periods) {
  SegmentsParser(reader).parse_periods(e, personas, periods);
}

void parse_paths(const SpecReader& reader, const Entry& e, PathQuerySpec& paths) {
  SegmentsParser(reader).parse_paths(e, paths);
}

Unit parse_unit(const SpecReader& reader, const Entry& e) {
  const std::string unit = reader.nonempty_text(e, "unit");
  reader.one_of(e, unit, "unit", {"customer", "visit"});
  return unit == "visit" ? Unit::kVisit : Unit::kCustomer;
}

}  // namespace cjm::spec
