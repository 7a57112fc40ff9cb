// The HTML journey map: one self-contained page. The C++ side only serialises
// the JourneyMap to JSON (escaped for a <script> element) and pastes it with
// the embedded styles and scripts into the template; the page's own script
// (src/output/html/js/, one file per section of the page, joined in order at
// build time) builds the DOM with textContent and draws charts with the
// embedded Apache ECharts.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "analysis/result_json.h"
#include "output/format_util.h"
#include "output/map_render.h"
#include "personas/persona_cards_json.h"

namespace cjm::assets {
// Defined by the file cmake/embed.cmake generates.
std::string_view echarts_js();
std::string_view map_html();
std::string_view map_css();
std::string_view map_js();
}  // namespace cjm::assets

namespace cjm {

namespace {

// The map's data: JourneyMap's own parts here, every result figure by the
// one serialisation of results (analysis/result_json.h).
using json = Json;

Json opt_json(const std::optional<double>& v) {
  return json_number(v);
}

json stage_json(const MapStage& s) {
  json tps = json::array();
  for (const auto& t : s.touchpoints)
    tps.push_back(json{{"name", t.name},
                       {"customers", t.customers},
                       {"control", t.control},
                       {"medium", t.medium}});
  json pains = json::array();
  for (const auto& p : s.pain_points)
    pains.push_back(json{{"text", p.text}, {"measured", p.measured}});
  return json{{"id", s.id},
              {"name", s.name},
              {"goal", s.goal},
              {"actions", s.actions},
              {"thinking", s.thinking},
              {"feeling", s.feeling},
              {"opportunities", s.opportunities},
              {"touchpoints", tps},
              {"pain_points", pains},
              {"reached", s.reached},
              {"reach_share", s.reach_share},
              {"funnel_level", s.funnel_level},
              {"conversion_from_previous", opt_json(s.conversion_from_previous)},
              {"drop_off", opt_json(s.drop_off)},
              {"time_from_previous_s", to_json(s.time_from_previous_s)},
              {"emotion", to_json(s.emotion)},
              {"critical", s.critical}};
}

json segment_json(const MapSegment& g, const std::vector<StageInfo>& stages) {
  json out = json::object();
  out["id"] = g.id;
  out["name"] = g.name;
  out["kind"] = g.kind;
  if (g.kind == "period") {
    out["from"] = g.from;
    out["to"] = g.to;
  }
  out["customers"] = g.customers;
  out["events"] = g.events;
  out["converted"] = g.converted;
  json list = json::array();
  for (const auto& s : g.stages) list.push_back(stage_json(s));
  out["stages"] = std::move(list);
  out["funnel"] = to_json(g.funnel, stages);
  out["shape"] = to_json(g.shape);
  out["stage_transitions"] = to_json(g.stage_transitions);
  out["touchpoint_transitions"] = to_json(g.touchpoint_transitions);
  out["stage_variants"] = to_json(g.stage_variants);
  out["touchpoint_paths"] = to_json(g.touchpoint_paths);
  out["time_to_convert_s"] = to_json(g.time_to_convert_s);
  out["barriers"] = to_json(g.barriers);
  out["opportunities"] = to_json(g.barriers.opportunities);
  out["attribution"] = to_json(g.attribution);
  out["retention"] = to_json(g.retention);
  out["visits"] = to_json(g.visits);
  out["changes"] = to_json(g.changes);
  out["timelines"] = to_json(g.timelines);
  if (g.card) out["card"] = to_json(*g.card);
  out["paths_between"] = to_json(g.paths_between);
  out["last_steps"] = to_json(g.last_steps);
  return out;
}

json map_json(const JourneyMap& m) {
  std::vector<StageInfo> stages;
  if (!m.segments.empty())
    for (const auto& s : m.segments.front().stages) stages.push_back(StageInfo{s.id, s.name});
  json segments = json::array();
  for (const auto& g : m.segments) segments.push_back(segment_json(g, stages));
  auto date = [](const std::optional<int64_t>& us) {
    return us ? json(fmtutil::iso_date_utc(*us)) : json(nullptr);
  };
  auto time = [](const std::optional<int64_t>& us) {
    return us ? json(fmtutil::iso8601_utc(*us)) : json(nullptr);
  };
  return json{{"schema", "cjm.map/1"},
              {"title", m.title},
              {"description", m.description},
              {"first_date", date(m.first_time_us)},
              {"last_date", date(m.last_time_us)},
              {"first_time", time(m.first_time_us)},
              {"last_time", time(m.last_time_us)},
              {"events", m.events},
              {"customers", m.customers},
              {"unit", m.unit},
              {"visits", m.visits ? json(*m.visits) : json(nullptr)},
              {"rejected_rows", m.rejected_rows},
              {"unmapped_events", m.unmapped_events},
              {"unmapped_names", m.unmapped_names},
              {"window_s", opt_json(m.window_s)},
              {"segments", segments},
              {"comparisons", to_json(m.comparisons)}};
}

// JSON that is safe inside <script type="application/json">: no `<`, `>`, `&`
// (so no `</script>` or `<!--`), and no U+2028/U+2029. Those characters only
// occur inside JSON strings, where \uXXXX means the same character.
std::string script_safe_json(const json& j) {
  const std::string raw = j.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(raw.size() + raw.size() / 16);
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < raw.size() && raw[i + 1] == '\x80' &&
               (raw[i + 2] == '\xA8' || raw[i + 2] == '\xA9')) {
      out += raw[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  for (char c : fmtutil::clean(text, "\xEF\xBF\xBD")) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// Inlined code must not end its element early: `</script`, `</style` and
// `<!--` (any case) become `<\/script`, `<\/style`, `<\!--`; they only occur
// inside strings, regexes or comments, where the backslash changes nothing.
std::string inline_safe(std::string_view code) {
  auto starts_with_ci = [&](size_t at, std::string_view word) {
    if (at + word.size() > code.size()) return false;
    for (size_t k = 0; k < word.size(); ++k) {
      char c = code[at + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != word[k]) return false;
    }
    return true;
  };
  std::string out;
  out.reserve(code.size() + 64);
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '<' && (starts_with_ci(i, "</script") || starts_with_ci(i, "</style") ||
                           starts_with_ci(i, "<!--"))) {
      out += "<\\";
      continue;
    }
    out += code[i];
  }
  return out;
}

// Replaces the first `marker` in `page` with `value`.
void fill(std::string& page, std::string_view marker, const std::string& value) {
  const size_t at = page.find(marker);
  if (at != std::string::npos) page.replace(at, marker.size(), value);
}

}  // namespace

std::string render_html(const JourneyMap& map) {
  std::string page(assets::map_html());
  // Filled from the last marker in the page to the first, so that no inserted
  // text is ever searched for a marker.
  fill(page, "/*@CJM_SCRIPT@*/", inline_safe(assets::map_js()));
  fill(page, "/*@CJM_ECHARTS@*/", inline_safe(assets::echarts_js()));
  fill(page, "@CJM_DATA@", script_safe_json(map_json(map)));
  fill(page, "/*@CJM_STYLE@*/", inline_safe(assets::map_css()));
  fill(page, "@CJM_TITLE@", html_escape(map.title.empty() ? "Journey map" : map.title));
  return page;
}

}  // namespace cjm
