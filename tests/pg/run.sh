#!/usr/bin/env bash
# The database source against a real, throwaway PostgreSQL server
# (tests/pg/pg_server.sh): the same figures from a table, a query and the
# same rows as CSV; every type of docs/sources.md; NULLs as rejected rows;
# every error; a parallel read under concurrent inserts seeing one snapshot.
#
#   tests/pg/run.sh CJM_BINARY
#
# Fails (never skips) when the server binaries are missing.
set -uo pipefail
CJM="$(realpath "$1")"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
source "$ROOT/tests/pg/pg_server.sh"
WORK="$(mktemp -d /tmp/cjm-pg-test.XXXXXX)"
chmod 755 "$WORK"  # the server may run as another user (root: nobody)
cleanup() {
  pg_stop
  [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
pg_start "$WORK/server" || exit 1
trap cleanup EXIT
cd "$WORK"

FAILED=0
fail() {
  echo "FAIL: $*" >&2
  FAILED=$((FAILED + 1))
}
pass() { echo "ok: $*"; }
sql() { psql -q -X -v ON_ERROR_STOP=1 "$@"; }
# The figures of a result: its JSON without the lines that name the input.
figures() { grep -vE '^    "(path|format|time_format)": ' "$1"; }
same_figures() { # NAME A.json B.json
  if [ -s "$2" ] && [ -s "$3" ] && diff -q <(figures "$2") <(figures "$3") >/dev/null; then
    pass "$1"
  else
    fail "$1: $2 and $3 differ"
    diff <(figures "$2") <(figures "$3") | head -20 >&2
  fi
}
json_value() { jq -r "$2" "$1"; }

SHOP="$ROOT/examples/shop"
SPEC="$SHOP/journey.yaml"
# A run that should succeed; any other exit (a sanitizer's report too) fails.
analyze() {
  "$CJM" analyze --format json --threads "${THREADS:-2}" "$@" || fail "cjm analyze $*: exit $?"
}

# -- the shop's events as a typed table ------------------------------------
sql -c "CREATE TABLE shop (customer_id text, timestamp timestamptz, event text, channel text,
          value numeric, score real, persona text, region text, device text)" \
  -c "\\copy shop FROM '$SHOP/events.csv' CSV HEADER" || exit 1

# 1. A table, a query and the CSV give the same figures; so do map and import.
analyze --spec "$SPEC" --events "$SHOP/events.csv" -o csv.json 2>/dev/null
analyze --spec "$SPEC" --events "$PG_URI" --table shop -o table.json 2>/dev/null
analyze --spec "$SPEC" --events "$PG_URI" --query "SELECT * FROM shop ORDER BY ctid;" \
  -o query.json 2>/dev/null
same_figures "table = csv" csv.json table.json
same_figures "query = csv" csv.json query.json
[ "$(json_value table.json .input.rows)" = 22692 ] || fail "table rows"
[ "$(json_value table.json .input.format)" = postgresql ] || fail "input.format"
"$CJM" import --spec "$SPEC" --events "$PG_URI" --table shop -o shop.cjm 2>/dev/null ||
  fail "cjm import: exit $?"
analyze --spec "$SPEC" --events shop.cjm -o store.json 2>/dev/null
same_figures "import from the table = csv" csv.json store.json
"$CJM" map --spec "$SPEC" --events "$SHOP/events.csv" --format mermaid -o csv.mmd 2>/dev/null
"$CJM" map --spec "$SPEC" --events "$PG_URI" --table shop --format mermaid -o pg.mmd 2>/dev/null ||
  fail "cjm map: exit $?"
if [ -s pg.mmd ] && cmp -s csv.mmd pg.mmd; then pass "map from the table = csv"; else fail "map"; fi

# 2. Every type: each query against the CSV the server exports for it (psql
# \copy writes every value in its text form), read with time_format auto.
sed 's/^  time_format: iso8601/  time_format: auto/' "$SPEC" >auto.yaml
check_types() { # NAME SELECT-LIST
  local q="SELECT $2 FROM shop"
  sql -c "\\copy ($q) TO 'types.csv' CSV HEADER" || { fail "types $1: export"; return; }
  analyze --spec auto.yaml --events types.csv -o t_csv.json 2>/dev/null
  analyze --spec auto.yaml --events "$PG_URI" --query "$q" -o t_pg.json 2>t_pg.err
  same_figures "type: $1" t_csv.json t_pg.json
  [ "$(json_value t_pg.json .input.rejected_rows)" = 0 ] || fail "types $1: rejected rows"
}
REST="channel, value, score, persona, region, device"
check_types "time timestamptz" "customer_id, timestamp, event, $REST"
check_types "time timestamp" "customer_id, timestamp AT TIME ZONE 'UTC' AS timestamp, event, $REST"
check_types "time date" "customer_id, timestamp::date AS timestamp, event, $REST"
check_types "time int8 epoch s" \
  "customer_id, extract(epoch FROM timestamp)::int8 AS timestamp, event, $REST"
check_types "time int4 epoch s" \
  "customer_id, extract(epoch FROM timestamp)::int4 AS timestamp, event, $REST"
check_types "time int8 epoch ms" \
  "customer_id, (extract(epoch FROM timestamp) * 1000)::int8 AS timestamp, event, $REST"
check_types "time text" "customer_id, timestamp::text AS timestamp, event, $REST"
check_types "time varchar iso" \
  "customer_id, to_char(timestamp, 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')::varchar AS timestamp, event, $REST"
check_types "customer varchar, event varchar" \
  "customer_id::varchar(20) AS customer_id, timestamp, event::varchar AS event, $REST"
check_types "customer int4" "substr(customer_id, 2)::int4 AS customer_id, timestamp, event, $REST"
check_types "customer int8" "substr(customer_id, 2)::int8 AS customer_id, timestamp, event, $REST"
check_types "customer int2" "substr(customer_id, 2)::int2 AS customer_id, timestamp, event, $REST"
check_types "customer uuid" "md5(customer_id)::uuid AS customer_id, timestamp, event, $REST"
check_types "customer char(8)" "customer_id::char(8) AS customer_id, timestamp, event, $REST"
VS="customer_id, timestamp, event, channel"
ATTRS="persona, region, device"
check_types "value float8, score float8" "$VS, value::float8 AS value, score::float8 AS score, $ATTRS"
check_types "value float4, score numeric" "$VS, value::float4 AS value, score::numeric AS score, $ATTRS"
check_types "value int4, score int2" "$VS, round(value)::int4 AS value, score::int2 AS score, $ATTRS"
check_types "value int8 (large)" "$VS, (value * 1000000)::int8 AS value, score, $ATTRS"
check_types "value numeric(14,6) scaled" \
  "$VS, (value / 7)::numeric(14,6) AS value, score, $ATTRS"
check_types "value numeric 9 decimals (rounding)" \
  "$VS, round(value / 3, 9) - 0.00005 AS value, score, $ATTRS"
check_types "value negative numeric" "$VS, -value AS value, score, $ATTRS"
check_types "value text, score text" "$VS, value::text AS value, score::text AS score, $ATTRS"

# Attributes of any type, in their text form: personas filter on each, so
# the figures show whether the texts match (and the counts that they exist).
{
  awk '/^personas:/ {skip = 1; next} skip && /^[a-z]/ {skip = 0} !skip' "$SPEC"
  cat <<'EOF'
personas:
  - {id: flag, name: Flag, where: {flag: t}}
  - {id: doc, name: Doc, where: {doc: '{"p": "loyal_fan"}'}}
  - {id: f, name: Numeric, where: {f: "0.1"}}
  - {id: f8, name: Float, where: {f8: "0.2"}}
  - {id: u, name: Uuid, where: {u: e057bdab-4ad6-7e50-83ce-1099b84cce04}}
  - {id: arr, name: Array, where: {arr: "{loyal_fan,east}"}}
  - {id: month, name: Month, where: {month: "2025-02-01 00:00:00+00"}}
  - {id: ip, name: Inet, where: {ip: 10.0.0.1}}
  - {id: n, name: Int, where: {n: "2"}}
  - {id: mood, name: Enum, where: {mood: calm}}
EOF
} >attrs.yaml
sql -c "CREATE TYPE mood AS ENUM ('calm', 'busy')" \
  -c "CREATE TABLE attrs AS SELECT customer_id, timestamp, event, value,
        substr(customer_id, 2)::int % 2 = 0 AS flag, jsonb_build_object('p', persona) AS doc,
        0.1 * (substr(customer_id, 2)::int % 3) AS f,
        (0.1 * (substr(customer_id, 2)::int % 3))::float8 AS f8, md5(customer_id)::uuid AS u,
        ARRAY[persona, region] AS arr, date_trunc('month', timestamp) AS month,
        '10.0.0.1'::inet AS ip, (substr(customer_id, 2)::int % 5)::int2 AS n,
        (CASE WHEN persona = 'busy_pro' THEN 'busy' ELSE 'calm' END)::mood AS mood FROM shop" \
  -c "\\copy attrs TO 'attrs.csv' CSV HEADER"
analyze --spec attrs.yaml --events attrs.csv -o a_csv.json 2>/dev/null
analyze --spec attrs.yaml --events "$PG_URI" --table attrs -o a_pg.json 2>/dev/null
same_figures "attributes of every type" a_csv.json a_pg.json
for p in flag doc f f8 u arr month ip n mood; do
  n="$(jq -r --arg p "$p" '.personas[] | select(.id == $p) | .customers' a_pg.json 2>/dev/null)"
  if [ -n "$n" ] && [ "$n" -gt 0 ]; then pass "attribute $p matches customers ($n)"; else
    fail "attribute $p: no customer matches"; fi
done

# 3. NULLs are rejected rows with their reason; NULL optional values are
# missing, as empty fields are. Hand count: 8 rows, 5 rejected (NULL
# customer, NULL time, NULL event, an infinite time, a NaN value).
sql -c "CREATE TABLE nulls (customer_id text, timestamp timestamptz, event text, value numeric,
          score real, persona text)" \
  -c "INSERT INTO nulls VALUES
        ('a', '2025-01-01 10:00Z', 'ad_view', 1, 4, 'loyal_fan'),
        (NULL, '2025-01-01 11:00Z', 'ad_view', 1, 4, 'loyal_fan'),
        ('b', NULL, 'ad_view', 1, 4, 'loyal_fan'),
        ('c', '2025-01-01 12:00Z', NULL, 1, 4, 'loyal_fan'),
        ('d', 'infinity', 'ad_view', 1, 4, 'loyal_fan'),
        ('e', '2025-01-01 13:00Z', 'purchase', 'NaN', 4, 'loyal_fan'),
        ('f', '2025-01-01 14:00Z', 'purchase', NULL, NULL, NULL),
        ('g', '2025-01-01 15:00Z', 'purchase', 12.5, NULL, 'busy_pro')"
