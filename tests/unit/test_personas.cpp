// Personas from behaviour (docs/methods.md, "Personas from behaviour"):
// k-means and the silhouette on hand-computed points, the standardisation,
// cards measured on a tiny log counted by hand, the cards' JSON both ways,
// and the whole method on generator data with planted groups (cjm generate
// --distinct-personas; the `persona` column is the truth), scored by an
// adjusted Rand index computed here from its definition.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "adjusted_rand.h"
#include "app/run_personas.h"
#include "core/error.h"
#include "generate/generator.h"
#include "journey/journeys.h"
#include "personas/describe_groups.h"
#include "personas/kmeans.h"
#include "personas/persona_cards_json.h"
#include "reader/read_events.h"
#include "visit_rows.h"

namespace cjm {
namespace {

namespace fs = std::filesystem;

double adjusted_rand(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return testing::adjusted_rand(a, b);
}

TEST(AdjustedRand, MatchesHandComputedValues) {
  EXPECT_DOUBLE_EQ(adjusted_rand({"a", "a", "b", "b"}, {"x", "x", "y", "y"}), 1.0);
  // Items (a,x) (a,x) (a,y) (b,y): pairs together in both 1; in a: 3 + 0;
  // in b: 1 + 1; of 6 pairs: expected 3 * 2 / 6 = 1, max 2.5, so 0.
  EXPECT_DOUBLE_EQ(adjusted_rand({"a", "a", "a", "b"}, {"x", "x", "y", "y"}), 0.0);
}

TEST(KMeans, FindsThreeSeparatedBlobsWhateverTheSeed) {
  Eigen::MatrixXf z(9, 2);
  z << 0, 0, 0.1f, 0, 0, 0.1f,       //
      10, 10, 10.1f, 10, 10, 10.1f,  //
      -10, 10, -10.1f, 10, -10, 10.1f;
  for (uint64_t seed : {1u, 2u, 99u}) {
    const Clustering c = kmeans(z, 3, seed);
    for (int g = 0; g < 3; ++g) {
      EXPECT_EQ(c.labels[3 * g], c.labels[3 * g + 1]);
      EXPECT_EQ(c.labels[3 * g], c.labels[3 * g + 2]);
    }
    EXPECT_NE(c.labels[0], c.labels[3]);
    EXPECT_NE(c.labels[0], c.labels[6]);
    EXPECT_NE(c.labels[3], c.labels[6]);
    // Each blob: three points at (0,0), (0.1,0), (0,0.1) from its corner;
    // centroid (1/30, 1/30); squared distances 2/900, 5/900, 5/900.
    EXPECT_NEAR(c.inertia, 3 * 12.0 / 900, 1e-4);
  }
  EXPECT_EQ(choose_k(z, 1).k, 3);
  EXPECT_TRUE(kmeans(Eigen::MatrixXf(0, 2), 3, 1).labels.empty());
}

TEST(KMeans, SilhouetteOfTwoPairs) {
  // 1-D points 0, 1 | 10, 11: a = 1 for each; b = 10.5 for 0 and 11, 9.5 for
  // 1 and 10: mean of 9.5/10.5 and 8.5/9.5.
  Eigen::MatrixXf z(4, 1);
  z << 0, 1, 10, 11;
  const double expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
  EXPECT_NEAR(silhouette(z, {0, 0, 1, 1}, {0, 1, 2, 3}), expected, 1e-6);
}

TEST(KMeans, StandardiseGivesEachGroupTheSameWeight) {
  Eigen::MatrixXf v(4, 3);
  v << 1, 0, 5, 2, 1, 5, 3, 0, 5, 4, 1, 5;
  const Eigen::MatrixXf z = standardise(
      v, {FeatureGroup::kReach, FeatureGroup::kTouchpoints, FeatureGroup::kTouchpoints});
  // Column 0 alone in its group: z-scores (sd sqrt(1.25)); column 1 one of
  // two: z-scores / sqrt(2); column 2 constant: 0.
  EXPECT_NEAR(z(0, 0), -1.5 / std::sqrt(1.25), 1e-6);
  EXPECT_NEAR(z(0, 1), -1.0 / std::sqrt(2.0), 1e-6);
  EXPECT_NEAR(z(3, 1), 1.0 / std::sqrt(2.0), 1e-6);
  EXPECT_EQ(z.col(2).squaredNorm(), 0.0f);
}

TEST(KMeans, SampleRowsAreDistinctAndSorted) {
  const std::vector<uint32_t> s = sample_rows(100, 10, 7);
  ASSERT_EQ(s.size(), 10u);
  for (size_t i = 1; i < s.size(); ++i) EXPECT_LT(s[i - 1], s[i]);
  EXPECT_EQ(sample_rows(5, 10, 7), (std::vector<uint32_t>{0, 1, 2, 3, 4}));
}

// A tiny log whose cards are counted by hand.
class TinyLog : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cjm_personas_tiny_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    // a1, a2: look -> buy (plan pro); b1, b2, b3: look, look again, leave
    // (b1, b2 plan free, b3 pro).
    std::ofstream(dir_ / "e.csv") << "customer_id,timestamp,event,plan\n"
                                     "a1,2025-01-01T00:00:00Z,view,pro\n"
                                     "a1,2025-01-02T00:00:00Z,buy,pro\n"
                                     "a2,2025-01-01T00:00:00Z,view,pro\n"
                                     "a2,2025-01-04T00:00:00Z,buy,pro\n"
                                     "b1,2025-01-01T00:00:00Z,view,free\n"
                                     "b1,2025-01-01T00:10:00Z,view,free\n"
                                     "b2,2025-01-01T00:00:00Z,view,free\n"
                                     "b3,2025-01-01T00:00:00Z,view,pro\n";
    spec_ = parse_spec(
        "stages:\n  - {id: look, name: Look, events: [view]}\n"
        "  - {id: purchase, name: Purchase, events: [buy]}\nconversion: buy\n",
        "s.yaml");
    ReadOptions read;
    read.path = (dir_ / "e.csv").string();
    ReadReport report;
    table_ = read_events(read, report);
    map_ = map_events(table_.events, spec_);
    journeys_ = build_journeys(table_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  uint32_t id(const char* customer) const { return table_.customers.find(customer); }
  fs::path dir_;
  JourneySpec spec_;
  EventTable table_;
  EventMap map_;
  Journeys journeys_;
};

TEST_F(TinyLog, CardsAreTheGroupsFiguresAgainstEveryone) {
  std::vector<uint32_t> labels(5);
  labels[id("a1")] = labels[id("a2")] = 0;
  labels[id("b1")] = labels[id("b2")] = labels[id("b3")] = 1;
  const CustomerFeatures f = customer_features(table_, journeys_, map_, spec_);
  const std::vector<PersonaCard> cards =
      describe_groups(table_, journeys_, map_, spec_, f, labels, 2);
  ASSERT_EQ(cards.size(), 2u);
  const PersonaCard& a = cards[0];
  EXPECT_EQ(a.id, "p1");
  EXPECT_EQ(a.customers, 2u);
  EXPECT_DOUBLE_EQ(a.share, 0.4);
  EXPECT_DOUBLE_EQ(a.conversion, 1.0);
  EXPECT_EQ(a.typical_path, (std::vector<std::string>{"Look", "Purchase"}));
  EXPECT_DOUBLE_EQ(a.typical_path_share, 1.0);
  EXPECT_EQ(a.lost_stage, "");
  // plan pro: 2 of 2 in the group, 3 of 5 overall.
  ASSERT_FALSE(a.attributes.empty());
  EXPECT_EQ(a.attributes[0].column, "plan");
  EXPECT_EQ(a.attributes[0].value, "pro");
  EXPECT_DOUBLE_EQ(a.attributes[0].share, 1.0);
  EXPECT_DOUBLE_EQ(a.attributes[0].overall, 0.6);
  // Reach of Purchase: 1 in the group, 2/5 overall, sd sqrt(0.24).
  bool reach = false;
  for (const PersonaTrait& t : a.traits)
    if (t.feature == "reach:purchase") {
      reach = true;
      EXPECT_DOUBLE_EQ(t.mean, 1.0);
      EXPECT_NEAR(t.effect, 0.6 / std::sqrt(0.24), 1e-9);
      EXPECT_EQ(t.words, "reach Purchase");
    }
  EXPECT_TRUE(reach);
  EXPECT_EQ(a.name.rfind("Buyers", 0), 0u) << a.name;

  const PersonaCard& b = cards[1];
  EXPECT_EQ(b.customers, 3u);
  EXPECT_DOUBLE_EQ(b.conversion, 0.0);
  EXPECT_EQ(b.lost_stage, "look");
  EXPECT_DOUBLE_EQ(b.lost_share, 1.0);
  EXPECT_EQ(b.typical_path, (std::vector<std::string>{"Look"}));
  // plan free: 2 of 3 in the group (66.7 %), 2 of 5 overall: 1.67 times as common.
  ASSERT_FALSE(b.attributes.empty());
  EXPECT_EQ(b.attributes[0].value, "free");
  EXPECT_NEAR(b.attributes[0].share, 2.0 / 3, 1e-12);
  EXPECT_EQ(b.name.rfind("Lost at Look", 0), 0u) << b.name;
}

TEST_F(TinyLog, FeaturesAreCountedPerCustomer) {
  const CustomerFeatures f = customer_features(table_, journeys_, map_, spec_);
  auto col = [&](const std::string& name) {
    for (size_t j = 0; j < f.names.size(); ++j)
      if (f.names[j] == name) return static_cast<Eigen::Index>(j);
    ADD_FAILURE() << "no feature " << name;
    return Eigen::Index{0};
  };
  // Visits are cut at 30 minutes without a session rule: b1's two views are one visit.
  EXPECT_FLOAT_EQ(f.values(id("b1"), col("visits")), std::log1p(1.0f));
  // a1 and a2 took 1 and 3 days to buy; the others get the buyers' mean.
  EXPECT_FLOAT_EQ(f.values(id("a1"), col("days_to_convert")), std::log1p(1.0f));
  EXPECT_FLOAT_EQ(f.values(id("a2"), col("days_to_convert")), std::log1p(3.0f));
  EXPECT_NEAR(f.values(id("b2"), col("days_to_convert")), (std::log1p(1.0) + std::log1p(3.0)) / 2,
              1e-6);
  // A touchpoint's share is of its stage's events: view is all of Look's.
  EXPECT_FLOAT_EQ(f.values(id("a1"), col("touchpoint:view")), 1.0f);
  EXPECT_FLOAT_EQ(f.values(id("a1"), col("reach:purchase")), 1.0f);
  EXPECT_FLOAT_EQ(f.values(id("b1"), col("reach:purchase")), 0.0f);
}

TEST(PersonaCardsJson, RoundTripsAndNamesTheBadKey) {
  PersonaCards cards;
  cards.column = "persona";
  cards.customers = 10;
  cards.conversion = 0.5;
  PersonaCard c;
  c.id = "p1";
  c.name = "Buyers <b>";
  c.customers = 4;
  c.share = 0.4;
  c.converted = 3;
  c.conversion = 0.75;
  c.typical_path = {"A", "B"};
  c.typical_path_share = 0.5;
  c.lost_stage = "a";
  c.lost_stage_name = "A";
  c.lost_share = 0.25;
  c.traits.push_back({"visits", "many visits", 1.5, 1.0, 0.8});
  c.attributes.push_back({"plan", "pro", 0.9, 0.5});
  cards.cards.push_back(c);
  const std::string text = to_json(cards).dump();
  const PersonaCards back = persona_cards_from_json(text, "c.json");
  ASSERT_EQ(back.cards.size(), 1u);
  EXPECT_EQ(to_json(back.cards[0]).dump(), to_json(c).dump());
  EXPECT_EQ(back.column, "persona");
  try {
    persona_cards_from_json(
        "{\"schema\": \"cjm.personas/1\", \"column\": \"p\", \"customers\": 1,"
        " \"conversion\": 0, \"cards\": [{\"id\": 3}]}",
        "c.json");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "c.json: $.cards[0].id: expected a text");
  }
  EXPECT_THROW(persona_cards_from_json("not json", "c.json"), Error);
  EXPECT_THROW(persona_cards_from_json("{\"schema\": \"cjm.result/1\"}", "c.json"), Error);
}

// Generator data with planted groups, written once for the tests below.
class PlantedGroups : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("cjm_personas_planted_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    GeneratorOptions o;
    o.customers = 4000;
    o.seed = 3;
    o.distinct_personas = 0.95;
    std::ostringstream out;
    generate_events(o, out);
    std::ofstream(dir_ / "events.csv") << out.str();
    std::ofstream(dir_ / "journey.yaml") << generator_spec_yaml();
    std::istringstream in(out.str());
    std::string line;
    std::getline(in, line);  // customer_id,...,persona,region,device
    while (std::getline(in, line)) {
      const auto f = testing::split_commas(line);
      truth_[f[0]] = f[6];
    }
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static PersonasRun find(int k, uint64_t seed) {
    PersonasOptions o;
    o.run.spec_path = (dir_ / "journey.yaml").string();
    o.run.events_path = (dir_ / "events.csv").string();
    o.run.report_to_stderr = false;
    o.method.k = k;
    o.method.seed = seed;
    return run_personas(o);
  }
  // The adjusted Rand index of the table's personas against the truth.
  static double ari(const PersonasRun& run) {
    std::istringstream in(run.table_csv);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "customer_id,persona_found");  // the events have a persona column
    std::vector<std::string> found, planted;
    while (std::getline(in, line)) {
      const auto f = testing::split_commas(line);
      found.push_back(f[1]);
      planted.push_back(truth_.at(f[0]));
    }
    EXPECT_EQ(found.size(), truth_.size());
    return adjusted_rand(planted, found);
  }

