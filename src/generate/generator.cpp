// The synthetic journey generator. Behaviour and parameters: docs/generator.md.
//
// Each customer is simulated on its own random stream (seeded from the seed and
// the customer's index), into a compact event vector; the vector is sorted by
// (time, customer) and written through one large buffer.
#include "generate/generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/random.h"
#include "generate/csv_writer.h"
#include "generate/options_check.h"
#include "generate/visit_generator.h"

namespace cjm {
namespace {

// ---------------------------------------------------------------------------
// The catalogue: stages, events, channels.

enum Stage : int { kAware, kResearch, kCompare, kPurchase, kUse, kAdvocacy };

enum Event : uint8_t {
  kAdView,
  kSocialPost,
  kFriendReferral,
  kSearchQuery,
  kSiteVisit,
  kReviewRead,
  kCompareView,
  kPriceCheck,
  kCallCentre,
  kAddToCart,
  kCheckoutStart,
  kPurchaseEv,
  kDelivery,
  kProductUse,
  kSupportContact,
  kReviewWritten,
  kRecommend,
  kRepeatVisit,
  kPriceShock,
  kPaymentFailed,
  kDeliveryDelay,
};

constexpr std::array<const char*, 21> kEventNames = {
    "ad_view",        "social_post",  "friend_referral", "search_query", "site_visit",
    "review_read",    "compare_view", "price_check",     "call_centre",  "add_to_cart",
    "checkout_start", "purchase",     "delivery",        "product_use",  "support_contact",
    "review_written", "recommend",    "repeat_visit",    "price_shock",  "payment_failed",
    "delivery_delay",
};

enum Channel : uint8_t {
  kDisplay,
  kSocial,
  kWordOfMouth,
  kSearch,
  kWeb,
  kReviewSite,
  kPhone,
  kShop,
  kLogistics,
  kApp,
};

constexpr std::array<const char*, 10> kChannelNames = {
    "display",     "social", "word_of_mouth", "search",    "web",
    "review_site", "phone",  "shop",          "logistics", "app",
};

// The channel a persona's own touchpoint comes through (distinct_personas).
constexpr std::array<Channel, 9> kEventChannel = {
    kDisplay, kSocial, kWordOfMouth, kSearch, kWeb, kReviewSite, kWeb, kWeb, kPhone,
};

constexpr std::array<const char*, 4> kRegionNames = {"north", "south", "east", "west"};
constexpr std::array<const char*, 2> kDeviceNames = {"mobile", "desktop"};

// Persona traits (documented in docs/generator.md; keep the two in step).
struct Persona {
  const char* id;
  double share;           // share of customers
  double entry_research;  // chance to start directly at research
  double exit_factor;     // multiplies base_exit
  double loop_factor;     // multiplies loop_back
  double skip_factor;     // multiplies skip
  double repeat_factor;   // multiplies repeat
  double price_shock;     // chance of price_shock per compare step
  int research_min, research_max;
  int compare_min, compare_max;
  double mood;  // base satisfaction (mean CSAT before adjustments)
  int value_min, value_max;
  double mobile;  // chance the device is mobile
  double shop;    // chance a purchase happens in a shop
  // With distinct_personas: its own touchpoint of the aware, research and
  // compare stages.
  Event aware_event, research_event, compare_event;
  // With distinct_personas, its scripted moves: where it leaves (a stage, or
  // -1: it buys), whether it skips research, whether it goes on to advocacy,
  // whether it takes each next step within a day.
  int script_leave;
  bool script_skip_research, script_advocacy, script_fast;
};

constexpr std::array<Persona, 3> kPersonas = {{
    {"bargain_hunter",
     0.40,
     0.15,
     1.0,
     1.5,
     0.5,
     0.8,
     0.30,
     1,
     3,
     2,
     4,
     3.4,
     20,
     120,
     0.60,
     0.20,
     kAdView,
     kReviewRead,
     kPriceCheck,
     kCompare,
     false,
     true,
     false},
    {"loyal_fan", 0.25,         0.30, 0.6,   0.7,  1.0,
     1.5,         0.10,         1,    2,     1,    2,
     4.2,         60,           300,  0.50,  0.40, kFriendReferral,
     kSiteVisit,  kCompareView, -1,   false, true, false},
    {"busy_pro", 0.35, 0.25, 1.2, 0.5,  2.5,  1.0,         0.15,         1,           2,  1,
     2,          3.8,  80,   250, 0.70, 0.15, kSocialPost, kSearchQuery, kCallCentre, -1, true,
     false,      true},
}};

constexpr double kPaymentFailedChance = 0.08;  // chance per checkout
constexpr double kDeliveryDelayChance = 0.12;  // chance per delivery
constexpr int kMaxLoops = 8;                   // backward moves per customer at most
constexpr int kMaxRepeats = 3;                 // repeat purchases per customer at most

// One generated row, 16 bytes. key = (seconds since start) << 32 | customer.
// A customer's events have strictly increasing times, so keys are unique and
// sorting by key orders by (time, customer, sequence).
struct Row {
  uint64_t key;
  int32_t cents;  // purchase value in cents; -1 when empty
  uint8_t event;
  uint8_t channel;
  uint8_t score;  // 0 when empty
  uint8_t pad = 0;
};
static_assert(sizeof(Row) == 16);

double clamp01(double p) {
  return std::clamp(p, 0.0, 1.0);
}

// Simulates one customer's journey (see docs/generator.md, "Behaviour").
class CustomerSim {
 public:
  CustomerSim(const GeneratorOptions& o, const Persona& p, uint32_t customer, Rng& rng,
              std::vector<Row>& out)
      : o_(o), p_(p), customer_(customer), rng_(rng), out_(out), mood_(p.mood) {}

