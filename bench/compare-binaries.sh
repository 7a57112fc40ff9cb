#!/usr/bin/env bash
# Two cjm binaries on the same generated event log, alternately: wall
# seconds, peak resident KB and CPU seconds of `cjm analyze` from the CSV and
# from each binary's own .cjm store (store formats may differ).
#   OLD=path/to/old/cjm NEW=build/cjm bench/compare-binaries.sh [CUSTOMERS] [ROUNDS]
# (881057 customers: about 10M events.) Data and results in $BENCH_DATA
# (default bench/data/compare).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OLD="${OLD:?set OLD to the first cjm binary}"
NEW="${NEW:-$ROOT/build/cjm}"
customers="${1:-881057}"
rounds="${2:-2}"
dir="${BENCH_DATA:-$ROOT/bench/data/compare}"
mkdir -p "$dir"
cd "$dir"
[ -f "g-$customers.csv" ] ||
  "$NEW" generate --customers "$customers" --seed 1 -o "g-$customers.csv" --spec-out g.yaml >/dev/null
"$OLD" import --spec g.yaml --events "g-$customers.csv" -o old.cjm >/dev/null 2>&1
"$NEW" import --spec g.yaml --events "g-$customers.csv" -o new.cjm >/dev/null 2>&1
for ((r = 1; r <= rounds; ++r)); do
  for b in old new; do
    bin="$OLD"; [ "$b" = new ] && bin="$NEW"
    /usr/bin/time -f "$b csv: %e s, %M KB, CPU %U + %S s" \
      "$bin" analyze --spec g.yaml --events "g-$customers.csv" --threads 2 --format json -o "$b.json" 2>&1 | grep ' csv: '
    /usr/bin/time -f "$b cjm: %e s, %M KB, CPU %U + %S s" \
      "$bin" analyze --spec g.yaml --events "$b.cjm" --threads 2 --format json -o "$b-store.json" 2>&1 | grep ' cjm: '
  done
done
