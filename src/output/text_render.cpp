// render_text: a terminal summary readable at a glance, at most 100 columns wide.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/path_label.h"
#include "output/format_util.h"
#include "output/render.h"
#include "output/text_sections.h"
#include "output/text_writer.h"
#include "output/unit_words.h"

namespace cjm {

namespace {

using text::kMaxColumns;
using text::Style;
using text::text_changes;
using text::text_periods;
using text::text_visits;
using text::Writer;

constexpr size_t kBarColumns = 12;
constexpr size_t kTop = 5;

// A horizontal bar of `fraction` (0..1) of kBarColumns cells, in eighths.
std::string bar(std::optional<double> fraction) {
  static const char* const kEighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  double f = fraction.value_or(0.0);
  if (!(f > 0)) f = 0;  // also catches NaN
  if (f > 1) f = 1;
  const auto eighths = static_cast<size_t>(f * static_cast<double>(kBarColumns * 8) + 0.5);
  std::string out;
  for (size_t i = 0; i < eighths / 8; ++i) out += "█";
  out += kEighths[eighths % 8];
  return fmtutil::pad_right(out, kBarColumns);
}

std::string stats_median_p90(const Stats& s) {
  return fmt::format("median {}, p90 {}", fmtutil::duration(s.p50), fmtutil::duration(s.p90));
}

// What joining a customer table found: its matches and the log's customers
// with no row; then the rows with no events (a few named), if any.
void customer_table_lines(const CustomerJoin& t, const Style& st, Writer& w) {
  std::string line =
      st.dim("customers") + " " + fmtutil::truncate(fmtutil::clean(t.path), 40) +
      fmt::format(" · {} of {} rows matched", fmtutil::count(t.matched), fmtutil::count(t.rows));
  if (t.customers_without_row > 0)
    line += fmt::format(" · {} customers of the log without a row",
                        fmtutil::count(t.customers_without_row));
  w.line(line);
  if (t.without_events == 0) return;
  std::vector<std::string> ids;
  for (const auto& e : t.without_events_examples)
    ids.push_back(fmt::format("{} (line {})", fmtutil::truncate(fmtutil::clean(e.id), 20), e.line));
  w.line("  " +
         st.yellow(fmt::format("{} with no events, not mapped", fmtutil::count(t.without_events))) +
         fmt::format(": {}", fmt::join(ids, ", ")));
}

void header(const AnalysisResult& r, const Style& st, Writer& w) {
  const InputSummary& in = r.input;
  std::string title = fmtutil::truncate(fmtutil::clean(r.journey_name), 40);
  if (title.empty()) title = "Journey";
  std::string line = st.bold(title);
  line += fmt::format(" · {} events · {} customers", fmtutil::count(in.events),
                      fmtutil::count(in.customers));
  if (r.unit == "visit" && in.visits)
    line += fmt::format(" · {} visits", fmtutil::count(*in.visits));
  if (in.first_time_us && in.last_time_us) {
    line += fmt::format(" · {} → {}", fmtutil::iso_date_utc(*in.first_time_us),
                        fmtutil::iso_date_utc(*in.last_time_us));
  }
  w.line(line);

  std::string source = fmtutil::truncate(fmtutil::clean(in.path), 48);
  std::vector<std::string> kinds;
  if (!in.format.empty()) kinds.push_back(fmtutil::clean(in.format));
  if (!in.time_format.empty()) kinds.push_back(fmtutil::clean(in.time_format));
  std::string second = st.dim("input") + " " + (source.empty() ? std::string("-") : source);
  if (!kinds.empty()) second += fmt::format(" ({})", fmt::join(kinds, ", "));
  second += fmt::format(" · {} rows", fmtutil::count(in.rows));
  if (in.rejected_rows > 0) {
    second += " · " + st.yellow(fmt::format("{} rejected", fmtutil::count(in.rejected_rows)));
  }
  if (in.unmapped_events > 0) {
    second +=
        " · " + st.yellow(fmt::format("{} unmapped events", fmtutil::count(in.unmapped_events)));
  }
  w.line(second);
  for (const CustomerJoin& t : in.customer_tables) customer_table_lines(t, st, w);
}

void stage_table(const AnalysisResult& r, const fmtutil::StageNames& names, const Style& st,
                 Writer& w) {
  const SegmentResult& all = r.all;
  if (all.stages.empty()) return;
  const Funnel& f = all.funnel;
  w.line();
  std::string window = f.window_s ? "window " + fmtutil::duration(*f.window_s) : "no window";
  w.line(st.bold(fmt::format("{:<31}{:>8} {:>6}  {:<21} {:>6} {:>8} {:>5}", "Stages", "reached",
                             "%", "funnel (closed)", "conv.", "median", "score")));
  w.line(
      st.dim(fmt::format("{:<48}{:<21} {:>6} {:>8}", "", fmtutil::truncate(window, 21), "", "Δt")));

  // The critical point: lowest mean score among stages with scores.
  std::optional<size_t> lowest;
  for (size_t k = 0; k < all.stages.size(); ++k) {
    const Emotion& e = all.stages[k].emotion;
    if (e.count > 0 && (!lowest || e.mean < all.stages[*lowest].emotion.mean)) lowest = k;
  }

  for (size_t k = 0; k < all.stages.size(); ++k) {
    const StageResult& s = all.stages[k];
    const bool has_closed = k < f.closed.size();
    const uint64_t closed = has_closed ? f.closed[k] : 0;
    std::optional<double> conv;
    if (k > 0 && has_closed) conv = fmtutil::ratio(closed, f.closed[k - 1]);
    const std::string time = (k > 0 && s.time_from_previous_s.count > 0)
                                 ? fmtutil::duration(s.time_from_previous_s.p50)
                                 : "—";
    std::string score = s.emotion.count > 0 ? fmtutil::score(s.emotion.mean) : "—";
    score = fmtutil::pad_left(score, 5);
    if (lowest && *lowest == k) score = st.red(score);

    std::string row = fmtutil::pad_left(fmt::format("{}", k + 1), 2) + " ";
    row += fmtutil::pad_right(names.name(k), 26);
    row += fmtutil::pad_left(fmtutil::count(s.reached), 8) + " ";
    row += fmtutil::pad_left(fmtutil::percent(fmtutil::ratio(s.reached, all.customers)), 6);
    row += "  ";
    if (has_closed) {
      row += st.cyan(bar(fmtutil::ratio(closed, all.customers)));
      row += fmtutil::pad_left(fmtutil::count(closed), 9);
    } else {
      row += fmtutil::pad_right("", kBarColumns) + fmtutil::pad_left("—", 9);
    }
    row += " " + fmtutil::pad_left(fmtutil::percent(conv), 6);
    row += " " + fmtutil::pad_left(time, 8);
    row += " " + score;
    w.line("  " + row);
  }
  if (lowest) {
    w.line(st.dim(fmt::format("  lowest score: {} ({})", fmtutil::truncate(names.name(*lowest), 60),
                              fmtutil::score(all.stages[*lowest].emotion.mean))));
  }
}

void shape_and_conversion(const AnalysisResult& r, const Style& st, Writer& w) {
  const SegmentResult& all = r.all;
  const Shape& sh = all.shape;
  const UnitWords words = unit_words(r.unit);
  const std::string journeys = r.unit == "visit" ? words.plural : std::string("journeys");
  w.line();
  w.line(fmt::format("{}  linear {} · backward {} · skip {}  {}", st.bold("Shape     "),
                     fmtutil::percent(fmtutil::ratio(sh.linear, sh.journeys)),
                     fmtutil::percent(fmtutil::ratio(sh.backward, sh.journeys)),
                     fmtutil::percent(fmtutil::ratio(sh.skip, sh.journeys)),
                     st.dim(fmt::format("(of {} {})", fmtutil::count(sh.journeys), journeys))));
  std::string conv =
      fmt::format("{}  {} of {} {} ({})", st.bold("Conversion"), fmtutil::count(all.converted),
                  fmtutil::count(all.customers), words.plural,
                  st.green(fmtutil::percent(fmtutil::ratio(all.converted, all.customers))));
  if (all.time_to_convert_s.count > 0) {
    conv += " · time to convert " + stats_median_p90(all.time_to_convert_s);
  }
  w.line(conv);
}

// The readable label of `steps` (loops folded) in display names.
std::string join_steps(const std::vector<std::string>& steps, std::span<const RepeatRange> repeats,
                       const fmtutil::StageNames* names) {
  // Each step is cut on its own so one long name does not hide the rest.
  return path_label(steps, repeats, [&](const std::string& s) {
    return fmtutil::truncate(names ? names->name_of(s) : fmtutil::clean(s), 24);
  });
}

// Rows of a path question: journeys, share of `of`, label.
void path_count_rows(const std::vector<PathCount>& list, uint64_t of, const UnitWords& words,
                     const Style& st, Writer& w) {
  w.line(st.dim(fmt::format("  {:>10} {:>7}  {}", words.plural, "share", "steps")));
  for (size_t i = 0; i < list.size() && i < kTop; ++i) {
    const PathCount& p = list[i];
    const std::string head = fmt::format("  {:>10} {:>7}  ", fmtutil::count(p.journeys),
                                         fmtutil::percent(fmtutil::ratio(p.journeys, of)));
    w.line(head +
           fmtutil::truncate(join_steps(p.steps, {}, nullptr), kMaxColumns - fmtutil::width(head)));
  }
}

// "Paths from X to Y" (when asked) and "Last steps before leaving".
void path_questions(const AnalysisResult& r, const UnitWords& words, const Style& st, Writer& w) {
  const PathsBetween& pb = r.all.paths_between;
  if (pb.asked) {
    const std::string from = fmtutil::truncate(fmtutil::clean(pb.from), 30);
    const std::string to = fmtutil::truncate(fmtutil::clean(pb.to), 30);
    w.line();
    w.line(st.bold(fmt::format("Paths from {} to {}", from, to)));
    std::string line =
        fmt::format("  {} of {} {} with {} ({}) went on to {}", fmtutil::count(pb.with_path),
                    fmtutil::count(pb.with_from), words.plural, from,
                    fmtutil::percent(fmtutil::ratio(pb.with_path, pb.with_from)), to);
    if (pb.time_s.count > 0) line += ", median " + fmtutil::duration(pb.time_s.p50) + " later";
    w.line(line);
    if (!pb.paths.empty()) path_count_rows(pb.paths, pb.with_path, words, st, w);
  }
  const LastSteps& ls = r.all.last_steps;
  if (ls.paths.empty()) return;
  w.line();
  w.line(st.bold("Last steps before leaving") +
         st.dim(fmt::format("  (last {} steps of the {} {} that did not convert)", ls.steps,
                            fmtutil::count(ls.journeys), words.plural)));
  path_count_rows(ls.paths, ls.journeys, words, st, w);
}

void paths(const char* title, const std::vector<PathStat>& list, const fmtutil::StageNames* names,
           const UnitWords& words, const Style& st, Writer& w) {
  if (list.empty()) return;
  w.line();
  w.line(st.bold(title));
  w.line(st.dim(fmt::format("  {:>10} {:>7}  {}", words.plural, "conv.", "steps")));
  for (size_t i = 0; i < list.size() && i < kTop; ++i) {
    const PathStat& p = list[i];
    const std::string head =
        fmt::format("  {:>10} {:>7}  ", fmtutil::count(p.customers),
                    fmtutil::percent(fmtutil::ratio(p.converted, p.customers)));
    w.line(head + fmtutil::truncate(join_steps(p.steps, p.repeats, names),
                                    kMaxColumns - fmtutil::width(head)));
  }
}

void transition_rows(const std::vector<const Transition*>& list, const fmtutil::StageNames& names,
                     const Style& st, Writer& w) {
  for (const Transition* t : list) {
    const bool back = names.backward(*t);
    const std::string text = fmtutil::truncate(names.name_of(t->from), 34) + " → " +
                             fmtutil::truncate(names.name_of(t->to), 34);
    std::string row = fmt::format("  {:>10}  ", fmtutil::count(t->count));
    row += back ? st.red(text + "  ↩ backward") : text;
    w.line(row);
  }
}

void transitions(const AnalysisResult& r, const fmtutil::StageNames& names, const Style& st,
                 Writer& w) {
  const std::vector<Transition>& list = r.all.stage_transitions;
  if (list.empty()) return;
  std::vector<const Transition*> top, back;
  for (const Transition& t : list) {
    if (top.size() < kTop) top.push_back(&t);
    if (back.size() < kTop && names.backward(t)) back.push_back(&t);
  }
  w.line();
  w.line(st.bold("Top stage transitions"));
  w.line(st.dim(fmt::format("  {:>10}  {}", "count", "from → to")));
  transition_rows(top, names, st, w);
  // Backward moves are what a journey map is for: show the most frequent even
  // when they are not among the most frequent transitions overall.
  bool all_shown = true;
  for (const Transition* t : back) {
    if (t - list.data() >= static_cast<std::ptrdiff_t>(top.size())) all_shown = false;
  }
  if (!back.empty() && !all_shown) {
    w.line(st.bold("Top backward moves"));
    transition_rows(back, names, st, w);
  }
}

void unmapped(const AnalysisResult& r, const Style& st, Writer& w) {
  const InputSummary& in = r.input;
  if (in.unmapped_events == 0 && in.unmapped_names.empty()) return;
  w.line();
  std::string line =
      fmt::format("{}  {} events", st.bold("Unmapped  "), fmtutil::count(in.unmapped_events));
  // The first few names, as many as fit, then how many more there are.
  constexpr size_t kReserve = 14;  // room for " (+NNNNN more)"
  size_t shown = 0;
  for (; shown < in.unmapped_names.size() && shown < kTop; ++shown) {
    const std::string name = fmtutil::truncate(fmtutil::clean(in.unmapped_names[shown]), 24);
    const std::string part = (shown == 0 ? ": " : ", ") + name;
    if (fmtutil::width(line) + fmtutil::width(part) + kReserve > kMaxColumns) break;
    line += part;
  }
  if (shown < in.unmapped_names.size()) {
    line += fmt::format(" (+{} more)", in.unmapped_names.size() - shown);
  }
  w.line(line);
}

void personas(const AnalysisResult& r, const fmtutil::StageNames& names, const Style& st,
              Writer& w) {
  if (r.personas.empty()) return;
  w.line();
  const std::string last =
      r.stages.empty() ? std::string("last stage") : names.name(r.stages.size() - 1);
  w.line(
      st.bold(fmt::format("{:<30}{:>10} {:>10} {:>7}  {}", "Personas", unit_words(r.unit).plural,
                          "converted", "rate", fmtutil::truncate("closed funnel at " + last, 38))));
  for (const PersonaResult& p : r.personas) {
    const SegmentResult& f = p.figures;
    std::string name = fmtutil::clean(p.name.empty() ? p.id : p.name);
    std::string row = "  " + fmtutil::pad_right(name, 28);
    row += fmtutil::pad_left(fmtutil::count(f.customers), 10) + " ";
    row += fmtutil::pad_left(fmtutil::count(f.converted), 10) + " ";
    row += fmtutil::pad_left(fmtutil::percent(fmtutil::ratio(f.converted, f.customers)), 7);
    if (!f.funnel.closed.empty()) {
      const uint64_t level = f.funnel.closed.back();
      row += fmt::format("  {} ({})", fmtutil::count(level),
                         fmtutil::percent(fmtutil::ratio(level, f.customers)));
    }
    w.line(row);
  }
}

// "1,234.5" (decimals 1) or "40,000" (decimals 0): a non-negative figure
// rounded to that many decimals, thousands grouped.
std::string grouped(double value, int decimals) {
  if (!(value >= 0)) return fmt::format("{:.{}f}", value, decimals);
  const uint64_t scale = decimals == 1 ? 10 : 1;
  const auto units = static_cast<uint64_t>(value * static_cast<double>(scale) + 0.5);
  std::string out = fmtutil::count(units / scale);
  if (decimals == 1) out += "." + std::to_string(units % scale);
  return out;
}

// The ranked fixes: what removing each barrier would bring, per unit of cost.
void opportunities(const AnalysisResult& r, const Style& st, Writer& w) {
  const auto& list = r.all.barriers.opportunities;
  if (list.empty()) return;
  w.line();
  w.line(st.bold(fmt::format("{:<34}{:>22} {:>10} {:>12}", "Fix first (barriers)",
                             "extra conversions", "fix cost", "per 1,000")));
  for (size_t i = 0; i < list.size() && i < kTop; ++i) {
    const Opportunity& o = list[i];
    std::string row = fmt::format("  {:>2} ", o.rank);
    row += fmtutil::pad_right(
        fmtutil::truncate(fmtutil::clean(o.barrier_name.empty() ? o.barrier_id : o.barrier_name),
                          28),
        29);
    row += fmtutil::pad_left(fmt::format("{} ({}–{})", grouped(o.extra_conversions, 1),
                                         grouped(o.extra_conversions_ci.low, 1),
                                         grouped(o.extra_conversions_ci.high, 1)),
                             22);
    row += " " + fmtutil::pad_left(o.fix_cost > 0 ? grouped(o.fix_cost, 0) : "-", 10);
    // Extra conversions per 1,000 of cost: readable where per unit is tiny.
    row += " " + fmtutil::pad_left(o.fix_cost > 0 ? grouped(o.gain_per_cost * 1000, 1) : "-", 12);
    w.line(row);
  }
}

// Conversions credited to each channel: Markov removal effect beside last touch.
void channel_attribution(const AnalysisResult& r, const Style& st, Writer& w) {
  const AttributionResult& a = r.all.attribution;
  const auto markov = a.channel.find("markov");
  if (markov == a.channel.end() || a.total_conversions <= 0) return;
  const auto last = a.channel.find("last_touch");
  std::vector<std::pair<double, std::string>> rows;
  for (const auto& [name, credit] : markov->second.conversions) rows.emplace_back(credit, name);
  std::sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) {
    return x.first != y.first ? x.first > y.first : x.second < y.second;
  });
  w.line();
  w.line(st.bold(fmt::format("{:<34}{:>22} {:>23}", "Channels (conversions credited)",
                             fmt::format("Markov, order {}", a.markov_order), "last touch")));
  for (size_t i = 0; i < rows.size() && i < kTop; ++i) {
    const auto& [credit, name] = rows[i];
    std::string row = "  " + fmtutil::pad_right(fmtutil::truncate(fmtutil::clean(name), 30), 32);
    row += fmtutil::pad_left(
        fmt::format("{} ({})", grouped(credit, 1), fmtutil::percent(credit / a.total_conversions)),
        22);
    double last_credit = 0;
    if (last != a.channel.end()) {
      const auto it = last->second.conversions.find(name);
      if (it != last->second.conversions.end()) last_credit = it->second;
    }
    row += " " + fmtutil::pad_left(fmt::format("{} ({})", grouped(last_credit, 1),
                                               fmtutil::percent(last_credit / a.total_conversions)),
                                   23);
    w.line(row);
  }
}

