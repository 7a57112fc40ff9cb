// The HTML journey map: one self-contained page. The C++ side only serialises
// the JourneyMap to JSON (escaped for a <script> element) and pastes it with
// the embedded styles and scripts into the template; the page's own script
// (src/output/html/map.js) builds the DOM with textContent and draws charts
// with the embedded Apache ECharts.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "output/format_util.h"
#include "output/map_render.h"

namespace cjm::assets {
// Defined by the file cmake/embed.cmake generates.
std::string_view echarts_js();
std::string_view map_html();
std::string_view map_css();
std::string_view map_js();
}  // namespace cjm::assets

namespace cjm {

namespace {

using nlohmann::json;

json stats_json(const Stats& s) {
  return json{{"count", s.count}, {"mean", s.mean}, {"p50", s.p50}, {"p90", s.p90}};
}

json opt_json(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

json transitions_json(const std::vector<Transition>& ts) {
  json out = json::array();
  for (const auto& t : ts) out.push_back(json{{"from", t.from}, {"to", t.to}, {"count", t.count}});
  return out;
}

json paths_json(const std::vector<PathStat>& ps) {
  json out = json::array();
  for (const auto& p : ps)
    out.push_back(json{{"steps", p.steps}, {"customers", p.customers}, {"converted", p.converted}});
  return out;
}

json interval_json(const Interval& i) {
  return json{{"low", i.low}, {"high", i.high}};
}

json barriers_json(const BarrierResult& b) {
  json by_count = json::array();
  for (const auto& r : b.by_count)
    by_count.push_back(json{{"barriers", r.barriers},
                            {"customers", r.customers},
                            {"converted", r.converted},
                            {"rate", opt_json(r.rate)},
                            {"rate_ci", interval_json(r.rate_ci)}});
  json items = json::array();
  for (const auto& i : b.items)
    items.push_back(json{{"id", i.id},
                         {"name", i.name},
                         {"stage", i.stage},
                         {"customers", i.customers},
                         {"converted", i.converted},
                         {"rate", opt_json(i.rate)},
                         {"rate_ci", interval_json(i.rate_ci)},
                         {"comparable_customers", i.comparable_customers},
                         {"comparable_converted", i.comparable_converted},
                         {"comparable_rate", opt_json(i.comparable_rate)},
                         {"lost_after", i.lost_after},
                         {"scores_around", i.scores_around},
                         {"mean_score_around", opt_json(i.mean_score_around)},
                         {"fix_cost", opt_json(i.fix_cost)},
                         {"note", i.note}});
  json opps = json::array();
  for (const auto& o : b.opportunities)
    opps.push_back(json{{"barrier_id", o.barrier_id},
                        {"barrier_name", o.barrier_name},
                        {"fix_cost", o.fix_cost},
                        {"extra_conversions", o.extra_conversions},
                        {"extra_conversions_ci", interval_json(o.extra_conversions_ci)},
                        {"extra_value", o.extra_value},
                        {"gain_per_cost", o.gain_per_cost},
                        {"rank", o.rank},
                        {"method", o.method}});
  return json{{"by_count", by_count}, {"items", items}, {"opportunities", opps}};
}

json models_json(const std::map<std::string, AttributionModel>& models) {
  json out = json::object();
  for (const auto& [name, m] : models)
    out[name] = json{{"conversions", m.conversions}, {"value", m.value}};
  return out;
}

json attribution_json(const AttributionResult& a) {
  return json{{"converting_paths", a.converting_paths},
              {"non_converting_paths", a.non_converting_paths},
              {"total_conversions", a.total_conversions},
              {"total_value", a.total_value},
              {"touchpoint", models_json(a.touchpoint)},
              {"channel", models_json(a.channel)},
              {"removal_effect_touchpoint", a.removal_effect_touchpoint},
              {"removal_effect_channel", a.removal_effect_channel},
              {"markov_order", a.markov_order}};
}

json retention_json(const RetentionResult& r) {
  json cohorts = json::array();
  for (const auto& c : r.cohorts)
    cohorts.push_back(json{{"month", c.month}, {"customers", c.customers}, {"active", c.active}});
  return json{{"buyers", r.buyers},
              {"repeat_buyers", r.repeat_buyers},
              {"repeat_rate", opt_json(r.repeat_rate)},
              {"time_to_second_purchase_s", stats_json(r.time_to_second_purchase_s)},
              {"cohorts", cohorts},
              {"advocates", r.advocates},
              {"advocacy_share", opt_json(r.advocacy_share)}};
}

json comparisons_json(const std::vector<ConversionComparison>& cs) {
  json out = json::array();
  for (const auto& c : cs)
    out.push_back(json{{"a", c.a},
                       {"b", c.b},
                       {"a_customers", c.a_customers},
                       {"a_converted", c.a_converted},
                       {"b_customers", c.b_customers},
                       {"b_converted", c.b_converted},
                       {"difference", opt_json(c.difference)},
                       {"z", opt_json(c.z)},
                       {"p_value", opt_json(c.p_value)},
                       {"significant", c.significant}});
  return out;
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
  json dist = json::array();
  for (const auto& [score, n] : s.emotion.distribution) dist.push_back(json::array({score, n}));
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
              {"time_from_previous_s", stats_json(s.time_from_previous_s)},
              {"emotion",
               json{{"count", s.emotion.count}, {"mean", s.emotion.mean}, {"distribution", dist}}},
              {"critical", s.critical}};
}

json segment_json(const MapSegment& g) {
  json stages = json::array();
  for (const auto& s : g.stages) stages.push_back(stage_json(s));
  return json{{"id", g.id},
              {"name", g.name},
              {"customers", g.customers},
              {"events", g.events},
              {"converted", g.converted},
              {"stages", stages},
              {"funnel", json{{"window_s", opt_json(g.funnel.window_s)},
                              {"closed", g.funnel.closed},
                              {"open", g.funnel.open},
                              {"closed_unbounded", g.funnel.closed_unbounded},
                              {"open_unbounded", g.funnel.open_unbounded}}},
              {"shape", json{{"journeys", g.shape.journeys},
                             {"linear", g.shape.linear},
                             {"backward", g.shape.backward},
                             {"skip", g.shape.skip}}},
              {"stage_transitions", transitions_json(g.stage_transitions)},
              {"touchpoint_transitions", transitions_json(g.touchpoint_transitions)},
              {"stage_variants", paths_json(g.stage_variants)},
              {"touchpoint_paths", paths_json(g.touchpoint_paths)},
              {"time_to_convert_s", stats_json(g.time_to_convert_s)},
              {"barriers", barriers_json(g.barriers)},
              {"attribution", attribution_json(g.attribution)},
              {"retention", retention_json(g.retention)}};
}

json map_json(const JourneyMap& m) {
  json segments = json::array();
  for (const auto& g : m.segments) segments.push_back(segment_json(g));
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
              {"rejected_rows", m.rejected_rows},
              {"unmapped_events", m.unmapped_events},
              {"unmapped_names", m.unmapped_names},
              {"window_s", opt_json(m.window_s)},
              {"segments", segments},
              {"comparisons", comparisons_json(m.comparisons)}};
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
