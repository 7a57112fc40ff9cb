#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang in build-fuzz/, runs
# each for a bounded time from its seed corpus, then replays the whole corpus.
# Any crash, sanitizer report, timeout (-timeout) or out-of-memory fails.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 20)
# FUZZ_BUILD names the build folder (default build-fuzz).
# New inputs found go to a scratch folder, not into tests/fuzz/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
targets=(csv tsv jsonl analysis paths time spec glob store)
build="${FUZZ_BUILD:-build-fuzz}"

cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCJM_FUZZ=ON -DCJM_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/#/fuzz_}"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  echo "== fuzz_$t: ${seconds}s from tests/fuzz/corpus/$t =="
  rc=0
  "$build"/fuzz_"$t" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$scratch/$t-" "$scratch/$t" tests/fuzz/corpus/"$t" >"$scratch/$t.log" 2>&1 ||
    rc=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units)' "$scratch/$t.log" || true
  if [ "$rc" -ne 0 ]; then
    tail -n 60 "$scratch/$t.log"
    echo "fuzz_$t failed (exit $rc); the input is above (artifact)" >&2
    exit 1
  fi
done
for t in "${targets[@]}"; do
  echo "== fuzz_$t: replay of tests/fuzz/corpus/$t =="
  rc=0
  "$build"/fuzz_"$t" -runs=0 -timeout=10 tests/fuzz/corpus/"$t" >"$scratch/$t.replay" 2>&1 || rc=$?
  tail -n 1 "$scratch/$t.replay"
  if [ "$rc" -ne 0 ]; then
    tail -n 60 "$scratch/$t.replay"
    exit 1
  fi
done
echo "fuzz: ${#targets[@]} targets ran ${seconds}s each; every corpus input replayed clean"
echo "fuzz: ${#targets[@]} passed, 0 failed"