  static fs::path dir_;
  static std::map<std::string, std::string> truth_;
};
fs::path PlantedGroups::dir_;
std::map<std::string, std::string> PlantedGroups::truth_;

TEST_F(PlantedGroups, TheTrueKRecoversThePlantedGroups) {
  const PersonasRun run = find(3, 1);
  EXPECT_GE(ari(run), 0.7);
  ASSERT_EQ(run.cards.cards.size(), 3u);
  // Each card is set apart by its planted persona, in most of its customers.
  std::set<std::string> named;
  for (const PersonaCard& c : run.cards.cards) {
    ASSERT_FALSE(c.attributes.empty()) << c.name;
    EXPECT_EQ(c.attributes[0].column, "persona");
    EXPECT_GE(c.attributes[0].share, 0.6);
    named.insert(c.attributes[0].value);
  }
  EXPECT_EQ(named, (std::set<std::string>{"bargain_hunter", "loyal_fan", "busy_pro"}));
}

TEST_F(PlantedGroups, TheSilhouetteChoosesKAndRecoversThem) {
  const PersonasRun run = find(0, 1);
  EXPECT_TRUE(run.cards.k_chosen);
  EXPECT_EQ(run.cards.silhouettes.size(), 7u);  // K = 2 .. 8
  EXPECT_GE(ari(run), 0.7) << "K = " << run.cards.k;
}

TEST_F(PlantedGroups, TheSameSeedGivesTheSameGroups) {
  const PersonasRun a = find(3, 7), b = find(3, 7);
  EXPECT_EQ(a.table_csv, b.table_csv);
  EXPECT_EQ(to_json(a.cards).dump(), to_json(b.cards).dump());
}

}  // namespace
}  // namespace cjm