// Repeat purchase and advocacy, in one line.
void retention(const AnalysisResult& r, const Style& st, Writer& w) {
  const RetentionResult& ret = r.all.retention;
  if (ret.buyers == 0) return;
  std::string line = fmt::format("{}  {} of {} buyers ({}) bought again", st.bold("Retention "),
                                 fmtutil::count(ret.repeat_buyers), fmtutil::count(ret.buyers),
                                 fmtutil::percent(ret.repeat_rate));
  if (ret.time_to_second_purchase_s.count > 0)
    line += ", median " + fmtutil::duration(ret.time_to_second_purchase_s.p50) + " later";
  if (ret.advocacy_share)
    line += fmt::format(" · advocates {}", fmtutil::percent(ret.advocacy_share));
  w.line();
  w.line(line);
}

}  // namespace

std::string render_text(const AnalysisResult& result, bool color) {
  const Style st(color);
  const fmtutil::StageNames names(result, [](std::string_view s) { return fmtutil::clean(s); });
  const UnitWords words = unit_words(result.unit);
  Writer w(st);
  header(result, st, w);
  stage_table(result, names, st, w);
  shape_and_conversion(result, st, w);
  paths("Top stage variants", result.all.stage_variants, &names, words, st, w);
  paths("Top touchpoint paths", result.all.touchpoint_paths, nullptr, words, st, w);
  path_questions(result, words, st, w);
  transitions(result, names, st, w);
  opportunities(result, st, w);
  channel_attribution(result, st, w);
  retention(result, st, w);
  unmapped(result, st, w);
  personas(result, names, st, w);
  text_visits(result, st, w);
  text_periods(result, st, w);
  text_changes(result, st, w);
  return w.take();
}

}  // namespace cjm
