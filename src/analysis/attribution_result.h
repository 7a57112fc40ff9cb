// Finished attribution of conversions and value to touchpoints and channels.
// Definitions: docs/methods.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace cjm {

// One model's credit per name (touchpoint or channel).
struct AttributionModel {
  std::map<std::string, double> conversions;
  std::map<std::string, double> value;
};

struct AttributionResult {
  uint64_t converting_paths = 0;
  uint64_t non_converting_paths = 0;
  double total_conversions = 0;
  double total_value = 0;
  // Model name -> credit. Models: first_touch, last_touch, linear,
  // position_based, time_decay, markov.
  std::map<std::string, AttributionModel> touchpoint;
  std::map<std::string, AttributionModel> channel;
  // Markov removal effect per touchpoint / channel (before normalisation).
  std::map<std::string, double> removal_effect_touchpoint;
  std::map<std::string, double> removal_effect_channel;
  int markov_order = 1;
  // Why a model is missing (e.g. time_decay without touch times); "" if none.
  std::string note;
};

}  // namespace cjm
