#!/usr/bin/env bash
# Runs every test: the Rust unit and integration tests on SQLite and again on a throw-away
# PostgreSQL, then the browser tests in Chromium against a freshly built server on each.
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_rust_tools
ensure_model
if ! command -v chromium >/dev/null; then apt_install chromium; fi
if [ ! -d end2end/node_modules/playwright-core ] || [ ! -d end2end/node_modules/axe-core ]; then
  say "installing the browser test driver (npm)"
  (cd end2end && npm ci --no-audit --no-fund --silent)
fi

build_all
# The browser tests that restart a server of their own start this binary.
export KLUSTRA_BIN
say "Rust tests (SQLite)"
# app is tested with its server features so it shares one build with the server;
# split-bundle is the build step that splits the browser bundle; embed (the sentence model)
# is checked against the reference engine's vectors.
cargo test --quiet -p app -p server -p split-bundle -p embed --features app/ssr

source scripts/postgres.sh
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  stop_throwaway_postgres
}
trap cleanup EXIT
start_throwaway_postgres

say "Rust tests (PostgreSQL)"
# The integration tests again, each on a database of its own on the throw-away server, plus
# the tests that need it (several instances on one database, the two engines' schemas
# compared): those are marked ignored, so the SQLite pass reports them as not run, and run
# here with --include-ignored (without PostgreSQL they fail rather than pass).
KLUSTRA_TEST_POSTGRES_URL="$KLUSTRA_TEST_POSTGRES_URL" cargo test --quiet -p server --features app/ssr --tests \
  -- --include-ignored

# Runs the browser tests against a fresh server on `$1` (a database URL; empty: SQLite).
browser_tests() {
  local workdir port database=()
  workdir="$(mktemp -d)"
  port="$(free_port)"
  if [ -n "$1" ]; then database=(--database-url "$1"); fi
  # The browser tests sign in as this admin and create the other accounts they need.
  "$CARGO_TARGET_DIR/debug/klustra" --data-dir "$workdir" "${database[@]}" \
    admin create --email "$KLUSTRA_ADMIN_EMAIL" 2>>"$workdir/server.log"
  # Sessions are checked every 2 s on open boards so the sign-out test need not wait 30.
  "$CARGO_TARGET_DIR/debug/klustra" --bind "127.0.0.1:$port" --data-dir "$workdir" --demo false --session-check-secs 2 \
    "${database[@]}" >>"$workdir/server.log" 2>&1 &
  server_pid=$!
  if ! wait_for_server "$port"; then
    tail -n 50 "$workdir/server.log" >&2
    exit 1
  fi
  if ! (cd end2end && KLUSTRA_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 tests/); then
    say "browser tests failed; the server log follows"
    tail -n 50 "$workdir/server.log" >&2
    exit 1
  fi
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  rm -rf "$workdir"
}

export KLUSTRA_ADMIN_EMAIL="admin@klustra.test"
KLUSTRA_ADMIN_PASSWORD="e2e-$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
export KLUSTRA_ADMIN_PASSWORD

say "browser tests (SQLite)"
browser_tests ""
say "browser tests (PostgreSQL)"
psql -q "$KLUSTRA_TEST_POSTGRES_URL" -c "CREATE DATABASE klustra_browser_tests"
browser_tests "${KLUSTRA_TEST_POSTGRES_URL%/*}/klustra_browser_tests"
