#!/usr/bin/env bash
# A long fuzzing campaign: each target until RUNS executions (default 10
# million), TARGETS at a time (default 2), niced, in fuzz-campaign/ (kept
# between runs, so a campaign can go on where it stopped). Per target it
# writes fuzz-campaign/TARGET.log (libFuzzer's own, with the cov:/ft: figures
# and -print_final_stats) and any failing input as fuzz-campaign/TARGET-crash-*.
#   scripts/fuzz-campaign.sh [RUNS] [PARALLEL] [TARGET...]
# FUZZ_SECONDS=N also stops each target after N seconds (libFuzzer's
# -max_total_time), for the slow targets on a shared machine.
# Needs build-fuzz/ (scripts/fuzz.sh builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10000000}"
parallel="${2:-2}"
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(spec csv tsv jsonl paths store time glob analysis)
mkdir -p fuzz-campaign
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run() {
  local t="$1"
  mkdir -p "fuzz-campaign/$t"
  local rc=0
  nice -n 10 build-fuzz/fuzz_"$t" -runs="$runs" -max_total_time="${FUZZ_SECONDS:-0}" \
    -timeout=10 -print_final_stats=1 \
    -artifact_prefix="fuzz-campaign/$t-" "fuzz-campaign/$t" "tests/fuzz/corpus/$t" \
    >"fuzz-campaign/$t.log" 2>&1 || rc=$?
  echo "fuzz_$t: exit $rc after $(grep -o 'stat::number_of_executed_units: [0-9]*' \
    "fuzz-campaign/$t.log" || echo 'no final stats')"
}
for t in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do sleep 5; done
  run "$t" &
done
wait
