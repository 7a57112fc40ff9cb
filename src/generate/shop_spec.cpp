// The journey spec of the generated online shop (`cjm generate --spec-out`),
// the same text as examples/shop/journey.yaml.
#include <string>

#include "generate/generator.h"
#include "generate/spec_blocks.h"

namespace cjm {

std::string generator_spec_yaml() {
  std::string y = R"yaml(# The journey of an online shop's customers, matching the data written by
# `cjm generate` (docs/generator.md).
name: Online shop
description: "How shoppers discover us, choose, buy, use the product and talk about it."
)yaml";
  y += spec_blocks::kData;
  y += R"yaml(stages:
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
)yaml";
  y += spec_blocks::kConversionAndPersonas;
  y += R"yaml(barriers:
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
  return y;
}

}  // namespace cjm
