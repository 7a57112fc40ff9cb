// `cjm personas`: groups of customers who behave alike, their cards and the
// customer -> persona table (app/run_personas.h).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli/input_options.h"

namespace cjm::cli {

struct PersonasArgs {
  InputArgs in;
  int k = 0;
  uint64_t seed = 1;
  std::string column, format = "text", output = "-", customers_out;
};

// Adds the `personas` subcommand to `app`, its options bound to `args`.
CLI::App* add_personas_command(CLI::App& app, PersonasArgs& args);

// Runs it: writes the cards (-o, in --format) and the table (--customers-out).
int run_personas_command(const PersonasArgs& args);

}  // namespace cjm::cli
