#!/usr/bin/env bash
# Runs every test: Rust unit and integration tests, then the browser tests in Chromium
# against a freshly built server on a free port with a throw-away database.
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_rust_tools
if ! command -v chromium >/dev/null; then apt_install chromium; fi
if [ ! -d end2end/node_modules/playwright-core ] || [ ! -d end2end/node_modules/axe-core ]; then
  say "installing the browser test driver (npm)"
  (cd end2end && npm ci --no-audit --no-fund --silent)
fi

build_all
say "Rust tests"
# app is tested with its server features so it shares one build with the server.
cargo test --quiet -p app -p server --features app/ssr

say "browser tests"
workdir="$(mktemp -d)"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# The browser tests sign in as this admin and create the other accounts they need.
export KLUSTRA_ADMIN_EMAIL="admin@klustra.test"
KLUSTRA_ADMIN_PASSWORD="e2e-$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
export KLUSTRA_ADMIN_PASSWORD
"$CARGO_TARGET_DIR/debug/klustra" --data-dir "$workdir" admin create --email "$KLUSTRA_ADMIN_EMAIL" \
  2>>"$workdir/server.log"
"$CARGO_TARGET_DIR/debug/klustra" --bind "127.0.0.1:$port" --data-dir "$workdir" --demo false \
  >"$workdir/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; rm -rf "$workdir"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
if ! (cd end2end && KLUSTRA_URL="http://127.0.0.1:$port" node --test --test-concurrency=1 tests/); then
  say "browser tests failed; the server log follows"
  tail -n 50 "$workdir/server.log" >&2
  exit 1
fi
