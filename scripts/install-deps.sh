#!/usr/bin/env bash
# Installs every Debian package that building and testing cjm needs (clang
# and its runtime libraries build the libFuzzer targets, tests/fuzz).
# PostgreSQL (libpq, and the server the tests of the database source start:
# tests/pg, which also use jq) comes from Debian too.
# Safe to run again: apt-get skips what is already installed.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  g++ cmake make pkg-config clang-format time \
  libyaml-cpp-dev libcli11-dev libfmt-dev nlohmann-json3-dev libeigen3-dev \
  libfast-float-dev libsimdjson-dev libxxhash-dev libgtest-dev libgmock-dev \
  libcpp-httplib-dev zlib1g-dev libssl-dev \
  libpq-dev postgresql postgresql-client jq \
  chromium \
  clang libclang-rt-14-dev \
  >/dev/null
# Node.js and npm: the HTML map embeds Apache ECharts from npm at build time,
# the browser tests drive Chromium with playwright-core, and the server's tests
# send events with the Segment and RudderStack client libraries (autocannon:
# bench/serve.mjs).
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
(cd "$(dirname "$0")/.." && npm ci --no-audit --no-fund)
# DuckDB, the benchmark's peer (bench/run). Its package lists optional native
# builds for other platforms that the reachable registry does not serve, so npm
# cannot record them in bench/package-lock.json and `npm ci` would refuse the
# lock; `npm install` installs the locked versions and skips them.
(cd "$(dirname "$0")/../bench" && npm install --no-audit --no-fund)
echo "install-deps: build and test packages are installed"
