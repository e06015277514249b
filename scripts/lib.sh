# Shared by run.sh and test.sh: installs what the build needs (quietly when present) and
# builds the server and the browser bundle. Source it from the repository root.

set -euo pipefail

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
SITE_ROOT="${KLUSTRA_SITE_ROOT:-$PWD/target/site}"
export KLUSTRA_SITE_ROOT="$SITE_ROOT"

say() { printf '==> %s\n' "$*" >&2; }

# Runs apt-get as root, or through sudo when we are not root.
apt_install() {
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  say "installing $* (apt)"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ensure_rust_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown >/dev/null
  fi
  # The CLI must be exactly the wasm-bindgen version in Cargo.lock.
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (a few minutes, once)"
    cargo install --quiet wasm-bindgen-cli --version "$want"
  fi
}

build_all() {
  say "building the server"
  cargo build --quiet -p server --bin klustra
  say "building the browser bundle"
  cargo build --quiet -p frontend --lib --target wasm32-unknown-unknown
  mkdir -p "$SITE_ROOT/pkg"
  wasm-bindgen --target web --no-typescript --out-dir "$SITE_ROOT/pkg" --out-name klustra \
    "$CARGO_TARGET_DIR/wasm32-unknown-unknown/debug/frontend.wasm"
  cp style/main.css "$SITE_ROOT/pkg/klustra.css"
}
