// The command line's options shared by every command that reads a spec and
// an event log (analyze, map, personas), and their translation to RunOptions.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "app/input_limits.h"
#include "app/run_analysis.h"

namespace cjm::cli {

struct InputArgs {
  std::string spec, events, input_format = "auto", rejects;
  std::string table, query;  // a database's events
  bool strict = false;
  unsigned threads = 0;
  size_t top = 20;
  cjm::InputLimits limits;
  std::string from, to;                // the path question
  std::vector<std::string> customers;  // --customers: customer tables to join
  std::string customers_id;            // --customers-id: their id column ("": data.customer)
};

// --table and --query: what to read of a database given as --events.
void add_database_options(CLI::App* cmd, std::string& table, std::string& query);

// A database source is read by analyze, map and import, in no other input
// format: refuses the other combinations (usage).
void check_database_source(const std::string& events, const std::string& input_format);

// Adds the options of InputArgs to `cmd`.
void add_input_options(CLI::App* cmd, InputArgs& in);

// Adds --customers FILE (repeatable) and --customers-id COLUMN to `cmd`.
void add_customer_options(CLI::App* cmd, std::vector<std::string>& files, std::string& id);

// The customer tables named on the command line.
std::vector<CustomerTableSpec> customer_tables(const std::vector<std::string>& files,
                                               const std::string& id);

// The job's options from the parsed arguments.
RunOptions run_options(const InputArgs& in);

}  // namespace cjm::cli
