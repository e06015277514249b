#!/usr/bin/env bash
# Runs the measurements behind BENCHMARKS.md with release builds (slow the first time):
# the live board's load-and-fault test at full size and the clustering speed benchmark.
cd "$(dirname "$0")/.."
source scripts/lib.sh

say "live board: load-and-fault test, ${KLUSTRA_LOAD_PARTICIPANTS:-300} participants (release build)"
KLUSTRA_LOAD_PARTICIPANTS="${KLUSTRA_LOAD_PARTICIPANTS:-300}" \
  cargo test --quiet --release -p server --test live_load -- --nocapture

say "clustering speed against the all-pairs strsim baseline (criterion)"
cargo bench -p server --bench clustering
