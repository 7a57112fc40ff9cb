// The JourneyMap as CSV files (format: output/map_exports.h).
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/atomic_file.h"
#include "core/error.h"
#include "output/format_util.h"
#include "output/map_exports.h"

namespace cjm {
namespace {

// A text field: defused against formula injection, then quoted per RFC 4180.
std::string text(std::string_view value) {
  std::string field;
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                         value[0] == '\t' || value[0] == '\r')) {
    field = "'";
  }
  field.append(value);
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (const char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string integer(uint64_t value) {
  return fmt::format("{}", value);
}

// A share, rate or mean: up to 6 significant digits.
std::string share(double value) {
  return fmt::format("{:.6g}", value);
}
std::string share(std::optional<double> value) {
  return value ? share(*value) : std::string();
}

std::string seconds(double value) {
  return fmtutil::shortest(value);
}

class Csv {
 public:
  explicit Csv(std::vector<std::string_view> columns) {
    for (const auto c : columns) fields_.emplace_back(c);
    end_row();
  }
  Csv& operator<<(std::string field) {
    fields_.push_back(std::move(field));
    return *this;
  }
  void end_row() {
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (i > 0) out_ += ',';
      out_ += fields_[i];
    }
    out_ += '\n';
    fields_.clear();
  }
  std::string str() const { return out_; }

 private:
  std::vector<std::string> fields_;
  std::string out_;
};

std::string stages_csv(const JourneyMap& map) {
  Csv csv({"segment", "stage_id", "stage_name", "reached", "reach_share", "funnel_level",
           "conversion_from_previous", "drop_off", "time_from_previous_p50_s",
           "time_from_previous_p90_s", "emotion_mean", "emotion_count", "critical"});
  for (const MapSegment& seg : map.segments) {
    for (const MapStage& s : seg.stages) {
      const bool timed = s.time_from_previous_s.count > 0;
      const bool scored = s.emotion.count > 0;
      csv << text(seg.id) << text(s.id) << text(s.name) << integer(s.reached)
          << share(s.reach_share) << integer(s.funnel_level) << share(s.conversion_from_previous)
          << share(s.drop_off) << (timed ? seconds(s.time_from_previous_s.p50) : "")
          << (timed ? seconds(s.time_from_previous_s.p90) : "")
          << (scored ? share(s.emotion.mean) : "") << integer(s.emotion.count)
          << (s.critical ? "true" : "false");
      csv.end_row();
    }
  }
  return csv.str();
}

std::string funnel_csv(const JourneyMap& map) {
  Csv csv({"segment", "stage", "closed", "open", "closed_unbounded", "open_unbounded"});
  const auto at = [](const std::vector<uint64_t>& v, size_t k) {
    return k < v.size() ? integer(v[k]) : std::string();
  };
  for (const MapSegment& seg : map.segments) {
    const Funnel& f = seg.funnel;
    for (size_t k = 0; k < seg.stages.size(); ++k) {
      csv << text(seg.id) << text(seg.stages[k].id) << at(f.closed, k) << at(f.open, k)
          << at(f.closed_unbounded, k) << at(f.open_unbounded, k);
      csv.end_row();
    }
  }
  return csv.str();
}

std::string transitions_csv(const JourneyMap& map) {
  Csv csv({"segment", "kind", "from", "to", "count"});
  for (const MapSegment& seg : map.segments) {
    const auto rows = [&](std::string_view kind, const std::vector<Transition>& transitions) {
      for (const Transition& t : transitions) {
        csv << text(seg.id) << std::string(kind) << text(t.from) << text(t.to) << integer(t.count);
        csv.end_row();
      }
    };
    rows("stage", seg.stage_transitions);
    rows("touchpoint", seg.touchpoint_transitions);
  }
  return csv.str();
}

std::string paths_csv(const JourneyMap& map) {
  Csv csv({"segment", "kind", "rank", "steps", "customers", "converted", "conversion_rate"});
  for (const MapSegment& seg : map.segments) {
    const auto rows = [&](std::string_view kind, const std::vector<PathStat>& paths) {
      for (size_t i = 0; i < paths.size(); ++i) {
        const PathStat& p = paths[i];
        std::string steps;
        for (size_t k = 0; k < p.steps.size(); ++k) {
          if (k > 0) steps += " > ";
          steps += p.steps[k];
        }
        csv << text(seg.id) << std::string(kind) << integer(i + 1) << text(steps)
            << integer(p.customers) << integer(p.converted)
            << share(fmtutil::ratio(p.converted, p.customers));
        csv.end_row();
      }
    };
    rows("stage", seg.stage_variants);
    rows("touchpoint", seg.touchpoint_paths);
  }
  return csv.str();
}

std::string touchpoints_csv(const JourneyMap& map) {
  Csv csv({"segment", "stage", "touchpoint", "customers", "control", "medium"});
  for (const MapSegment& seg : map.segments) {
    for (const MapStage& s : seg.stages) {
      for (const MapTouchpoint& tp : s.touchpoints) {
        csv << text(seg.id) << text(s.id) << text(tp.name) << integer(tp.customers)
            << text(tp.control) << text(tp.medium);
        csv.end_row();
      }
    }
  }
  return csv.str();
}

std::string interval_low(const Interval& i) {
  return share(i.low);
}
std::string interval_high(const Interval& i) {
  return share(i.high);
}

std::string barrier_counts_csv(const JourneyMap& map) {
  Csv csv({"segment", "barriers", "customers", "converted", "rate", "rate_low", "rate_high"});
  for (const MapSegment& seg : map.segments) {
    for (const BarrierCountRow& r : seg.barriers.by_count) {
      csv << text(seg.id) << text(r.label) << integer(r.customers) << integer(r.converted)
          << share(r.rate) << interval_low(r.rate_ci) << interval_high(r.rate_ci);
      csv.end_row();
    }
  }
  return csv.str();
}

std::string barriers_csv(const JourneyMap& map) {
  Csv csv({"segment", "barrier_id", "barrier_name", "stage", "customers", "converted", "rate",
           "rate_low", "rate_high", "comparable_customers", "comparable_converted",
           "comparable_rate", "lost_after", "mean_score_around", "fix_cost"});
  for (const MapSegment& seg : map.segments) {
    for (const BarrierItem& b : seg.barriers.items) {
      csv << text(seg.id) << text(b.id) << text(b.name) << text(b.stage) << integer(b.customers)
          << integer(b.converted) << share(b.rate) << interval_low(b.rate_ci)
          << interval_high(b.rate_ci) << integer(b.comparable_customers)
          << integer(b.comparable_converted) << share(b.comparable_rate) << integer(b.lost_after)
          << share(b.mean_score_around) << share(b.fix_cost);
      csv.end_row();
    }
  }
  return csv.str();
}

std::string opportunities_csv(const JourneyMap& map) {
  Csv csv({"segment", "rank", "barrier_id", "barrier_name", "fix_cost", "extra_conversions",
           "extra_conversions_low", "extra_conversions_high", "extra_value", "gain_per_cost",
           "method"});
  for (const MapSegment& seg : map.segments) {
    for (const Opportunity& o : seg.barriers.opportunities) {
      // A free fix that brings conversions has an infinite gain: left empty.
      const bool finite = std::isfinite(o.gain_per_cost);
      csv << text(seg.id) << integer(static_cast<uint64_t>(o.rank)) << text(o.barrier_id)
          << text(o.barrier_name) << share(o.fix_cost) << share(o.extra_conversions)
          << interval_low(o.extra_conversions_ci) << interval_high(o.extra_conversions_ci)
          << share(o.extra_value) << (finite ? share(o.gain_per_cost) : std::string())
          << text(o.method);
      csv.end_row();
    }
  }
  return csv.str();
}

std::string attribution_csv(const JourneyMap& map) {
  Csv csv({"segment", "dimension", "model", "name", "conversions", "value"});
  for (const MapSegment& seg : map.segments) {
    const auto rows = [&](std::string_view dimension,
                          const std::map<std::string, AttributionModel>& models) {
      for (const auto& [model, credit] : models) {
        for (const auto& [name, conversions] : credit.conversions) {
          const auto value = credit.value.find(name);
          csv << text(seg.id) << std::string(dimension) << text(model) << text(name)
              << share(conversions)
              << (value == credit.value.end() ? std::string() : share(value->second));
          csv.end_row();
        }
      }
    };
    rows("touchpoint", seg.attribution.touchpoint);
    rows("channel", seg.attribution.channel);
  }
  return csv.str();
}

std::string retention_csv(const JourneyMap& map) {
  Csv csv({"segment", "buyers", "repeat_buyers", "repeat_rate", "time_to_second_purchase_p50_s",
           "time_to_second_purchase_p90_s", "advocates", "advocacy_share"});
  for (const MapSegment& seg : map.segments) {
    const RetentionResult& r = seg.retention;
    const bool timed = r.time_to_second_purchase_s.count > 0;
    csv << text(seg.id) << integer(r.buyers) << integer(r.repeat_buyers) << share(r.repeat_rate)
        << (timed ? seconds(r.time_to_second_purchase_s.p50) : "")
        << (timed ? seconds(r.time_to_second_purchase_s.p90) : "") << integer(r.advocates)
        << share(r.advocacy_share);
    csv.end_row();
  }
  return csv.str();
}

std::string cohorts_csv(const JourneyMap& map) {
  Csv csv({"segment", "cohort", "customers", "months_since_first_purchase", "active", "share"});
  for (const MapSegment& seg : map.segments) {
    for (const CohortRow& c : seg.retention.cohorts) {
      for (size_t m = 0; m < c.active.size(); ++m) {
        csv << text(seg.id) << text(c.month) << integer(c.customers) << integer(m)
            << integer(c.active[m]) << share(fmtutil::ratio(c.active[m], c.customers));
        csv.end_row();
      }
    }
  }
  return csv.str();
}

std::string comparisons_csv(const JourneyMap& map) {
  Csv csv({"a", "b", "a_customers", "a_converted", "b_customers", "b_converted", "difference", "z",
           "p_value", "significant"});
  for (const ConversionComparison& c : map.comparisons) {
    csv << text(c.a) << text(c.b) << integer(c.a_customers) << integer(c.a_converted)
        << integer(c.b_customers) << integer(c.b_converted) << share(c.difference) << share(c.z)
        << share(c.p_value) << (c.significant ? "true" : "false");
    csv.end_row();
  }
  return csv.str();
}

std::string segments_csv(const JourneyMap& map) {
  Csv csv({"segment", "kind", "name", "from", "to", "journeys", "events", "converted",
           "conversion_rate"});
  for (const MapSegment& seg : map.segments) {
    csv << text(seg.id) << text(seg.kind) << text(seg.name) << text(seg.from) << text(seg.to)
        << integer(seg.customers) << integer(seg.events) << integer(seg.converted)
        << share(fmtutil::ratio(seg.converted, seg.customers));
    csv.end_row();
  }
  return csv.str();
}

std::string stage_comparisons_csv(const JourneyMap& map) {
  Csv csv({"a", "b", "stage", "a_from", "a_entered", "b_from", "b_entered", "difference", "z",
           "p_value", "significant"});
  for (const ConversionComparison& c : map.comparisons) {
    for (const ConversionComparison& s : c.stages) {
      csv << text(c.a) << text(c.b) << text(s.stage) << integer(s.a_customers)
          << integer(s.a_converted) << integer(s.b_customers) << integer(s.b_converted)
          << share(s.difference) << share(s.z) << share(s.p_value)
          << (s.significant ? "true" : "false");
      csv.end_row();
    }
  }
  return csv.str();
}

std::string changes_csv(const JourneyMap& map) {
  Csv csv({"segment", "stage", "from", "to", "direction", "baseline_rate", "rate", "p_value",
           "lost", "at_risk", "entered"});
  for (const MapSegment& seg : map.segments) {
    for (const Change& c : seg.changes) {
      csv << text(seg.id) << text(c.stage) << text(c.from) << text(c.to) << text(c.direction)
          << share(c.baseline_rate) << share(c.rate) << share(c.p_value) << share(c.lost)
          << integer(c.at_risk) << integer(c.entered);
      csv.end_row();
    }
  }
  return csv.str();
}

std::string change_causes_csv(const JourneyMap& map) {
  Csv csv({"segment", "stage", "from", "event", "lift", "share_in", "share_out"});
  for (const MapSegment& seg : map.segments) {
    for (const Change& c : seg.changes) {
      for (const ChangeEvent& e : c.events) {
        csv << text(seg.id) << text(c.stage) << text(c.from) << text(e.event) << share(e.lift)
            << share(e.share_in) << share(e.share_out);
        csv.end_row();
      }
    }
  }
  return csv.str();
}

}  // namespace

