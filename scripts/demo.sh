#!/usr/bin/env bash
# Installs what cjm needs, builds it, and analyses the bundled example
# (examples/shop), writing its journey map to demo-map.html (open it in any browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DCJM_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target cjm
./build/cjm demo
