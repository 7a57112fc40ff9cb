#!/usr/bin/env bash
# Installs what cjm needs, then builds and runs every test twice: an optimised
# build, and a build under AddressSanitizer + UndefinedBehaviorSanitizer (a leak
# or undefined behaviour report fails the run).
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