  // Returns true if the customer converted (at least one purchase).
  bool run(uint32_t arrival) {
    t_ = arrival;
    const double exit_p = clamp01(o_.base_exit * p_.exit_factor);
    const double loop_p = clamp01(o_.loop_back * p_.loop_factor);
    const double skip_p = std::min(clamp01(o_.skip * p_.skip_factor), 1.0 - loop_p);
    const double repeat_p = clamp01(o_.repeat * p_.repeat_factor);

    int stage = rng_.chance(p_.entry_research) ? kResearch : kAware;
    bool first = true;
    int loops = 0;
    int repeats = 0;
    bool converted = false;
    // With distinct_personas, whether this move follows the persona's script
    // (an extra draw only then, so the default stream is unchanged).
    auto scripted = [&] { return o_.distinct_personas > 0 && rng_.chance(o_.distinct_personas); };
    // Decides the move after aware, research and compare. Returns -1 to leave.
    auto decide = [&](int s, bool may_back, bool may_skip) {
      if (scripted()) {
        if (s == p_.script_leave) return -1;
        return s == kAware && p_.script_skip_research ? kCompare : s + 1;
      }
      if (rng_.chance(exit_p)) return -1;
      const double u = rng_.uniform();
      if (u < loop_p) {
        if (may_back && loops < kMaxLoops) {
          ++loops;
          return s - 1;
        }
        return s + 1;
      }
      if (u < loop_p + skip_p && may_skip) return s + 2;
      return s + 1;
    };

    bool repeat_gap = false;  // the repeat gap replaces the next stage gap
    while (stage >= 0) {
      if (!first && !repeat_gap) t_ += stage_gap();
      first = false;
      repeat_gap = false;
      mood_ = std::min(p_.mood, mood_ + 0.3);
      bool session_start = true;
      auto emit = [&](Event e, Channel c, double adj, int32_t cents = -1) {
        if (!session_start) t_ += session_gap();
        session_start = false;
        add(e, c, adj, cents);
      };
      // With distinct_personas, the persona's own touchpoint of the stage
      // (an extra draw only then, so the default stream is unchanged).
      auto own = [&](Event e) {
        if (o_.distinct_personas <= 0 || !rng_.chance(o_.distinct_personas)) return false;
        emit(e, kEventChannel[e], 0.0);
        return true;
      };
      switch (stage) {
        case kAware: {
          const int64_t n = rng_.range(1, 2);
          for (int64_t i = 0; i < n; ++i) {
            if (own(p_.aware_event)) continue;
            const double u = rng_.uniform();
            if (u < 0.55) {
              emit(kAdView, rng_.chance(0.5) ? kDisplay : kSocial, 0.0);
            } else if (u < 0.80) {
              emit(kSocialPost, kSocial, 0.0);
            } else {
              emit(kFriendReferral, kWordOfMouth, 0.3);
            }
          }
          stage = decide(stage, false, true);
          break;
        }
        case kResearch: {
          const int64_t n = rng_.range(p_.research_min, p_.research_max);
          for (int64_t i = 0; i < n; ++i) {
            if (own(p_.research_event)) continue;
            const double u = rng_.uniform();
            if (u < 0.40) {
              emit(kSearchQuery, kSearch, 0.0);
            } else if (u < 0.75) {
              emit(kSiteVisit, kWeb, 0.0);
            } else {
              emit(kReviewRead, kReviewSite, 0.0);
            }
          }
          stage = decide(stage, true, true);
          break;
        }
        case kCompare: {
          const int64_t n = rng_.range(p_.compare_min, p_.compare_max);
          for (int64_t i = 0; i < n; ++i) {
            if (own(p_.compare_event)) continue;
            const double u = rng_.uniform();
            if (u < 0.50) {
              emit(kCompareView, kWeb, 0.0);
            } else if (u < 0.90) {
              emit(kPriceCheck, kWeb, -0.2);
            } else {
              emit(kCallCentre, kPhone, -0.3);
            }
          }
          if (rng_.chance(p_.price_shock)) {
            t_ += session_gap();
            if (barrier(kPriceShock, kWeb)) {
              stage = -1;
              break;
            }
          }
          stage = decide(stage, true, false);
          break;
        }
        case kPurchase: {
          emit(kAddToCart, kWeb, 0.0);
          // The step decision is taken on the cart: leave, go back to compare,
          // or check out.
          const bool script = scripted();
          if (script ? p_.script_leave >= 0 : rng_.chance(exit_p)) {
            stage = -1;
            break;
          }
          if (!script && rng_.chance(loop_p) && loops < kMaxLoops) {
            ++loops;
            stage = kCompare;
            break;
          }
          emit(kCheckoutStart, kWeb, 0.0);
          if (rng_.chance(kPaymentFailedChance)) {
            t_ += session_gap();
            if (barrier(kPaymentFailed, kWeb)) {
              stage = -1;
              break;
            }
          }
          const int32_t cents =
              static_cast<int32_t>(rng_.range(p_.value_min * 100, p_.value_max * 100));
          emit(kPurchaseEv, rng_.chance(p_.shop) ? kShop : kWeb, 0.3, cents);
          converted = true;
          stage = kUse;  // a buyer always gets the use stage
          break;
        }
        case kUse: {
          emit(kDelivery, kLogistics, 0.0);
          bool delayed = false;
          if (rng_.chance(kDeliveryDelayChance)) {
            t_ += session_gap();
            delayed = true;
            if (barrier(kDeliveryDelay, kLogistics)) {
              stage = -1;
              break;
            }
          }
          // Using the product happens later than the delivery.
          t_ += stage_gap();
          session_start = true;
          const int64_t n = rng_.range(1, 2);
          for (int64_t i = 0; i < n; ++i) emit(kProductUse, kApp, 0.2);
          if (rng_.chance(delayed ? 0.5 : 0.15)) emit(kSupportContact, kPhone, -0.5);
          if (scripted())
            stage = p_.script_advocacy ? kAdvocacy : -1;
          else
            stage = rng_.chance(exit_p) ? -1 : kAdvocacy;
          break;
        }
        case kAdvocacy: {
          const int64_t n = rng_.range(1, 2);
          for (int64_t i = 0; i < n; ++i) {
            const double u = rng_.uniform();
            if (u < 0.35) {
              emit(kReviewWritten, kReviewSite, 0.0);
            } else if (u < 0.65) {
              emit(kRecommend, kWordOfMouth, 0.3);
            } else {
              emit(kRepeatVisit, kWeb, 0.0);
            }
          }
          if (repeats < kMaxRepeats && rng_.chance(repeat_p)) {
            ++repeats;
            t_ += static_cast<uint32_t>(rng_.range(7 * 86400, 60 * 86400));
            repeat_gap = true;
            stage = kPurchase;
          } else {
            stage = -1;
          }
          break;
        }
        default:
          stage = -1;
      }
    }
    return converted;
  }

