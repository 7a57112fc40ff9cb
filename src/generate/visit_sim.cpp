// One customer's visits in the visits mode. Behaviour: docs/generator.md,
// "Visits"; keep the two in step.
#include "generate/visit_sim.h"

#include <algorithm>
#include <cmath>

namespace cjm::visits {
namespace {

constexpr uint32_t kHour = 3600;
constexpr uint32_t kDay = 86400;
constexpr double kSecondPlatform = 0.5;  // chance a switcher's third or later visit uses it
constexpr double kServiceVisit = 0.6;    // chance the visit after a purchase is an after-sales one
constexpr double kPayContinue = 0.85;    // checkout -> purchase, the same for every visit

// About log-uniform in [lo, hi): a doubling bucket lo·2^k is chosen uniformly,
// then a time uniformly within it (clipped at hi). Hours are then as likely as
// days and weeks, with no transcendental function (identical everywhere).
uint32_t spread(Rng& rng, uint32_t lo, uint32_t hi) {
  int buckets = 0;
  for (uint64_t b = lo; b < hi; b *= 2) ++buckets;
  const uint64_t a = uint64_t{lo} << rng.range(0, buckets - 1);
  const uint64_t b = std::min<uint64_t>(a * 2, hi);
  return static_cast<uint32_t>(a + rng.next() % (b - a));
}

class VisitSim {
 public:
  VisitSim(const SimSettings& s, const CustomerSetup& c, Rng& rng, std::vector<Row>& rows)
      : s_(s),
        c_(c),
        p_(*c.persona),
        rng_(rng),
        incident_rng_(rng.next()),
        rows_(rows),
        mood_(p_.mood) {}

  void run(std::vector<VisitSummary>& visits) {
    // A switcher's second platform: the other kind of device.
    switcher_ = rng_.chance(s_.platform_switch);
    if (c_.main == kDesktop) {
      second_ = rng_.chance(0.5) ? kMobile : kApp;
    } else {
      second_ = rng_.chance(0.7) ? kDesktop : (c_.main == kMobile ? kApp : kMobile);
    }
    t_ = c_.arrival_s;
    for (int n = 0; n < kMaxVisits; ++n) {
      const size_t before = rows_.size();
      const VisitSummary v = visit(static_cast<uint8_t>(n));
      if (v.first_s >= s_.write_from_s) {
        visits.push_back(v);
      } else {
        rows_.resize(before);  // before the data starts
      }
      if (rng_.chance(purchases_ > 0 ? p_.churn_after : p_.churn)) break;
      uint32_t gap = 0;
      if (service_due_) {
        gap = spread(rng_, 20 * kHour, 5 * kDay);  // after a purchase: order tracking
      } else if (cart_) {
        gap = spread(rng_, kHour, 7 * kDay);  // back for the abandoned cart
      } else {
        gap = spread(rng_, kHour, 21 * kDay);
      }
      if (uint64_t{t_} + gap >= s_.period_end_s) break;
      t_ += gap;
    }
  }

 private:
  VisitSummary visit(uint8_t n) {
    const Lifecycle life = n == 0 ? kNew : (purchases_ >= 2 ? kLoyal : kReturning);
    // A switcher comes back on the second platform, then uses either.
    Platform platform = c_.main;
    if (switcher_ && (n == 1 || (n > 1 && rng_.chance(kSecondPlatform)))) platform = second_;
    mood_ = std::min(p_.mood, mood_ + 0.3);
    const bool service = service_due_ && rng_.chance(kServiceVisit);
    service_due_ = false;
    const Source source = service ? (rng_.chance(0.5) ? kDirect : kEmail) : draw_source(n == 0);
    visit_ = n;
    first_ = true;
    advanced_ = false;
    v_ = VisitSummary{};
    v_.number = n;
    v_.first_s = t_;
    v_.context = static_cast<uint8_t>(platform | life << 2 | source << 4);
    if (service) {
      service_visit();
    } else {
      shop_visit(n, life, platform, source);
    }
    v_.last_s = t_;
    return v_;
  }

  Source draw_source(bool first_visit) {
    const double u = rng_.uniform();
    if (first_visit) {
      if (u < 0.30) return kAds;
      if (u < 0.60) return kSearchEngine;
      if (u < 0.80) return kSocial;
      if (u < 0.95) return kReferral;
      return kDirect;
    }
    if (u < 0.35) return kDirect;
    if (u < 0.55) return kSearchEngine;
    if (u < 0.75) return kEmail;
    if (u < 0.85) return kAds;
    if (u < 0.95) return kSocial;
    return kReferral;
  }

  void service_visit() {
    const int64_t n = rng_.range(1, 2);
    for (int64_t i = 0; i < n; ++i) emit(kOrderTracking, 0.0);
    if (rng_.chance(0.15)) emit(kSupportChat, -0.5);
    if (rng_.chance(0.30)) emit(kReviewWritten, 0.3);
    if (rng_.chance(0.04)) {
      emit(kReturnRequest, -1.0);
      mood_ -= 0.5;
    }
  }

