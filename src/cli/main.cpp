// cjm: customer journey maps from real interaction data.
// The command line only parses options and calls the layers below.
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/run_analysis.h"
#include "app/run_import.h"
#include "app/run_init.h"
#include "app/run_map.h"
#include "cli/input_options.h"
#include "cli/personas_command.h"
#include "core/atomic_file.h"
#include "core/error.h"
#include "generate/generator.h"
#include "output/map_exports.h"
#include "output/map_render.h"
#include "output/render.h"
#include "reader/read_events.h"
#include "server/run_serve.h"

namespace fs = std::filesystem;

namespace {

using cjm::cli::check_database_source;
using cjm::cli::InputArgs;
using cjm::cli::run_options;

struct AnalyzeArgs {
  InputArgs in;
  std::string format = "text", output = "-";
};

std::string render(const cjm::AnalysisResult& result, const std::string& format, bool color) {
  if (format == "json") return cjm::render_json(result);
  if (format == "markdown" || format == "md") return cjm::render_markdown(result);
  return cjm::render_text(result, color);
}

int run_analyze(const AnalyzeArgs& a) {
  cjm::AnalysisResult result = cjm::run_analysis(run_options(a.in));
  bool color = a.output == "-" && ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  cjm::write_file_atomic(a.output, render(result, a.format, color));
  if (a.output != "-") std::cerr << fmt::format("cjm: wrote {} ({})\n", a.output, a.format);
  return 0;
}

// `cjm map`: the journey map a person opens (HTML by default).
struct MapArgs {
  InputArgs in;
  std::vector<std::string> cards;       // --cards: persona cards (cjm personas --format json)
  std::string format = "html", output;  // output default depends on the format
};

int run_map(const MapArgs& m) {
  const cjm::JourneyMap map = cjm::run_map(run_options(m.in), m.cards).map;
  std::string output = m.output;
  if (m.format == "csv") {
    if (output.empty()) output = "map-tables";
    if (output == "-")
      throw cjm::Error("--format csv writes a folder: give -o FOLDER", cjm::ExitCode::kUsage);
    cjm::write_map_csv(map, output);
    // "tables/" as given stays "tables/", "tables" becomes "tables/".
    const std::string folder = output.ends_with('/') ? output : output + "/";
    std::cerr << fmt::format("cjm: wrote the map's tables (CSV) to {}\n", folder);
    return 0;
  }
  std::string text;
  if (m.format == "mermaid") {
    text = cjm::render_mermaid(map);
    if (output.empty()) output = "map.mmd";
  } else if (m.format == "markdown" || m.format == "md") {
    text = cjm::render_map_markdown(map);
    if (output.empty()) output = "map.md";
  } else {
    text = cjm::render_html(map);
    if (output.empty()) output = "map.html";
  }
  cjm::write_file_atomic(output, text);
  if (output != "-") std::cerr << fmt::format("cjm: wrote the journey map to {}\n", output);
  return 0;
}

struct GenerateArgs {
  cjm::GeneratorOptions options;
  std::string output = "-", spec_output;
};

int run_generate(const GenerateArgs& g) {
  cjm::GeneratorStats stats;
  cjm::write_output(
      g.output, [&](cjm::Output& out) { stats = cjm::generate_events(g.options, out.stream()); });
  if (g.output != "-") {
    std::cerr << fmt::format("cjm: wrote {} events of {} customers ({} converted)", stats.events,
                             stats.customers, stats.converted);
    if (g.options.sessions)
      std::cerr << fmt::format(" in {} visits ({} converted)", stats.visits,
                               stats.converted_visits);
    std::cerr << fmt::format(" to {}\n", g.output);
  }
  if (const auto inc = cjm::planted_incident(g.options)) {
    std::cerr << fmt::format(
        "cjm: planted incident {} to {}: {} of {} entries to {} failed, {} {} events\n",
        inc->first_day, inc->last_day, stats.incident_failed, stats.incident_entries, inc->stage,
        stats.marker_events, inc->event);
  }
  if (!g.spec_output.empty()) {
    cjm::write_file_atomic(g.spec_output, cjm::generator_spec_yaml(g.options));
    std::cerr << fmt::format("cjm: wrote the matching journey spec to {}\n", g.spec_output);
  }
  return 0;
}

// `cjm import`: an event log -> a .cjm binary store, already ordered by
// customer and time, that analyze and map load without parsing or sorting.
struct ImportArgs {
  cjm::ImportOptions options;  // all but the format and tables, bound to the options directly
  std::string input_format = "auto";
  std::vector<std::string> customers;
  std::string customers_id;
};

int run_import(ImportArgs& im) {
  if (im.options.output_path == "-")
    throw cjm::Error("import writes a binary file: give -o FILE", cjm::ExitCode::kUsage);
  check_database_source(im.options.events_path, im.input_format);
  im.options.format = cjm::parse_input_format(im.input_format);
  im.options.customers = cjm::cli::customer_tables(im.customers, im.customers_id);
  const cjm::ImportSummary wrote = cjm::run_import(im.options);
  std::cerr << fmt::format("cjm: wrote {} events of {} customers to {} ({:.1f} MB)\n", wrote.events,
                           wrote.customers, im.options.output_path, wrote.bytes / 1e6);
  return 0;
}

// `cjm init`: a commented journey spec drafted from an event log.
struct InitArgs {
  cjm::InitOptions options;
  std::string input_format = "auto", output = "journey.yaml";
  bool force = false;
};

int run_init(InitArgs& in) {
  if (cjm::is_database_uri(in.options.events_path))
    throw cjm::Error(
        "cjm init drafts a spec from a file: export a sample of the events (psql \\copy) and "
        "give that; analyze, map and import read the database itself",
        cjm::ExitCode::kUsage);
  in.options.format = cjm::parse_input_format(in.input_format);
  std::error_code ec;
  if (in.output != "-" && !in.force && fs::is_regular_file(in.output, ec))
    throw cjm::Error(in.output + " exists: give --force to replace it, or -o another file",
                     cjm::ExitCode::kUsage);
  const cjm::InitResult init = cjm::run_init(in.options);
  cjm::write_file_atomic(in.output, init.yaml);
  if (in.output != "-")
    std::cerr << fmt::format(
        "cjm: wrote a draft spec with {} stages to {}; check it, then run "
        "cjm map --spec {} --events {}\n",
        init.draft.stages.stages.size(), in.output, in.output, in.options.events_path);
  return 0;
}

// The bundled example: examples/shop beside the build folder or the source tree.
fs::path find_example_dir(const char* argv0) {
  std::vector<fs::path> candidates;
  std::error_code ec;
  fs::path exe = fs::canonical("/proc/self/exe", ec);
  if (ec) exe = fs::absolute(argv0);
  for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path())
    candidates.push_back(dir / "examples" / "shop");
  candidates.push_back(fs::current_path() / "examples" / "shop");
  for (const auto& c : candidates)
    if (fs::exists(c / "journey.yaml") && fs::exists(c / "events.csv")) return c;
  throw cjm::Error(
      "cannot find the bundled example (examples/shop/journey.yaml and events.csv) next to "
      "the cjm binary or in the current folder");
}