analyze --spec "$SPEC" --events "$PG_URI" --table nulls --rejects rejects.tsv -o nulls.json \
  2>nulls.err
if [ "$(json_value nulls.json .input.rows)" = 8 ] &&
  [ "$(json_value nulls.json .input.rejected_rows)" = 5 ] &&
  [ "$(json_value nulls.json .input.customers)" = 3 ]; then
  pass "NULLs: 8 rows, 5 rejected, 3 customers"
else
  fail "NULLs: $(jq -c '.input' nulls.json)"
fi
for reason in "2	missing customer (NULL in column 'customer_id')" \
  "3	missing time (NULL in column 'timestamp')" "4	missing event (NULL in column 'event')" \
  "5	time in column 'timestamp' is infinite or outside" "6	unparsable number 'NaN'"; do
  grep -qF "$reason" rejects.tsv && pass "reject: $reason" || fail "reject missing: $reason"
done

# 4. Errors: exit 1, the source named, the server's own message.
expect_error() { # NAME PATTERN CJM-ARGS...
  local name="$1" pattern="$2"
  shift 2
  rm -f err.out
  "$CJM" analyze --spec "$SPEC" --format json -o err.json "$@" 2>err.out >/dev/null
  local code=$?
  if [ "$code" = 1 ] && grep -qE "$pattern" err.out && [ ! -e err.json ]; then
    pass "error: $name"
  else
    fail "error $name: exit $code, $(cat err.out)"
  fi
}
expect_error "connection refused" "cannot connect.*(No such file|refused)" \
  --events "postgresql://cjm@/cjm?host=$WORK/nowhere" --table shop