  // A shopping visit: the funnel discover -> consider -> cart -> checkout ->
  // purchase, left at any step. A buying visit is short and focused.
  void shop_visit(uint8_t n, Lifecycle life, Platform platform, Source source) {
    double intent = 0;
    if (n == 0) {
      intent = p_.first_buy;
    } else if (purchases_ == 0) {
      intent = std::min(0.5, p_.buy_base + p_.buy_growth * n);
    } else {
      intent = life == kLoyal ? p_.rebuy * 1.6 : p_.rebuy;
    }
    if (cart_) intent += 0.2;
    const bool buy = rng_.chance(intent);

    // Campaign visits often land straight on a product page.
    const bool product_landing = (source == kAds || source == kEmail) && rng_.chance(0.5);
    if (!product_landing) {
      const int64_t k = buy ? 1 : rng_.range(1, 3);
      for (int64_t i = 0; i < k; ++i) {
        if (i == 0) {
          emit(source == kDirect ? kHomeView : kLandingView, 0.0);
          continue;
        }
        const double u = rng_.uniform();
        emit(u < 0.45 ? kCategoryView : (u < 0.80 ? kSearch : kHomeView), 0.0);
      }
      if (!rng_.chance(buy ? 0.97 : 0.60)) return;  // bounced
      if (!enter(kConsider)) return;
    }

    const int64_t views = buy ? rng_.range(1, 2) : rng_.range(p_.views_min, p_.views_max);
    for (int64_t i = 0; i < views; ++i) {
      emit(kProductView, 0.0);
      if (rng_.chance(p_.reviews * 0.5)) emit(kReviewRead, 0.0);
    }
    if (rng_.chance(buy ? p_.compare * 0.5 : p_.compare)) emit(kCompareView, -0.2);
    if (!buy && rng_.chance(0.06)) emit(kWishlistAdd, 0.2);
    if (!rng_.chance(buy ? 0.85 : 0.10)) return;
    if (!enter(kCart)) return;

    if (cart_ && rng_.chance(0.5)) {
      emit(kCartView, 0.0);
    } else {
      emit(kAddToCart, 0.0);
      if (rng_.chance(0.4)) emit(kCartView, 0.0);
    }
    cart_ = true;
    // Checking out on a phone's browser is harder; the app makes it easier.
    const double factor = platform == kMobile ? 0.75 : (platform == kApp ? 1.1 : 1.0);
    if (!rng_.chance(std::min(1.0, (buy ? 0.75 : 0.25) * factor))) return;
    if (!enter(kCheckout)) return;

    emit(kCheckoutStart, 0.0);
    emit(kShippingInfo, -0.1);
    emit(kPaymentInfo, 0.0);
    if (!rng_.chance(kPayContinue)) return;
    if (!enter(kPurchase)) return;

    const int32_t cents = static_cast<int32_t>(rng_.range(p_.value_min * 100, p_.value_max * 100));
    emit(kPurchaseEv, 0.3, cents);
    cart_ = false;
    ++purchases_;
    service_due_ = true;
    v_.converted = true;
  }

  // The step into `stage` from the stage before it. Returns false when the
  // planted incident makes it fail (the marker is written at the time of the
  // would-be entry, the visit ends). A harmless marker goes half-way between
  // the previous event and the entry, which keeps its time. The incident's
  // decisions and scores use their own random stream, so a customer it never
  // made fail is simulated exactly as without the incident.
  bool enter(Stage stage) {
    const uint32_t gap = step_gap();
    t_ += gap;
    advanced_ = true;
    const IncidentPlan& inc = s_.incident;
    if (!inc.active || stage != inc.stage) return true;
    if (t_ >= inc.from_s && t_ < inc.to_s) {
      v_.incident_entry = true;
      if (incident_rng_.chance(inc.drop)) {
        v_.incident_failed = true;
        advanced_ = false;
        marker(t_);
        mood_ -= 1.0;
        return false;
      }
    }
    if (incident_rng_.chance(inc.base_rate)) marker(t_ - gap / 2);
    return true;
  }

  void marker(uint32_t at) {
    ++v_.events;
    rows_.push_back(Row{(uint64_t{at} << 32) | c_.customer, -1, kMarker, score(incident_rng_, -0.5),
                        visit_, v_.context});
  }

  // Seconds between two events of a visit: 10 s to 5 min, mostly short.
  uint32_t step_gap() {
    const double u = rng_.uniform();
    return 10 + static_cast<uint32_t>(u * u * 290.0);
  }

  uint8_t score(Rng& rng, double adj) {
    if (!rng.chance(s_.score_rate)) return 0;
    const double v = mood_ + adj + (rng.uniform() * 2.0 - 1.0);
    return static_cast<uint8_t>(std::clamp(std::floor(v + 0.5), 1.0, 5.0));
  }

  void emit(Event e, double adj, int32_t cents = -1) {
    if (!first_ && !advanced_) t_ += step_gap();
    first_ = false;
    advanced_ = false;
    v_.deepest = std::max<uint8_t>(v_.deepest, kEventStage[e]);
    ++v_.events;
    rows_.push_back(
        Row{(uint64_t{t_} << 32) | c_.customer, cents, e, score(rng_, adj), visit_, v_.context});
  }

  const SimSettings& s_;
  const CustomerSetup& c_;
  const Persona& p_;
  Rng& rng_;
  Rng incident_rng_;
  std::vector<Row>& rows_;
  double mood_;
  uint32_t t_ = 0;
  int purchases_ = 0;
  bool cart_ = false;         // an item waits in the cart
  bool service_due_ = false;  // the last visit bought
  bool switcher_ = false;
  Platform second_ = kMobile;
  // The current visit.
  uint8_t visit_ = 0;
  bool first_ = true;      // no event written yet
  bool advanced_ = false;  // t_ already holds the next event's time
  VisitSummary v_;
};

}  // namespace

void simulate_visits(const SimSettings& settings, const CustomerSetup& customer, Rng& rng,
                     std::vector<Row>& rows, std::vector<VisitSummary>& visits) {
  visits.clear();
  VisitSim(settings, customer, rng, rows).run(visits);
}

}  // namespace cjm::visits
