#include "draft/columns.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "core/money.h"
#include "core/time_parse.h"

namespace cjm {

namespace {

// Name aliases per role, best first, as normalised names (lower case, only
// letters and digits: "userId", "user_id" and "User ID" are all "userid").
const std::vector<std::string> kCustomerNames = {
    "customerid", "customer",  "userid",         "user",      "visitorid",  "visitor",
    "clientid",   "client",    "accountid",      "memberid",  "personid",   "custid",
    "contactid",  "shopperid", "buyerid",        "profileid", "distinctid", "anonymousid",
    "uid",        "caseid",    "caseconceptname"};
const std::vector<std::string> kTimeNames = {
    "timestamp", "time",       "ts",        "eventtime",     "eventtimestamp", "datetime",  "date",
    "createdat", "occurredat", "eventdate", "timetimestamp", "servertime",     "clienttime"};
const std::vector<std::string> kEventNames = {
    "event",      "eventname", "eventtype", "action", "activity", "conceptname",
    "touchpoint", "type",      "name",      "step",   "page",     "eventaction"};
const std::vector<std::string> kSessionNames = {"sessionid", "session",    "sid",
                                                "visitid",   "sessionkey", "gasessionid"};
const std::vector<std::string> kChannelNames = {
    "channel", "utmsource", "source", "medium", "utmmedium", "trafficsource", "marketingchannel"};
const std::vector<std::string> kValueNames = {"value",      "revenue", "amount", "price",
                                              "ordervalue", "total",   "sales",  "gmv"};
const std::vector<std::string> kScoreNames = {"score",        "rating", "csat",         "nps",
                                              "satisfaction", "stars",  "feedbackscore"};

std::string normalised(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z')
      out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
      out += c;
  }
  return out;
}

// Rank of `name` in `aliases` (0 best), or -1.
int alias_rank(const std::string& name, const std::vector<std::string>& aliases) {
  const std::string n = normalised(name);
  for (size_t i = 0; i < aliases.size(); ++i)
    if (aliases[i] == n) return static_cast<int>(i);
  return -1;
}

// What the sample says of one column.
struct Profile {
  std::string name;
  size_t nonempty = 0;
  size_t distinct = 0;
  size_t numbers = 0;    // non-empty values that read as a decimal number
  size_t fractions = 0;  // of those, with a '.' or an exponent
  double max_abs = 0;    // largest magnitude among the numbers
  size_t times = 0;      // non-empty values that read as a plausible time
  TimeFormat time_format = TimeFormat::kAuto;
  std::string example;    // the first non-empty value
  std::string time_miss;  // the first non-empty value that is not a time
  bool taken = false;     // chosen for a role
};

// Times before 1973 from an epoch number are most likely small counts (a
// score of 4 is 4 seconds after 1970), not times.
constexpr int64_t kEarliestEpochUs = int64_t{100'000'000} * 1'000'000;

Profile profile(const RawSample& s, size_t c) {
  Profile p;
  p.name = s.columns[c];
  std::unordered_set<std::string_view> seen;
  for (const auto& row : s.rows) {
    const std::string& v = row[c];
    if (v.empty()) continue;
    ++p.nonempty;
    seen.insert(v);
    if (p.example.empty()) p.example = v;
    int64_t money = 0;
    if (parse_money(v, money) == MoneyParse::kOk) {
      ++p.numbers;
      if (v.find('.') != std::string::npos) ++p.fractions;
      p.max_abs = std::max(p.max_abs, std::fabs(money_to_double(money)));
    }
    if (p.time_format == TimeFormat::kAuto) p.time_format = detect_time_format(v);
    const auto t =
        p.time_format == TimeFormat::kAuto ? std::nullopt : parse_time_us(v, p.time_format);
    const bool epoch = p.time_format != TimeFormat::kIso8601;
    if (t && (!epoch || *t >= kEarliestEpochUs))
      ++p.times;
    else if (p.time_miss.empty())
      p.time_miss = v;
  }
  p.distinct = seen.size();
  return p;
}

// All of `n` but at most 1 % of them, or one (a log may have a bad row); and
// at least one.
bool nearly_all(size_t part, size_t n) {
  return part > 0 && part + std::max<size_t>(1, n / 100) >= n;
}

const char* time_format_words(TimeFormat f) {
  switch (f) {
    case TimeFormat::kIso8601:
      return "ISO-8601";
    case TimeFormat::kEpochS:
      return "epoch seconds";
    case TimeFormat::kEpochMs:
      return "epoch milliseconds";
    case TimeFormat::kEpochUs:
      return "epoch microseconds";
    default:
      return "a time";
  }
}

// Per value of column `inner`, whether all its rows have one value of column
// `outer`: the share of `inner`'s non-empty rows that agree with the first
// `outer` value seen with their `inner` value.
double nested_share(const RawSample& s, size_t inner, size_t outer) {
  std::unordered_map<std::string_view, std::string_view> first;
  size_t rows = 0, agree = 0;
  for (const auto& row : s.rows) {
    if (row[inner].empty()) continue;
    ++rows;
    auto [it, added] = first.emplace(row[inner], row[outer]);
    if (added || it->second == row[outer]) ++agree;
  }
  return rows ? static_cast<double>(agree) / static_cast<double>(rows) : 0;
}

// Share of consecutive rows of one customer (in file order) in which column
// `c` changes; `pairs` is how many such pairs there were.
double change_share(const RawSample& s, size_t c, size_t customer, size_t& pairs) {
  std::unordered_map<std::string_view, size_t> last;
  size_t changes = 0;
  pairs = 0;
  for (size_t i = 0; i < s.rows.size(); ++i) {
    const std::string& who = s.rows[i][customer];
    if (who.empty()) continue;
    auto [it, added] = last.emplace(who, i);
    if (!added) {
      ++pairs;
      if (s.rows[it->second][c] != s.rows[i][c]) ++changes;
      it->second = i;
    }
  }
  return pairs ? static_cast<double>(changes) / static_cast<double>(pairs) : 0;
}

// The free column of best alias rank for `aliases` that passes `fits`, or -1.
template <class Fits>
int by_name(std::vector<Profile>& ps, const std::vector<std::string>& aliases, Fits fits) {
  int best = -1, best_rank = 0;
  for (size_t c = 0; c < ps.size(); ++c) {
    if (ps[c].taken) continue;
    const int r = alias_rank(ps[c].name, aliases);
    if (r >= 0 && fits(ps[c]) && (best < 0 || r < best_rank)) {
      best = static_cast<int>(c);
      best_rank = r;
    }
  }
  return best;
}

std::string column_list(const std::vector<Profile>& ps) {
  std::string out;
  for (const auto& p : ps) out += (out.empty() ? "" : ", ") + ("'" + printable(p.name) + "'");
  return out;
}

// A column name of `s` that no column has: maps an optional role to nothing.
std::string absent_name(const RawSample& s, const std::string& role) {
  std::string name = "(no " + role + " column)";
  while (std::find(s.columns.begin(), s.columns.end(), name) != s.columns.end()) name += "_";
  return name;
}

}  // namespace