expect_error "authentication" \
  'postgresql://cjm_pw@/cjm\?host=.*cannot connect.*password authentication failed' \
  --events "postgresql://cjm_pw:wrong-Pa55@/cjm?host=$WORK/server" --table shop
grep -q "wrong-Pa55" err.out && fail "the password appears in the message"
expect_error "no database" 'database "nodb" does not exist' \
  --events "postgresql://cjm@/nodb?host=$WORK/server" --table shop
expect_error "no table" '/cjm\?host=.*table nope: relation "nope" does not exist' \
  --events "$PG_URI" --table nope
sed 's/^  customer: customer_id/  customer: who/' "$SPEC" >who.yaml
"$CJM" analyze --spec who.yaml --events "$PG_URI" --table shop -o err.json 2>err.out
if [ $? = 1 ] && grep -q "table shop: missing required column 'who' (data.customer)" err.out; then
  pass "error: no column"
else fail "error no column: $(cat err.out)"; fi
expect_error "query error" "query 'SELECT \* FROM shop WHERE nonsense': column \"nonsense\" does not exist" \
  --events "$PG_URI" --query "SELECT * FROM shop WHERE nonsense"
expect_error "unreadable type" \
  "column 'timestamp' \(data.time\) has type boolean, which cjm cannot read as a time" \
  --events "$PG_URI" --query "SELECT customer_id, true AS timestamp, event FROM shop"