 private:
  // Minutes within a session: 20 s to 10 min, mostly short.
  uint32_t session_gap() {
    const double u = rng_.uniform();
    return 20 + static_cast<uint32_t>(u * u * 580.0);
  }
  // Hours or days between stage steps: 1 h to 1 day, or 1 to 10 days.
  uint32_t stage_gap() {
    const double u = rng_.uniform();
    if (p_.script_fast && o_.distinct_personas > 0)
      return 3600 + static_cast<uint32_t>(u * u * 82800.0);
    if (rng_.chance(0.5)) return 3600 + static_cast<uint32_t>(u * u * 82800.0);
    return 86400 + static_cast<uint32_t>(u * u * 9.0 * 86400.0);
  }
  uint8_t score(double adj, double rate) {
    if (!rng_.chance(rate)) return 0;
    const double v = mood_ + adj + (rng_.uniform() * 2.0 - 1.0);
    const double r = std::floor(v + 0.5);
    return static_cast<uint8_t>(std::clamp(r, 1.0, 5.0));
  }

  void add(Event e, Channel c, double adj, int32_t cents = -1) {
    out_.push_back(
        Row{(static_cast<uint64_t>(t_) << 32) | customer_, cents, e, c, score(adj, o_.score_rate)});
  }

  // Emits a barrier event (mood drops, scored more often). Returns true if the
  // customer leaves because of it.
  bool barrier(Event e, Channel c) {
    mood_ -= 1.5;
    out_.push_back(Row{(static_cast<uint64_t>(t_) << 32) | customer_, -1, e, c,
                       score(-0.5, std::min(1.0, 2.0 * o_.score_rate))});
    return rng_.chance(o_.barrier_exit);
  }

