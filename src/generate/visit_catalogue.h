// The catalogue of the visits mode (`cjm generate --sessions`): a web shop's
// stages, events, traffic sources, platforms, lifecycles and personas. The
// simulation, the CSV writer and the spec text all read these tables;
// docs/generator.md ("Visits") describes them, keep the two in step.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace cjm::visits {

// Funnel stages of a visit, in order, then the after-sales stage.
enum Stage : uint8_t { kDiscover, kConsider, kCart, kCheckout, kPurchase, kService };
inline constexpr std::array<const char*, 6> kStageIds = {"discover", "consider", "cart",
                                                         "checkout", "purchase", "service"};

enum Event : uint8_t {
  kHomeView,
  kLandingView,
  kCategoryView,
  kSearch,
  kProductView,
  kReviewRead,
  kCompareView,
  kWishlistAdd,
  kAddToCart,
  kCartView,
  kCheckoutStart,
  kShippingInfo,
  kPaymentInfo,
  kPurchaseEv,
  kOrderTracking,
  kReviewWritten,
  kSupportChat,
  kReturnRequest,
  kMarker,  // the planted incident's marker; its name comes from the options
};
inline constexpr std::array<const char*, 18> kEventNames = {
    "home_view",      "landing_view",  "category_view",  "search",      "product_view",
    "review_read",    "compare_view",  "wishlist_add",   "add_to_cart", "cart_view",
    "checkout_start", "shipping_info", "payment_info",   "purchase",    "order_tracking",
    "review_written", "support_chat",  "return_request",
};
// The stage of each catalogue event (kEventNames order).
inline constexpr std::array<Stage, 18> kEventStage = {
    kDiscover, kDiscover, kDiscover, kDiscover, kConsider, kConsider,
    kConsider, kConsider, kCart,     kCart,     kCheckout, kCheckout,
    kCheckout, kPurchase, kService,  kService,  kService,  kService,
};

// The traffic source of a visit, written in the `channel` column.
enum Source : uint8_t { kDirect, kSearchEngine, kSocial, kEmail, kAds, kReferral };
inline constexpr std::array<const char*, 6> kSourceNames = {"direct", "search", "social",
                                                            "email",  "ads",    "referral"};

enum Platform : uint8_t { kMobile, kDesktop, kApp };
inline constexpr std::array<const char*, 3> kPlatformNames = {"mobile", "desktop", "app"};

enum Lifecycle : uint8_t { kNew, kReturning, kLoyal };
inline constexpr std::array<const char*, 3> kLifecycleNames = {"new", "returning", "loyal"};

// Persona traits of the visits mode (docs/generator.md, "Visits").
struct Persona {
  const char* id;
  double share;              // share of customers
  double mobile;             // chance the customer's device is mobile
  double app;                // chance a mobile customer's main platform is the app
  double first_buy;          // chance the first visit means to buy
  double buy_base;           // the same for later visits before the first purchase ...
  double buy_growth;         // ... plus this per earlier visit
  double rebuy;              // chance a visit after a purchase means to buy again
  double churn;              // chance of never coming back after a visit, before buying
  double churn_after;        // the same after the first purchase
  int views_min, views_max;  // product views in a browsing visit
  double compare;            // chance a browsing visit compares products
  double reviews;            // chance a visit reads reviews
  double mood;               // base satisfaction (mean CSAT before adjustments)
  int value_min, value_max;  // purchase value range, whole currency units
};

inline constexpr std::array<Persona, 3> kPersonas = {{
    {"bargain_hunter", 0.40, 0.60, 0.30, 0.03, 0.06, 0.02, 0.10, 0.16, 0.14, 2, 5, 0.50, 0.35, 3.4,
     20, 120},
    {"loyal_fan", 0.25, 0.50, 0.60, 0.06, 0.10, 0.04, 0.20, 0.12, 0.08, 1, 3, 0.15, 0.20, 4.2, 60,
     300},
    {"busy_pro", 0.35, 0.70, 0.40, 0.10, 0.12, 0.03, 0.12, 0.22, 0.14, 1, 2, 0.20, 0.30, 3.8, 80,
     250},
}};

inline constexpr std::array<const char*, 4> kRegionNames = {"north", "south", "east", "west"};
inline constexpr std::array<const char*, 2> kDeviceNames = {"mobile", "desktop"};

inline constexpr int kMaxVisits = 200;  // visits per customer at most (a visit number fits a byte)

// True if `name` is a catalogue event name.
inline bool is_catalogue_event(std::string_view name) {
  for (const char* e : kEventNames)
    if (name == e) return true;
  return false;
}

}  // namespace cjm::visits