int run_demo(const char* argv0, const std::string& output) {
  fs::path dir = find_example_dir(argv0);
  cjm::RunOptions options;
  options.spec_path = (dir / "journey.yaml").string();
  options.events_path = (dir / "events.csv").string();
  const cjm::MapRun run = cjm::run_map(options);
  bool color = ::isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  cjm::write_file_atomic("-", cjm::render_text(run.result, color));
  cjm::write_file_atomic(output, cjm::render_html(run.map));
  std::cerr << fmt::format("cjm: analysed {}\ncjm: wrote the journey map to {}\n",
                           options.events_path, fs::absolute(output).string());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "cjm builds customer journey maps from real interaction data: from an event log\n"
      "(customer, time, event, ...) and a journey spec (YAML: stages, conversion,\n"
      "personas) it measures reach, funnels, loops and skips, paths, conversion\n"
      "time and emotion per stage, for all customers and per persona.\n\n"
      "Exit codes: 0 ok, 1 bad input (data or spec), 2 usage.",
      "cjm"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("cjm ") + "0.1.0");

  AnalyzeArgs a;
  auto* analyze = app.add_subcommand(
      "analyze", "Measure a journey: stages, funnels, transitions, paths, conversion, emotion");
  cjm::cli::add_input_options(analyze, a.in);
  analyze->add_option("--format", a.format, "Output: text (default), json, markdown")
      ->check(CLI::IsMember({"text", "json", "markdown", "md"}));
  analyze->add_option("-o,--output", a.output, "Output file (default: standard output)");

  MapArgs m;
  auto* map_cmd = app.add_subcommand(
      "map",
      "Write the journey map: a self-contained HTML file (offline), or Mermaid, Markdown, CSV");
  cjm::cli::add_input_options(map_cmd, m.in);
  map_cmd
      ->add_option("--format", m.format,
                   "html (default), mermaid (journey diagram), markdown, csv (one file per table)")
      ->check(CLI::IsMember({"html", "mermaid", "markdown", "md", "csv"}));
  map_cmd->add_option("-o,--output", m.output,
                      "Output file (default map.html, map.mmd, map.md) or folder for csv "
                      "(default map-tables)");
  map_cmd->add_option("--cards", m.cards,
                      "Persona cards (cjm personas --format json) to show in the persona "
                      "switcher; also data.customers[].cards in the spec");

  GenerateArgs g;
  auto* generate = app.add_subcommand(
      "generate",
      "Write synthetic, time-ordered journeys with known behaviour (docs/generator.md)");
  generate->add_option("--customers", g.options.customers, "Customers (default 10000)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1000000000}));
  generate->add_option("--seed", g.options.seed, "Random seed (default 1)");
  generate->add_option("--start", g.options.start, "First arrival, ISO-8601 (default 2025-01-01)");
  generate->add_option("--days", g.options.days, "Arrivals spread over this many days (90)")
      ->check(CLI::Range(1, 36500));
  generate->add_option("--base-exit", g.options.base_exit, "Chance of leaving after a step")
      ->check(CLI::Range(0.0, 1.0));
  generate
      ->add_option("--barrier-exit", g.options.barrier_exit,
                   "Extra chance of leaving right after a barrier event")
      ->check(CLI::Range(0.0, 1.0));
  generate->add_option("--loop-back", g.options.loop_back, "Chance of going back one stage")
      ->check(CLI::Range(0.0, 1.0));
  generate->add_option("--skip", g.options.skip, "Chance of skipping one stage forward")
      ->check(CLI::Range(0.0, 1.0));
  generate->add_option("--repeat", g.options.repeat, "Chance a buyer buys again")
      ->check(CLI::Range(0.0, 1.0));
  generate
      ->add_option("--distinct-personas", g.options.distinct_personas,
                   "Plant groups: each persona takes its own aware, research and compare "
                   "touchpoints with this chance (0-1; default 0: a shared mix)")
      ->check(CLI::Range(0.0, 1.0));
  auto* sessions = generate->add_flag(
      "--sessions", g.options.sessions,
      "Write a web shop's visits: a session id, a platform and a lifecycle per visit; --days "
      "is then the observed period");
  generate
      ->add_option("--platform-switch", g.options.platform_switch,
                   "With --sessions: share of customers who use a second platform (0.25)")
      ->check(CLI::Range(0.0, 1.0))
      ->needs(sessions);
  generate
      ->add_option("--warmup-days", g.options.warmup_days,
                   "With --sessions: customers may arrive this many days before --start (60)")
      ->check(CLI::Range(0, 3650))
      ->needs(sessions);
  generate
      ->add_option("--incident-start", g.options.incident_start,
                   "With --sessions: plant an incident from this ISO-8601 date")
      ->needs(sessions);
  generate
      ->add_option("--incident-days", g.options.incident_days, "The incident's length in days (21)")
      ->check(CLI::Range(1, 36500))
      ->needs("--incident-start");
  generate
      ->add_option("--incident-stage", g.options.incident_stage,
                   "The stage whose entries fail: consider, cart, checkout or purchase (purchase)")
      ->needs("--incident-start");
  generate
      ->add_option("--incident-drop", g.options.incident_drop,
                   "Share of the would-be entries that fail during the incident (0.5)")
      ->check(CLI::Range(0.0, 1.0))
      ->needs("--incident-start");
  generate
      ->add_option("--incident-event", g.options.incident_event,
                   "The event a failing visit writes (payment_error)")
      ->needs("--incident-start");
  generate
      ->add_option("--incident-base-rate", g.options.incident_base_rate,
                   "Chance of a harmless marker event on every other entry (0.01)")
      ->check(CLI::Range(0.0, 1.0))
      ->needs("--incident-start");
  generate->add_option("-o,--output", g.output, "Output CSV (default: standard output)");
  generate->add_option("--spec-out", g.spec_output, "Also write the matching journey spec here");

  ImportArgs im;
  auto* import_cmd = app.add_subcommand(
      "import",
      "Convert an event log to a .cjm binary store (ordered, checksummed) that analyze and map "
      "read much faster; layout in docs/store-format.md");
  import_cmd
      ->add_option("--events", im.options.events_path,
                   "Event log: .csv, .tsv, .jsonl, - for stdin, or a PostgreSQL URI "
                   "(postgresql://...; docs/sources.md)")
      ->required();
  cjm::cli::add_database_options(import_cmd, im.options.table, im.options.query);
  import_cmd
      ->add_option("--spec", im.options.spec_path,
                   "Journey spec whose data: block maps the columns (default: columns named "
                   "customer_id, timestamp, event, ...)")
      ->check(CLI::ExistingFile);
  import_cmd
      ->add_option("--input-format", im.input_format,
                   "Input format: auto (by extension), csv, tsv, jsonl")
      ->check(CLI::IsMember({"auto", "csv", "tsv", "jsonl", "ndjson", "json"}));
  import_cmd->add_flag("--strict", im.options.strict,
                       "Fail (exit 1) on the first row that cannot be read");
  import_cmd->add_option("--rejects", im.options.rejects_path,
                         "Write every rejected row (line, reason) here");
  import_cmd->add_option("-o,--output", im.options.output_path, "The .cjm file to write")
      ->required();
  cjm::cli::add_customer_options(import_cmd, im.customers, im.customers_id);

  InitArgs init;
  auto* init_cmd = app.add_subcommand(
      "init",
      "Draft a journey spec from an event log: columns, stages, conversion and personas "
      "guessed from the data, each with its evidence (docs/init.md)");
  init_cmd
      ->add_option("--events", init.options.events_path,
                   "Event log: .csv, .tsv, .jsonl, or - for stdin")
      ->required();
  init_cmd
      ->add_option("--input-format", init.input_format,
                   "Input format: auto (by extension; stdin by its first byte), csv, tsv, jsonl")
      ->check(CLI::IsMember({"auto", "csv", "tsv", "jsonl", "ndjson", "json"}));
  init_cmd
      ->add_option("--stages", init.options.stages,
                   "Stages to cut the events into (default: chosen from the data)")
      ->check(CLI::Range(1, 1000));
  init_cmd->add_option("-o,--output", init.output,
                       "Where to write the spec (default journey.yaml; - for standard output)");
  init_cmd->add_flag("--force", init.force, "Replace the output file if it exists");

  cjm::cli::PersonasArgs personas_args;
  auto* personas_cmd = cjm::cli::add_personas_command(app, personas_args);

  std::string demo_output = "demo-map.html";
  auto* demo = app.add_subcommand(
      "demo", "Analyse the bundled example (examples/shop) and write its journey map");
  demo->add_option("-o,--output", demo_output, "Where to write the map (default demo-map.html)");

  cjm::server::ServeOptions sv;
  auto* serve = app.add_subcommand(
      "serve",
      "Run a live journey map: events in over HTTP (Segment Tracking API), durable in a data "
      "folder, the map and the result always up to date (docs/server.md)");
  serve->add_option("--spec", sv.spec_path, "Journey spec (YAML); the UI's editor saves to it")
      ->required();
  serve->add_option("--data", sv.dir, "Data folder: the event log, keys, spec history")->required();
  serve->add_option("--listen", sv.listen,
                    "HOST:PORT to listen on (default 127.0.0.1:8080; port 0: any free one)");
  serve->add_option("--events", sv.events,
                    "Event files (.csv, .tsv, .jsonl) or a PostgreSQL URI (with --table or "
                    "--query) to take in at start; taking in the same source again stores "
                    "nothing twice");
  cjm::cli::add_database_options(serve, sv.table, sv.query);
  serve->add_option("--tls-cert", sv.tls_cert, "Certificate (PEM) for HTTPS, with --tls-key");
  serve->add_option("--tls-key", sv.tls_key, "Private key (PEM) for HTTPS, with --tls-cert");
  serve->add_option("--threads", sv.threads, "Requests served at once (default 16)")
      ->check(CLI::Range(1, 256));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(cjm::ExitCode::kUsage);
  }

  try {
    if (*serve) return cjm::server::run_serve(sv);
    if (*analyze) return run_analyze(a);
    if (*map_cmd) return run_map(m);
    if (*generate) return run_generate(g);
    if (*import_cmd) return run_import(im);
    if (*init_cmd) return run_init(init);
    if (*personas_cmd) return cjm::cli::run_personas_command(personas_args);
    if (*demo) return run_demo(argv[0], demo_output);
  } catch (const cjm::Error& e) {
    std::cerr << "cjm: error: " << e.what() << "\n";
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    std::cerr << "cjm: error: out of memory\n";
    return static_cast<int>(cjm::ExitCode::kBadInput);
  } catch (const std::exception& e) {
    std::cerr << "cjm: error: " << e.what() << "\n";
    return static_cast<int>(cjm::ExitCode::kBadInput);
  }
  return 0;
}
