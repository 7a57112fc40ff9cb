#include "cli/personas_command.h"

#include <fmt/format.h>

#include <iostream>

#include "app/run_personas.h"
#include "core/atomic_file.h"
#include "output/persona_cards_render.h"

namespace cjm::cli {

CLI::App* add_personas_command(CLI::App& app, PersonasArgs& args) {
  auto* cmd = app.add_subcommand(
      "personas",
      "Find groups of customers who behave alike (k-means on stage reach, touchpoint and "
      "channel mix, visits, time to convert, barriers): a card per group and a "
      "customer -> persona table to map them (docs/methods.md)");
  add_input_options(cmd, args.in);
  cmd->add_option("--k", args.k, "Number of groups (default: chosen by the silhouette, 2-8)")
      ->check(CLI::Range(1, 100));
  cmd->add_option("--seed", args.seed,
                  "Random seed of k-means++ (default 1; same seed, same groups)");
  cmd->add_option("--format", args.format, "Cards: text (default), json, markdown")
      ->check(CLI::IsMember({"text", "json", "markdown", "md"}));
  cmd->add_option("-o,--output", args.output,
                  "Where to write the cards (default: standard output)");
  cmd->add_option("--customers-out", args.customers_out,
                  "Write the customer -> persona table (CSV) here, for --customers or "
                  "data.customers");
  cmd->add_option("--column", args.column,
                  "The table's persona column (default persona, or persona_found when the "
                  "events already have a persona column)");
  return cmd;
}

int run_personas_command(const PersonasArgs& args) {
  PersonasOptions options;
  options.run = run_options(args.in);
  options.method.k = args.k;
  options.method.seed = args.seed;
  options.column = args.column;
  const PersonasRun run = run_personas(options);
  const PersonaFiles files{args.customers_out, run.id_column,
                           args.format == "json" && args.output != "-" ? args.output : ""};
  std::string text;
  if (args.format == "json")
    text = render_persona_cards_json(run.cards);
  else if (args.format == "markdown" || args.format == "md")
    text = render_persona_cards_markdown(run.cards, files);
  else
    text = render_persona_cards_text(run.cards, files);
  if (!args.customers_out.empty()) write_file_atomic(args.customers_out, run.table_csv);
  write_file_atomic(args.output, text);
  if (!args.customers_out.empty())
    std::cerr << fmt::format("cjm: wrote the persona of {} customers to {} (column '{}')\n",
                             run.cards.customers, args.customers_out, run.cards.column);
  if (args.output != "-")
    std::cerr << fmt::format("cjm: wrote {} persona cards to {} ({})\n", run.cards.cards.size(),
                             args.output, args.format);
  return 0;
}

}  // namespace cjm::cli
