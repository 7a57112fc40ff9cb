#include "app/input_limits.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>

#include "core/error.h"

namespace cjm {

void check_spec_limits(const JourneySpec& spec, const InputLimits& limits) {
  if (spec.personas.size() <= limits.max_personas) return;
  const PersonaSpec& first_over = spec.personas[limits.max_personas];
  throw Error(at(spec.file, static_cast<uint64_t>(first_over.line),
                 fmt::format("{} personas, more than the limit of {} (each is a whole map of "
                             "its own; --max-personas raises the limit)",
                             spec.personas.size(), limits.max_personas)));
}

void check_name_limits(const JourneySpec& spec, const std::string& events_path,
                       const Dictionary& events, const std::vector<uint8_t>& is_conversion,
                       const Dictionary& channel_names, const InputLimits& limits) {
  if (events.size() > limits.max_event_names)
    throw Error(at(events_path, 0,
                   fmt::format("{} distinct event names, more than the limit of {} (every name "
                               "is a touchpoint in every output; --max-event-names raises it)",
                               events.size(), limits.max_event_names)));
  const int order = std::clamp(spec.attribution.order, 1, 4);
  const size_t max = limits.max_markov_touchpoints != 0 ? limits.max_markov_touchpoints
                                                        : kDefaultMaxMarkovTouchpoints[order - 1];
  std::set<std::string> named(channel_names.strings().begin(), channel_names.strings().end());
  for (const TouchpointSpec& t : spec.touchpoints)
    if (!t.channel.empty()) named.insert(t.channel);
  named.insert("(none)");
  const size_t channels = named.size();
  const size_t touchpoints =
      static_cast<size_t>(std::count(is_conversion.begin(), is_conversion.end(), uint8_t{0}));
  for (const auto& [count, what] : {std::pair{touchpoints,
                                              "touchpoints (event names other than "
                                              "the conversion)"},
                                    std::pair{channels, "channels"}})
    if (count > max)
      throw Error(at(events_path, 0,
                     fmt::format("{} distinct {}, more than the limit of {} for Markov "
                                 "attribution of order {} (the chain is solved once per "
                                 "touchpoint); lower attribution.order in the spec, or raise "
                                 "the limit with --max-markov-touchpoints",
                                 count, what, max, order)));
}

}  // namespace cjm
