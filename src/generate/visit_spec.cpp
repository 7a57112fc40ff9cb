// The journey spec of the visits mode (`cjm generate --sessions --spec-out`):
// visits as the unit, personas by the attributes that change, and with a
// planted incident, its period, the period after it and its marker.
#include <optional>
#include <string>

#include "core/iso_time.h"
#include "generate/generator.h"
#include "generate/options_check.h"
#include "generate/spec_blocks.h"

namespace cjm {
namespace {

// The stage texts; the marker of a planted incident is added to the events
// of the stage its failing entries come from.
struct StageText {
  const char* id;
  const char* name;
  const char* events;  // the flow list's items
  const char* lanes;   // goal ... opportunities, indented for the list entry
};

constexpr StageText kStages[] = {
    {"discover", "Discover", "home_view, landing_view, category_view, search",
     R"(    goal: Find a shop that has what I need
    actions:
      - Lands from an ad, a search, a post or an email
      - Looks around the home page and the categories
    thinking:
      - "Do they have it, and is this shop any good?"
    feeling: Curious, ready to leave at the first doubt
    opportunities:
      - Land campaign visitors on the product they clicked
)"},
    {"consider", "Consider", "product_view, review_read, compare_view, wishlist_add",
     R"(    goal: Pick the right product
    actions:
      - Opens product pages and reads reviews
      - Compares models side by side
    thinking:
      - "Which one is worth the money?"
    feeling: Interested, hesitant between models
    opportunities:
      - Put honest reviews and a comparison next to the product
)"},
    {"cart", "Cart", "add_to_cart, cart_view",
     R"(    goal: Put together what I will buy
    actions:
      - Adds a product to the cart
      - Comes back to a cart filled on an earlier visit
    thinking:
      - "Should I buy now or wait?"
    feeling: Decided in principle; easily distracted
    opportunities:
      - Remind visitors of the cart they left
)"},
    {"checkout", "Checkout", "checkout_start, shipping_info, payment_info",
     R"(    goal: Pay quickly and safely
    actions:
      - Enters the shipping address
      - Enters payment details
    thinking:
      - "Why is this form so long on my phone?"
    feeling: Impatient; an error here is infuriating
    opportunities:
      - Shorten the mobile checkout and offer wallet payments
)"},
    {"purchase", "Purchase", "purchase",
     R"(    goal: Get the order confirmed
    actions:
      - Places the order
    thinking:
      - "Done. When will it arrive?"
    feeling: Relieved and pleased
    opportunities:
      - Confirm clearly and say when the order arrives
)"},
    {"service", "After sales", "order_tracking, review_written, support_chat, return_request",
     R"(    goal: Receive the order, get help, share the experience
    actions:
      - Tracks the order
      - Chats with support or asks for a return
      - Writes a review
    thinking:
      - "Would I buy here again?"
    feeling: Loyal when it went well, let down when it did not
    opportunities:
      - Send delivery updates before visitors have to ask
)"},
};

// Personas by the attributes that change between visits (event scope: the
// visits whose first event carries the value), and one by any of a
// customer's visits.
constexpr const char* kVisitPersonas = R"(  - id: new_visits
    name: New visitors
    where: {user_lifecycle: new}
    scope: event
  - id: loyal_visits
    name: Loyal visitors
    where: {user_lifecycle: loyal}
    scope: event
  - id: mobile
    name: Mobile web
    where: {platform: mobile}
    scope: event
  - id: desktop
    name: Desktop
    where: {platform: desktop}
    scope: event
  - id: ever_on_app
    name: Customers who used the app
    where: {platform: app}
    scope: customer
    match: any
)";

}  // namespace

std::string generator_spec_yaml(const GeneratorOptions& options) {
  if (!options.sessions) return generator_spec_yaml();
  const int64_t start_s = checked_start_s(options);
  const std::optional<PlantedIncident> inc = planted_incident(options);
  std::string y =
      R"(# The visits of an online electronics shop's customers, matching the data
# written by `cjm generate --sessions` (docs/generator.md, "Visits"). Every
# figure counts visits (`unit: visit`, cut by `data.session`); the platform and
# the lifecycle change from visit to visit, so their personas take the visits
# whose first event carries the value (`scope: event`).
name: Online shop visits
description: "How visitors find a product, fill the cart, check out and come back."
)";
  y += spec_blocks::kData;
  y += "  session: session_id\nunit: visit\n";
  y += "stages:\n";
  for (const StageText& s : kStages) {
    y += std::string("  - id: ") + s.id + "\n    name: " + s.name + "\n    events: [" + s.events;
    if (inc && inc->previous == s.id) y += ", \"" + inc->event + "\"";
    y += "]\n";
    y += s.lanes;
  }
  y += spec_blocks::kConversionAndPersonas;
  y += kVisitPersonas;
  if (inc) {
    // The incident against the rest, and the weeks after it (the "to-be").
    const int64_t end_us = (start_s + int64_t{options.days} * 86400 - 1) * 1000000;
    y += "periods:\n  - {id: incident, name: Payment incident, from: " + inc->first_day +
         ", to: " + inc->last_day + "}\n";
    if (inc->to_us <= end_us)
      y += "  - {id: after, name: After the fix, from: " + iso_date_utc(inc->to_us) +
           ", to: " + iso_date_utc(end_us) + "}\n";
    y += "barriers:\n  - id: incident\n    name: \"Incident: " + inc->event + "\"\n";
    y += "    events: \"" + inc->event + "\"\n    stage: " + inc->previous + "\n";
    y += "    note: \"Planted: " + inc->first_day + " to " + inc->last_day + ", entries to " +
         inc->stage + " fail\"\n";
  }
  y += R"(advocacy: [review_written]
touchpoints:
  - events: landing_view
    control: direct
    medium: online
  - events: review_read
    control: indirect
    medium: online
  - events: support_chat
    control: direct
    medium: online
attribution:
  half_life: 7d
  order: 1
)";
  return y;
}

}  // namespace cjm