  const GeneratorOptions& o_;
  const Persona& p_;
  uint32_t customer_;
  Rng& rng_;
  std::vector<Row>& out_;
  double mood_;
  uint32_t t_ = 0;
};

}  // namespace

GeneratorStats generate_events(const GeneratorOptions& options, std::ostream& out,
                               const VisitSink& visits) {
  const int64_t start_s = checked_start_s(options);
  if (options.sessions) {
    const GeneratorStats stats = generate_visits(options, start_s, out, visits);
    out.flush();
    if (!out) throw Error("generate: writing the output failed");
    return stats;
  }
  const uint32_t n = static_cast<uint32_t>(options.customers);
  std::vector<uint8_t> attrs(n);  // persona | region << 2 | device << 4
  std::vector<Row> rows;
  rows.reserve(static_cast<size_t>(n) * 12);
  GeneratorStats stats;
  stats.customers = n;
  const uint64_t span = static_cast<uint64_t>(options.days) * 86400;
  for (uint32_t c = 0; c < n; ++c) {
    Rng rng = customer_rng(options.seed, c);
    const double u = rng.uniform();
    unsigned persona = 0;
    double acc = 0.0;
    for (unsigned i = 0; i < kPersonas.size(); ++i) {
      acc += kPersonas[i].share;
      persona = i;
      if (u < acc) break;
    }
    const Persona& p = kPersonas[persona];
    const unsigned region = static_cast<unsigned>(rng.range(0, 3));
    const unsigned device = rng.chance(p.mobile) ? 0 : 1;
    attrs[c] = static_cast<uint8_t>(persona | region << 2 | device << 4);
    const uint32_t arrival = static_cast<uint32_t>(rng.next() % span);
    CustomerSim sim(options, p, c, rng, rows);
    if (sim.run(arrival)) ++stats.converted;
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.key < b.key; });
  stats.events = rows.size();

  CsvWriter w(out);
  w.put("customer_id,timestamp,event,channel,value,score,persona,region,device\n");
  for (const Row& r : rows) {
    const uint32_t c = static_cast<uint32_t>(r.key & 0xFFFFFFFFULL);
    const int64_t secs = start_s + static_cast<int64_t>(r.key >> 32);
    w.put('c');
    w.put_uint(static_cast<uint64_t>(c) + 1);
    w.put(',');
    w.put_time(secs);
    w.put(',');
    w.put(kEventNames[r.event]);
    w.put(',');
    w.put(kChannelNames[r.channel]);
    w.put(',');
    if (r.cents >= 0) {
      w.put_cents(r.cents);
    }
    w.put(',');
    if (r.score != 0) w.put(static_cast<char>('0' + r.score));
    w.put(',');
    const uint8_t a = attrs[c];
    w.put(kPersonas[a & 3].id);
    w.put(',');
    w.put(kRegionNames[(a >> 2) & 3]);
    w.put(',');
    w.put(kDeviceNames[(a >> 4) & 1]);
    w.put('\n');
  }
  w.flush();
  out.flush();
  if (!out) throw Error("generate: writing the output failed");
  return stats;
}

}  // namespace cjm