ColumnGuess guess_columns(const RawSample& s, const std::string& display) {
  ColumnGuess g;
  const size_t n = s.rows.size();
  g.sample_rows = n;
  if (n == 0)
    throw Error(display, 0,
                "the log has no data rows: expected a header and one row per event "
                "(customer, time, event, ...)");
  std::vector<Profile> ps;
  for (size_t c = 0; c < s.columns.size(); ++c) ps.push_back(profile(s, c));
  auto take = [&](int c, ColumnChoice& choice, std::string why) {
    ps[static_cast<size_t>(c)].taken = true;
    choice.column = ps[static_cast<size_t>(c)].name;
    choice.why = std::move(why);
  };
  const std::string rows = fmt::format("{} sampled rows", n);

  // Time: a column that reads as a time in (nearly) every sampled row.
  auto is_time = [&](const Profile& p) { return nearly_all(p.times, n) && p.nonempty > 0; };
  int t = by_name(ps, kTimeNames, is_time);
  if (t >= 0) {
    take(t, g.time,
         fmt::format("named like a time; reads as {} in {} of {}",
                     time_format_words(ps[t].time_format), ps[t].times, rows));
  } else {
    for (size_t c = 0; c < ps.size(); ++c)
      if (is_time(ps[c]) && (t < 0 || ps[c].distinct > ps[static_cast<size_t>(t)].distinct))
        t = static_cast<int>(c);
    if (t < 0) {
      std::string misses;
      for (const auto& p : ps)
        if (!p.time_miss.empty() && misses.size() < 200)
          misses += fmt::format("{}'{}' holds '{}'", misses.empty() ? "" : ", ", printable(p.name),
                                printable(p.time_miss, 30));
      throw Error(display, 0,
                  fmt::format("no column reads as a time in every one of the first {} rows "
                              "(columns {}; {}): expected a column of ISO-8601 times "
                              "(2025-03-01T10:00:00Z) or epoch seconds, milliseconds or "
                              "microseconds",
                              n, column_list(ps), misses.empty() ? "all empty" : misses));
    }
    take(t, g.time,
         fmt::format("reads as {} in {} of {} (the most distinct of such columns)",
                     time_format_words(ps[t].time_format), ps[t].times, rows));
  }
  g.data.time = g.time.column;
  g.data.time_format = time_format_name(ps[static_cast<size_t>(t)].time_format);

  // Customer: named like one, else the id-like column with the most distinct
  // values that repeat over rows and is not nested inside another such column.
  auto filled = [&](const Profile& p) { return p.nonempty * 2 >= n; };
  int cu = by_name(ps, kCustomerNames, filled);
  if (cu >= 0) {
    take(cu, g.customer,
         fmt::format("named like a customer id; {} distinct values in {}, {:.1f} rows each",
                     ps[cu].distinct, rows, double(ps[cu].nonempty) / double(ps[cu].distinct)));
  } else {
    auto id_like = [&](const Profile& p) {
      return !p.taken && nearly_all(p.nonempty, n) && p.fractions == 0 && p.distinct > 8 &&
             p.distinct < p.nonempty;
    };
    for (size_t c = 0; c < ps.size(); ++c) {
      if (!id_like(ps[c])) continue;
      bool inside_other = false;  // a session inside a customer, not the customer
      for (size_t o = 0; o < ps.size(); ++o)
        if (o != c && id_like(ps[o]) && ps[o].distinct < ps[c].distinct &&
            nested_share(s, c, o) >= 0.99)
          inside_other = true;
      if (!inside_other && (cu < 0 || ps[c].distinct > ps[static_cast<size_t>(cu)].distinct))
        cu = static_cast<int>(c);
    }
    if (cu < 0) {
      std::string empty;  // columns named like a customer id but mostly empty
      for (const auto& p : ps)
        if (alias_rank(p.name, kCustomerNames) >= 0)
          empty += fmt::format("; '{}' is named like one but empty in {} of {} sampled rows",
                               printable(p.name), n - p.nonempty, n);
      throw Error(display, 0,
                  fmt::format("no plausible customer column among {} (expected a column named "
                              "like customer_id, user_id, visitor_id or client_id, or a column "
                              "of ids, filled in every row, whose values repeat over rows){}",
                              column_list(ps), empty));
    }
    take(cu, g.customer,
         fmt::format("an id filled in every row: {} distinct values in {}, {:.1f} rows each",
                     ps[cu].distinct, rows, double(ps[cu].nonempty) / double(ps[cu].distinct)));
  }
  g.data.customer = g.customer.column;
  const size_t cust = static_cast<size_t>(cu);

  // Session: named like one, else many distinct values, each within one customer.
  auto session_like = [&](const Profile& p) { return filled(p) && p.fractions == 0; };
  int se = by_name(ps, kSessionNames, session_like);
  if (se < 0) {
    for (size_t c = 0; c < ps.size(); ++c) {
      const Profile& p = ps[c];
      if (p.taken || !session_like(p) || p.distinct <= ps[cust].distinct ||
          p.distinct * 3 > p.nonempty * 2)
        continue;
      if (nested_share(s, c, cust) >= 0.99 && (se < 0 || p.distinct > ps[se].distinct))
        se = static_cast<int>(c);
    }
  }
  if (se >= 0) {
    const double nested = nested_share(s, static_cast<size_t>(se), cust);
    take(se, g.session,
         fmt::format("{}{} distinct values in {}; {:.1f} % of rows within one customer per value",
                     alias_rank(ps[se].name, kSessionNames) >= 0 ? "named like a session; " : "",
                     ps[se].distinct, rows, 100 * nested));
    g.data.session = g.session.column;
  }

  // Event: named like one, else the text column with few distinct values that
  // changes most often between a customer's consecutive rows.
  int ev = by_name(ps, kEventNames, filled);
  if (ev >= 0) {
    take(ev, g.event,
         fmt::format("named like an event; {} distinct names in {}", ps[ev].distinct, rows));
  } else {
    double best = -1;
    size_t best_pairs = 0;
    double best_change = 0;
    for (size_t c = 0; c < ps.size(); ++c) {
      const Profile& p = ps[c];
      if (p.taken || !nearly_all(p.nonempty, n) || p.numbers == p.nonempty || p.distinct < 2 ||
          p.distinct > std::max<size_t>(2, std::min<size_t>(5000, n / 2)))
        continue;
      size_t pairs = 0;
      const double change = change_share(s, c, cust, pairs);
      // With few repeat rows, more distinct names is the better hint.
      const double score = pairs >= 30 ? change * 1e6 + double(p.distinct) : double(p.distinct);
      if (score > best) {
        best = score;
        ev = static_cast<int>(c);
        best_pairs = pairs;
        best_change = change;
      }
    }
    if (ev < 0)
      throw Error(display, 0,
                  fmt::format("no column looks like the event name among {} (expected a text "
                              "column with a few distinct names repeated over many rows)",
                              column_list(ps)));
    take(ev, g.event,
         best_pairs >= 30
             ? fmt::format("{} distinct names in {}; changes in {:.0f} % of a customer's "
                           "consecutive rows",
                           ps[ev].distinct, rows, 100 * best_change)
             : fmt::format("the text column with the most distinct names ({}) in {}; too few "
                           "repeat rows to see which changes within a customer",
                           ps[ev].distinct, rows));
  }
  g.data.event = g.event.column;

  // Channel, value and score: named like one and fit for it.
  auto optional_role = [&](const std::vector<std::string>& names, ColumnChoice& choice,
                           std::string& target, const std::string& role, auto fits,
                           const std::string& what) {
    const int c = by_name(ps, names, [&](const Profile& p) { return p.nonempty > 0; });
    if (c >= 0 && fits(ps[c])) {
      take(c, choice, fmt::format("named like a {}; {}", role, what));
      target = choice.column;
      return;
    }
    if (c >= 0)
      g.notes.push_back(fmt::format("'{}' is named like a {} but {}: kept as an attribute",
                                    ps[c].name, role, "its values do not fit"));
    target = absent_name(s, role);
  };
  optional_role(
      kChannelNames, g.channel, g.data.channel, "channel",
      [&](const Profile& p) { return p.distinct <= 1000; }, "a few distinct values");
  optional_role(
      kValueNames, g.value, g.data.value, "value",
      [&](const Profile& p) { return p.numbers == p.nonempty; }, "a number wherever it is filled");
  optional_role(
      kScoreNames, g.score, g.data.score, "score",
      [&](const Profile& p) { return p.numbers == p.nonempty && p.max_abs <= 1e6; },
      "a number wherever it is filled");
  for (ColumnChoice* c : {&g.channel, &g.value, &g.score}) {
    if (c->column.empty()) continue;
    for (const auto& p : ps)
      if (p.name == c->column) c->why += fmt::format(" ({} filled rows of {})", p.nonempty, n);
  }
  return g;
}

}  // namespace cjm