expect_error "unreadable type (customer)" \
  "column 'customer_id' \(data.customer\) has type jsonb" \
  --events "$PG_URI" --query "SELECT to_jsonb(customer_id) AS customer_id, timestamp, event FROM shop"
# A password given in the URI or by PGPASSWORD works, and shows nowhere.
analyze --spec "$SPEC" --events "postgresql://cjm_pw:$PG_PASSWORD@/cjm?host=$WORK/server" \
  --table shop -o pw.json 2>pw.err
same_figures "password in the URI" csv.json pw.json
if grep -qF "$PG_PASSWORD" pw.json pw.err; then fail "the password appears in the result"; fi
PGPASSWORD="$PG_PASSWORD" analyze --spec "$SPEC" --events "postgresql://cjm_pw@/cjm?host=$WORK/server" \
  --table shop -o pw2.json 2>/dev/null
same_figures "PGPASSWORD" csv.json pw2.json
expect_error "password kept out of a server error" 'relation "nope" does not exist' \
  --events "postgresql://cjm_pw:$PG_PASSWORD@/cjm?host=$WORK/server" --table nope
grep -qF "$PG_PASSWORD" err.out && fail "the password appears in an error"
# Usage: a table for a file, a URI without table or query, both.
"$CJM" analyze --spec "$SPEC" --events "$SHOP/events.csv" --table shop -o err.json 2>/dev/null
[ $? = 2 ] && pass "usage: --table with a file" || fail "usage: --table with a file"
"$CJM" analyze --spec "$SPEC" --events "$PG_URI" -o err.json 2>/dev/null
[ $? = 2 ] && pass "usage: no table or query" || fail "usage: no table or query"
"$CJM" analyze --spec "$SPEC" --events "$PG_URI" --table shop --query "SELECT 1" 2>/dev/null
[ $? = 2 ] && pass "usage: table and query" || fail "usage: table and query"

# A connection lost mid-read: the server ends the backend while its COPY
# sleeps after row 5000. No result may come out of it.
"$CJM" analyze --spec "$SPEC" --format json -o lost.json --events "$PG_URI" --query \
  "SELECT s.* FROM shop s, LATERAL (SELECT pg_sleep(CASE WHEN s.ctid = '(60,1)' THEN 30 ELSE 0 END)) z" \
  2>lost.err &