std::vector<CsvTable> map_csv_tables(const JourneyMap& map) {
  return {{"stages.csv", stages_csv(map)},
          {"funnel.csv", funnel_csv(map)},
          {"transitions.csv", transitions_csv(map)},
          {"paths.csv", paths_csv(map)},
          {"touchpoints.csv", touchpoints_csv(map)},
          {"barrier_counts.csv", barrier_counts_csv(map)},
          {"barriers.csv", barriers_csv(map)},
          {"opportunities.csv", opportunities_csv(map)},
          {"attribution.csv", attribution_csv(map)},
          {"retention.csv", retention_csv(map)},
          {"cohorts.csv", cohorts_csv(map)},
          {"comparisons.csv", comparisons_csv(map)},
          {"segments.csv", segments_csv(map)},
          {"stage_comparisons.csv", stage_comparisons_csv(map)},
          {"changes.csv", changes_csv(map)},
          {"change_causes.csv", change_causes_csv(map)}};
}

void write_map_csv(const JourneyMap& map, const std::string& dir) {
  std::vector<FolderFile> files;
  for (CsvTable& table : map_csv_tables(map))
    files.push_back(FolderFile{std::move(table.file_name), std::move(table.content)});
  write_folder_atomic(dir, files);
}

}  // namespace cjm
