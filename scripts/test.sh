#!/usr/bin/env bash
# Installs what cjm needs, then builds and runs every test twice: an optimised
# build, and a build under AddressSanitizer + UndefinedBehaviorSanitizer (a leak
# or undefined behaviour report fails the run). A third build, under
# ThreadSanitizer, runs the tests of everything that uses several threads (the
# parallel reader, journey ordering, the store reader, the analysis driver and
# its merges); a data race report fails the run. Last, the libFuzzer targets
# (tests/fuzz, built with clang) each fuzz for a bounded time and replay their
# whole corpus; a crash, sanitizer report or timeout fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs="$(nproc)"

echo "== optimised build =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCJM_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

echo "== sanitizer build (address, undefined) =="
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCJM_SANITIZE=ON -DCJM_TESTS=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== thread sanitizer build (the multi-threaded parts) =="
cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCJM_TSAN=ON -DCJM_TESTS=ON >/dev/null
cmake --build build-tsan -j"$jobs" --target cjm cjm_tests
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ctest --test-dir build-tsan --output-on-failure -j"$jobs" \
  -R '^(ParallelRanges|RunTasks|WorkerCount|ReaderTest|JourneyBuild|Store[A-Za-z]*|MergeProperty|Analysis[A-Za-z]*|PathAggregator|Cases/CaseTest)\.'

echo "== fuzz targets (clang, libFuzzer): a bounded run of each, then the corpus replayed =="
bash scripts/fuzz.sh 15