CJM_PID=$!
for _ in $(seq 1 100); do
  n="$(psql -X -tA -c "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")"
  [ "$n" = 1 ] && break
  sleep 0.1
done
sql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'" \
  >/dev/null
wait $CJM_PID
code=$?
if [ "$code" = 1 ] && grep -q "the read broke off" lost.err && [ ! -e lost.json ]; then
  pass "error: connection lost mid-read"
else
  fail "connection lost: exit $code, $(cat lost.err)"
fi

# 5. A parallel read under concurrent inserts sees one snapshot: its figures
# are those of the table with the batches committed before it started, each
# batch (1000 new customers, one purchase each, one transaction) whole or
# absent. The server's log counts the connections that read.
# Rows padded to ~600 bytes (an attribute of one value), so that 3 copies of
# the shop's events (68k rows) make a table past the 32 MiB of a parallel read.
sql -c "CREATE TABLE grow AS SELECT s.*, 0 AS batch, repeat('x', 500) AS pad
          FROM shop s, generate_series(1, 3)" \
  -c "ALTER SYSTEM SET log_connections = on" -c "SELECT pg_reload_conf()" >/dev/null
BASE="$(psql -X -tA -c "SELECT count(*) FROM grow")"
(
  for b in $(seq 1 100000); do
    psql -X -q -c "INSERT INTO grow SELECT 'n$b-' || i, '2025-03-01 10:00Z', 'purchase', 'web',
                     10, 5, 'busy_pro', 'east', 'phone', $b, NULL FROM generate_series(1, 1000) i" \
      2>/dev/null || exit 0
  done
) &
INSERTER=$!
sleep 0.5
CONNS_BEFORE="$(grep -c 'connection authorized: user=cjm database=cjm application_name=cjm$' \
  "$WORK/server/server.log")"
"$CJM" analyze --format json --spec "$SPEC" --events "$PG_URI" --table grow --threads 4 \
  -o grow.json 2>grow.err || fail "parallel read: exit $?, $(cat grow.err)"
CONNS_AFTER="$(grep -c 'connection authorized: user=cjm database=cjm application_name=cjm$' \
  "$WORK/server/server.log")"
sleep 0.3
kill "$INSERTER" 2>/dev/null
wait "$INSERTER" 2>/dev/null
ROWS="$(json_value grow.json .input.rows)"
FINAL="$(psql -X -tA -c "SELECT count(*) FROM grow")"
BATCHES=$(((ROWS - BASE) / 1000))
if [ $(((ROWS - BASE) % 1000)) = 0 ] && [ "$BATCHES" -ge 1 ] && [ "$FINAL" -gt "$ROWS" ]; then
  pass "parallel read: $ROWS rows = $BASE + $BATCHES whole batches (table now $FINAL)"
else
  fail "parallel read: $ROWS rows, base $BASE, final $FINAL"
fi
[ $((CONNS_AFTER - CONNS_BEFORE)) = 4 ] && pass "parallel read on 4 connections" ||
  fail "parallel read used $((CONNS_AFTER - CONNS_BEFORE)) connections, expected 4"
THREADS=4 analyze --spec "$SPEC" --events "$PG_URI" \
  --query "SELECT * FROM grow WHERE batch <= $BATCHES" -o grow_q.json 2>/dev/null
same_figures "parallel read = the table at its snapshot" grow_q.json grow.json
sql -c "\\copy (SELECT * FROM grow WHERE batch <= $BATCHES) TO 'grow.csv' CSV HEADER"
THREADS=4 analyze --spec "$SPEC" --events grow.csv -o grow_csv.json 2>/dev/null
same_figures "parallel read = its rows as CSV" grow_csv.json grow.json

if [ "$FAILED" -gt 0 ]; then
  echo "tests/pg: $FAILED failed" >&2
  exit 1
fi
echo "tests/pg: all passed"
