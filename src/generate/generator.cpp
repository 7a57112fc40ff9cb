// The synthetic journey generator. Behaviour and parameters: docs/generator.md.
//
// Each customer is simulated on its own random stream (seeded from the seed and
// the customer's index), into a compact event vector; the vector is sorted by
// (time, customer) and written through one large buffer.
#include "generate/generator.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_time.h"
#include "core/error.h"
#include "core/time_parse.h"

namespace cjm {
namespace {

// ---------------------------------------------------------------------------
// Randomness: xoshiro256** seeded by splitmix64, and hand-written
// distributions, so the output is identical on every platform and library.

uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& s : s_) s = splitmix64(seed);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  // Uniform integer in [lo, hi] (hi - lo is small; the modulo bias is negligible).
  int64_t range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1));
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<uint64_t, 4> s_{};
};

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
};

constexpr std::array<Persona, 3> kPersonas = {{
    {"bargain_hunter", 0.40, 0.15, 1.0, 1.5, 0.5, 0.8, 0.30, 1, 3, 2, 4, 3.4, 20, 120, 0.60, 0.20},
    {"loyal_fan", 0.25, 0.30, 0.6, 0.7, 1.0, 1.5, 0.10, 1, 2, 1, 2, 4.2, 60, 300, 0.50, 0.40},
    {"busy_pro", 0.35, 0.25, 1.2, 0.5, 2.5, 1.0, 0.15, 1, 2, 1, 2, 3.8, 80, 250, 0.70, 0.15},
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

void check_probability(double p, const char* name) {
  if (!(p >= 0.0 && p <= 1.0)) {
    throw Error(
        std::string("generate: ") + name + " must be between 0 and 1, got " + std::to_string(p),
        ExitCode::kUsage);
  }
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
    // Decides the move after aware, research and compare. Returns -1 to leave.
    auto decide = [&](int s, bool may_back, bool may_skip) {
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
      switch (stage) {
        case kAware: {
          const int64_t n = rng_.range(1, 2);
          for (int64_t i = 0; i < n; ++i) {
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
          if (rng_.chance(exit_p)) {
            stage = -1;
            break;
          }
          if (rng_.chance(loop_p) && loops < kMaxLoops) {
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

// ---------------------------------------------------------------------------
// Output.

class Writer {
 public:
  explicit Writer(std::ostream& out) : out_(out) { buf_.reserve(kSize + 1024); }
  void put(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= kSize) flush();
  }
  void put(char c) { buf_.push_back(c); }
  void put_uint(uint64_t v) {
    char tmp[24];
    auto r = std::to_chars(tmp, tmp + sizeof(tmp), v);
    buf_.append(tmp, r.ptr);
  }
  void put2(unsigned v) {
    buf_.push_back(static_cast<char>('0' + v / 10));
    buf_.push_back(static_cast<char>('0' + v % 10));
  }
  void flush() {
    out_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }

 private:
  static constexpr size_t kSize = 1 << 20;
  std::ostream& out_;
  std::string buf_;
};

// Formats a time (seconds since the epoch) as 2025-01-01T10:00:00Z, caching the
// date part (rows arrive in time order).
class TimeFormatter {
 public:
  void put(Writer& w, int64_t secs) {
    int64_t day = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    const int64_t sod = secs - day * 86400;
    if (day != day_) {
      day_ = day;
      int64_t y = 0;
      unsigned m = 0, d = 0;
      civil_from_days(day, y, m, d);
      char tmp[32];
      char* p = tmp;
      if (y >= 0 && y < 10000) {
        const unsigned uy = static_cast<unsigned>(y);
        *p++ = static_cast<char>('0' + uy / 1000);
        *p++ = static_cast<char>('0' + uy / 100 % 10);
        *p++ = static_cast<char>('0' + uy / 10 % 10);
        *p++ = static_cast<char>('0' + uy % 10);
      } else {
        p = std::to_chars(p, tmp + 20, y).ptr;
      }
      *p++ = '-';
      *p++ = static_cast<char>('0' + m / 10);
      *p++ = static_cast<char>('0' + m % 10);
      *p++ = '-';
      *p++ = static_cast<char>('0' + d / 10);
      *p++ = static_cast<char>('0' + d % 10);
      *p++ = 'T';
      date_.assign(tmp, p);
    }
    w.put(date_);
    const unsigned s = static_cast<unsigned>(sod);
    w.put2(s / 3600);
    w.put(':');
    w.put2(s / 60 % 60);
    w.put(':');
    w.put2(s % 60);
    w.put('Z');
  }

 private:
  int64_t day_ = INT64_MIN;
  std::string date_;
};

}  // namespace

GeneratorStats generate_events(const GeneratorOptions& options, std::ostream& out) {
  check_probability(options.barrier_exit, "--barrier-exit");
  check_probability(options.base_exit, "--base-exit");
  check_probability(options.loop_back, "--loop-back");
  check_probability(options.skip, "--skip");
  check_probability(options.repeat, "--repeat");
  check_probability(options.score_rate, "score_rate");
  if (options.days < 1 || options.days > 36500) {
    throw Error("generate: --days must be between 1 and 36500, got " + std::to_string(options.days),
                ExitCode::kUsage);
  }
  if (options.customers > 0xFFFFFFFFULL) {
    throw Error("generate: --customers must be at most 4294967295", ExitCode::kUsage);
  }
  const std::optional<int64_t> start_us = parse_iso8601_us(options.start);
  if (!start_us) {
    throw Error("generate: --start is not an ISO-8601 timestamp: " + printable(options.start),
                ExitCode::kUsage);
  }
  const int64_t start_s = *start_us >= 0 ? *start_us / 1000000 : -((-*start_us + 999999) / 1000000);

  const uint32_t n = static_cast<uint32_t>(options.customers);
  std::vector<uint8_t> attrs(n);  // persona | region << 2 | device << 4
  std::vector<Row> rows;
  rows.reserve(static_cast<size_t>(n) * 12);
  GeneratorStats stats;
  stats.customers = n;
  const uint64_t span = static_cast<uint64_t>(options.days) * 86400;
  uint64_t seed_state = options.seed;
  const uint64_t seed_mix = splitmix64(seed_state);
  for (uint32_t c = 0; c < n; ++c) {
    uint64_t cs = seed_mix ^ (static_cast<uint64_t>(c) * 0xD1B54A32D192ED03ULL);
    Rng rng(splitmix64(cs));
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

  Writer w(out);
  TimeFormatter tf;
  w.put("customer_id,timestamp,event,channel,value,score,persona,region,device\n");
  for (const Row& r : rows) {
    const uint32_t c = static_cast<uint32_t>(r.key & 0xFFFFFFFFULL);
    const int64_t secs = start_s + static_cast<int64_t>(r.key >> 32);
    w.put('c');
    w.put_uint(static_cast<uint64_t>(c) + 1);
    w.put(',');
    tf.put(w, secs);
    w.put(',');
    w.put(kEventNames[r.event]);
    w.put(',');
    w.put(kChannelNames[r.channel]);
    w.put(',');
    if (r.cents >= 0) {
      w.put_uint(static_cast<uint64_t>(r.cents) / 100);
      w.put('.');
      w.put2(static_cast<unsigned>(r.cents % 100));
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

std::string generator_spec_yaml() {
  return R"yaml(# The journey of an online shop's customers, matching the data written by
# `cjm generate` (docs/generator.md).
name: Online shop
description: "How shoppers discover us, choose, buy, use the product and talk about it."
data:
  customer: customer_id
  time: timestamp
  event: event
  channel: channel
  value: value
  score: score
  time_format: iso8601
stages:
  - id: aware
    name: Awareness
    events: [ad_view, social_post, friend_referral]
    goal: Notice the brand and remember it
    actions:
      - Sees a display or social ad
      - Comes across a post from the brand
      - Hears about us from a friend
    thinking:
      - "Is this for someone like me?"
      - "Have I heard of them before?"
    feeling: Curious, not yet committed
    opportunities:
      - Speak to the need, not only the discount
      - Make referrals easy and rewarding to share
  - id: research
    name: Research
    events: [search_query, site_visit, review_read]
    goal: Understand what the product does and whether it can be trusted
    actions:
      - Searches for the product category
      - Browses the website
      - Reads reviews from other buyers
    thinking:
      - "Does it really do what the ad said?"
      - "What do real customers say?"
    feeling: Interested but cautious
    opportunities:
      - Answer the top questions on the landing page
      - Show honest reviews next to the product
  - id: compare
    name: Compare
    events: [compare_view, price_check, call_centre, price_shock]
    goal: Find the best offer for the money
    actions:
      - Compares models side by side
      - Checks prices, here and at competitors
      - Calls the call centre with questions
    thinking:
      - "Can I get this cheaper somewhere else?"
      - "Which option fits me best?"
    feeling: Uncertain; a surprising price turns interest into doubt
    opportunities:
      - Show the full price early, delivery included
      - Offer a clear comparison table and a price promise
  - id: purchase
    name: Purchase
    events: [add_to_cart, checkout_start, purchase, payment_failed]
    goal: Buy quickly and safely
    actions:
      - Adds the product to the cart
      - Goes through checkout
      - Pays online or in a shop
    thinking:
      - "Is my payment safe?"
      - "Why is checkout asking for all this?"
    feeling: Decided, impatient; a failed payment is frustrating
    opportunities:
      - Shorten checkout and offer more ways to pay
      - Recover failed payments with a one-click retry
  - id: use
    name: Use
    events: [delivery, product_use, support_contact, delivery_delay]
    goal: Get the product and enjoy it
    actions:
      - Receives the delivery
      - Starts using the product and the app
      - Contacts support when something is unclear
    thinking:
      - "When will it arrive?"
      - "Was it worth the money?"
    feeling: Excited on arrival; let down when the delivery is late
    opportunities:
      - Send proactive delivery updates and own the delays
      - Guide the first use in the app
  - id: advocacy
    name: Advocacy
    events: [review_written, recommend, repeat_visit]
    goal: Share the experience and come back
    actions:
      - Writes a review
      - Recommends us to friends
      - Returns to the site for more
    thinking:
      - "Would I buy here again?"
      - "My friends should know about this."
    feeling: Loyal and proud of the choice, when the journey went well
    opportunities:
      - Ask for a review at the right moment
      - Reward recommendations and repeat purchases
conversion: purchase
windows:
  conversion: 30d
  session_gap: 30m
personas:
  - id: bargain_hunter
    name: Bargain hunter
    where: {persona: bargain_hunter}
  - id: loyal_fan
    name: Loyal fan
    where: {persona: loyal_fan}
  - id: busy_pro
    name: Busy professional
    where: {persona: busy_pro}
barriers:
  - id: price_shock
    name: Price shock
    events: price_shock
    stage: compare
    fix_cost: 40000
    note: Show the full price early, delivery included
  - id: payment_failed
    name: Failed payment
    events: payment_failed
    stage: purchase
    fix_cost: 15000
    note: One-click retry and more ways to pay
  - id: delivery_delay
    name: Late delivery
    events: delivery_delay
    stage: use
    fix_cost: 60000
    note: Contract a second carrier
advocacy: [review_written, recommend]
touchpoints:
  - events: ad_view
    control: direct
    medium: online
  - events: social_post
    control: direct
    medium: online
  - events: search_query
    control: direct
    medium: online
  - events: site_visit
    control: direct
    medium: online
  - events: compare_view
    control: direct
    medium: online
  - events: price_check
    control: direct
    medium: online
  - events: add_to_cart
    control: direct
    medium: online
  - events: checkout_start
    control: direct
    medium: online
  - events: friend_referral
    control: indirect
    medium: offline
  - events: review_read
    control: indirect
    medium: online
  - events: call_centre
    control: direct
    medium: offline
attribution:
  half_life: 7d
  order: 1
)yaml";
}

}  // namespace cjm
