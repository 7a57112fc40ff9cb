#!/usr/bin/env python3
"""Writes the events of the change_drop case (and, with --flat, of change_flat)
and prints the figures expected of change detection, computed here with a
brute-force scan written independently of cjm (docs/methods.md, "Change
detection").

30 days from 2025-03-01, 20 customers a day: all view, the first 10 add to
the cart; 8 of those 10 buy, except on 2025-03-11..15 where only 2 do (none
with --flat). Every non-buyer in the drop has a payment_error; outside it,
customer 8 of each day has one. One customer of 2025-03-11 opens a chat.

  python3 generate.py > events.csv             # change_drop
  python3 generate.py --flat > ../change_flat/events.csv
  python3 generate.py --expect                 # the expected figures
"""
import math
import sys

DAYS, PER_DAY, CARTS = 30, 20, 10
DROP = range(10, 15)  # days 10..14 = 2025-03-11..15
flat = "--flat" in sys.argv


def buyers(day):
    return 2 if (day in DROP and not flat) else 8


def rows():
    out = ["customer_id,timestamp,event"]
    for day in range(DAYS):
        date = f"2025-03-{day + 1:02d}"
        for i in range(PER_DAY):
            cid = f"d{day + 1:02d}c{i:02d}"
            t = lambda minute: f"{date}T{9 + minute // 60:02d}:{minute % 60:02d}:00Z"
            base = 3 * i
            out.append(f"{cid},{t(base)},view")
            if i >= CARTS:
                continue
            out.append(f"{cid},{t(base + 1)},add_to_cart")
            if i < buyers(day):
                out.append(f"{cid},{t(base + 2)},purchase")
                continue
            in_drop = day in DROP and not flat
            if in_drop or i == 8:
                out.append(f"{cid},{t(base + 2)},payment_error")
            if in_drop and day == 10 and i == 9:
                out.append(f"{cid},{t(base + 2)},chat_open")
    return out


def g_statistic(x, n, total_x, total_n):
    def ll(x, n):
        return sum(v * math.log(v / n) for v in (x, n - x) if v > 0)
    return 2 * (ll(x, n) + ll(total_x - x, total_n - n) - ll(total_x, total_n))


def scan(at_risk, entered, min_units=30):
    """Every window of at most half the days with >= min_units inside and out."""
    longest = max(1, len(at_risk) // 2)
    total_n, total_x = sum(at_risk), sum(entered)
    windows, best = [], None
    for a in range(len(at_risk)):
        for b in range(a, min(len(at_risk), a + longest)):
            n, x = sum(at_risk[a:b + 1]), sum(entered[a:b + 1])
            if n < min_units or total_n - n < min_units:
                continue
            windows.append((a, b))
            if 0 < total_x < total_n:
                g = g_statistic(x, n, total_x, total_n)
                if best is None or g > best[0]:
                    best = (g, a, b, n, x)
    return (len(windows) if 0 < total_x < total_n else 0), best


def expect():
    cart = scan([PER_DAY] * DAYS, [CARTS] * DAYS)
    buy = scan([CARTS] * DAYS, [buyers(d) for d in range(DAYS)])
    tests = cart[0] + buy[0]
    g, a, b, n, x = buy[1]
    base_n, base_x = DAYS * CARTS - n, sum(buyers(d) for d in range(DAYS)) - x
    p = min(1.0, tests * math.erfc(math.sqrt(g / 2)))
    print(f"windows tested: cart {cart[0]}, buy {buy[0]}, total {tests}")
    print(f"best buy window: days {a}..{b}, G = {g!r}, p = {p!r}")
    if p > 0.05:
        print("not significant: no change")
        return
    print(f"rate {x}/{n} = {x / n!r}, baseline {base_x}/{base_n} = {base_x / base_n!r}")
    print(f"lost = {n * base_x / base_n - x!r}")
    err_in = sum(CARTS - buyers(d) for d in range(DAYS) if d in DROP)
    err_out = sum(1 for d in range(DAYS) if d not in range(a, b + 1))
    lift = ((err_in + 1) / (n + 2)) / ((err_out + 1) / (base_n + 2))
    print(f"payment_error: {err_in}/{n} in, {err_out}/{base_n} out, lift {lift!r}")


if __name__ == "__main__":
    if "--expect" in sys.argv:
        expect()
    else:
        print("\n".join(rows()))
