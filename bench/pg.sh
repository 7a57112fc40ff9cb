#!/usr/bin/env bash
# Benchmark of the PostgreSQL source: cjm reading a table straight from the
# database, against exporting it with `psql \copy` to CSV and cjm reading
# that file (bench/README.md, "PostgreSQL").
#
#   bench/pg.sh [--events N] [--reps R]     (default 10M events, 3 repetitions)
#
# Starts a throwaway server (tests/pg/pg_server.sh) in bench/data/pg, loads
# the events `cjm generate` writes (as bench/run does) into a typed table,
# then runs, alternating, R times each (separate processes, GNU time):
#   A. cjm analyze --events postgresql://... --table events
#   B. psql \copy events TO export.csv (CSV)
#   C. cjm analyze --events export.csv
# and prints each run's wall seconds, rows/s, and CPU seconds of the server
# (its backends', from the postmaster's reaped children) and of the client
# (cjm or psql), then the medians, and checks that A and C give the same
# figures. The target: A no slower than B alone.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CJM="${CJM:-$ROOT/build/cjm}"
N=10000000
REPS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --events) N="$2"; shift 2 ;;
    --reps) REPS="$2"; shift 2 ;;
    *) echo "usage: bench/pg.sh [--events N] [--reps R]" >&2; exit 2 ;;
  esac
done
[ -x "$CJM" ] || { echo "bench/pg.sh: no $CJM (build it in Release)" >&2; exit 1; }
DATA="$ROOT/bench/data/pg-$N"
rm -rf "$DATA"
mkdir -p "$DATA"
chmod 755 "$ROOT/bench/data" "$DATA"
source "$ROOT/tests/pg/pg_server.sh"
pg_start "$DATA/server"
cleanup() { pg_stop; rm -rf "$DATA"; }
trap cleanup EXIT
cd "$DATA"
TICK="$(getconf CLK_TCK)"
calc() { awk "BEGIN { print $* }"; }

customers=$(((N * 100 + 567) / 1135)) # the generator writes ~11.35 events per customer
"$CJM" generate --customers "$customers" --seed 1 -o events.csv --spec-out journey.yaml 2>/dev/null
ROWS=$(($(wc -l <events.csv) - 1))
echo "bench/pg: $ROWS events of $customers customers ($(du -h events.csv | cut -f1) of CSV)"
psql -q -X -v ON_ERROR_STOP=1 \
  -c "CREATE TABLE events (customer_id text, timestamp timestamptz, event text, channel text,
        value numeric, score real, persona text, region text, device text)" \
  -c "\\copy events FROM 'events.csv' CSV HEADER" -c "VACUUM (FREEZE, ANALYZE) events" \
  -c "CHECKPOINT"
rm events.csv
echo "bench/pg: table events: $(psql -X -tA -c "SELECT pg_size_pretty(pg_relation_size('events'))")"

POSTMASTER="$(head -1 "$DATA/server/data/postmaster.pid")"
# The server's processes other than backends (checkpointer, writers, ...).
server_children() { wc -w <"/proc/$POSTMASTER/task/$POSTMASTER/children"; }
IDLE_CHILDREN="$(server_children)"
# CPU seconds of the server's finished backends so far, once the last ones
# have ended and been reaped (their time then counts in the postmaster's).
server_cpu() {
  for _ in $(seq 1 100); do
    [ "$(server_children)" -le "$IDLE_CHILDREN" ] && break
    sleep 0.05
  done
  sleep 0.1
  awk -v t="$TICK" '{ print ($16 + $17) / t }' "/proc/$POSTMASTER/stat"
}
# Runs "$@" under GNU time, on a terminal (script) so that cjm shows its
# phases; sets WALL and CPU (user + system) of the client, SERVER, the
# server's CPU seconds meanwhile, and READ, the seconds of cjm's reading
# phase (0 for another command).
measure() {
  local before after cmd
  before="$(server_cpu)"
  cmd="$(printf '%q ' /usr/bin/time -f '%e %U %S' -o time.out "$@")"
  script -q -e -c "$cmd" tty.out >/dev/null 2>&1 </dev/null
  after="$(server_cpu)"
  read -r WALL user sys <time.out
  CPU="$(calc "$user + $sys")"
  SERVER="$(calc "$after - $before")"
  READ="$(tr '\r' '\n' <tty.out | grep -a '^cjm: reading .* s (' | tail -1 |
    sed -E 's/.* ([0-9.]+) s \(.*/\1/' || true)"
  READ="${READ:-0}"
}
report() { # LABEL
  printf '  %-32s %6.2f s %5.2f M rows/s  read phase %5.2f s  server CPU %5.2f s  client CPU %5.2f s\n' \
    "$1" "$WALL" "$(calc "$ROWS / $WALL / 1000000")" "$READ" "$SERVER" "$CPU"
}

declare -a A B C
for r in $(seq 1 "$REPS"); do
  echo "run $r:"
  measure "$CJM" analyze --spec journey.yaml --events "$PG_URI" --table events --format json \
    -o pg.json
  report "A cjm analyze from PostgreSQL"
  A+=("$WALL $SERVER $CPU $READ")
  measure psql -X -q -c "\\copy events TO 'export.csv' CSV HEADER"
  report "B psql \\copy to CSV"
  B+=("$WALL $SERVER $CPU $READ")
  measure "$CJM" analyze --spec journey.yaml --events export.csv --format json -o csv.json
  report "C cjm analyze the CSV"
  C+=("$WALL $SERVER $CPU $READ")
done

median() { # FIELD VALUES...
  local f="$1"
  shift
  printf '%s\n' "$@" | awk -v f="$f" '{ print $f }' | sort -g | awk '{ v[NR] = $1 } END {
    print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo "medians of $REPS ($ROWS rows):"
for x in A B C; do
  eval "runs=(\"\${$x[@]}\")"
  w="$(median 1 "${runs[@]}")" s="$(median 2 "${runs[@]}")" c="$(median 3 "${runs[@]}")"
  rd="$(median 4 "${runs[@]}")"
  printf '  %s %6.2f s %5.2f M rows/s  read phase %5.2f s  server CPU %5.2f s (%3.0f%%)  client CPU %5.2f s (%3.0f%%)\n' \
    "$x" "$w" "$(calc "$ROWS / $w / 1000000")" "$rd" "$s" "$(calc "100 * $s / ($s + $c)")" \
    "$c" "$(calc "100 * $c / ($s + $c)")"
  eval "M$x=$w R$x=$rd"
done
printf '  read phase of A / export B: %.2f (%.2f M rows/s against %.2f M rows/s)\n' \
  "$(calc "$RA / $MB")" "$(calc "$ROWS / $RA / 1000000")" "$(calc "$ROWS / $MB / 1000000")"
printf '  all of A / (B + C): %.2f\n' "$(calc "$MA / ($MB + $MC)")"
if diff -q <(grep -vE '^    "(path|format|time_format)": ' pg.json) \
  <(grep -vE '^    "(path|format|time_format)": ' csv.json) >/dev/null; then
  echo "figures: OK (PostgreSQL = CSV)"
else
  echo "figures: DIFFER between PostgreSQL and CSV" >&2
  exit 1
fi
