# Shared by run.sh and test.sh: installs what the build needs (quietly when present) and
# builds the server and the browser bundle. Source it from the repository root.

set -euo pipefail

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
SITE_ROOT="${KLUSTRA_SITE_ROOT:-$PWD/target/site}"
export KLUSTRA_SITE_ROOT="$SITE_ROOT"

say() { printf '==> %s\n' "$*" >&2; }

# Prints a TCP port free on 127.0.0.1 right now.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits (up to 10 s) until the Klustra server on 127.0.0.1:$1 answers its health check.
wait_for_server() {
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
}

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

# Builds the server and the browser bundle into $SITE_ROOT/pkg and sets KLUSTRA_BIN.
# KLUSTRA_RELEASE=1 builds for production: the server optimised, the bundle with the
# size-optimised `wasm-release` profile, without the name and producers sections. (Debian's
# wasm-opt 108 breaks the reference-types table that wasm-bindgen 0.2.130 emits, and npm's
# binaryen makes the bundle larger once brotli-compressed, so wasm-opt is not used.)
# The bundle is split at its lazy routes (`split-bundle`) before wasm-bindgen, which then
# must keep the linker's exports that the chunks import.
build_all() {
  local server_flags=() wasm_flags=() server_dir=debug wasm_dir=debug split_flags=()
  local bindgen_flags=(--keep-lld-exports --no-demangle)
  if [ "${KLUSTRA_RELEASE:-0}" = 1 ]; then
    server_flags=(--release) wasm_flags=(--profile wasm-release) server_dir=release wasm_dir=wasm-release
    split_flags=(--strip) bindgen_flags+=(--remove-name-section --remove-producers-section)
  fi
  say "building the server${server_flags[*]:+ (release)}"
  cargo build --quiet -p server --bin klustra "${server_flags[@]}"
  say "building the browser bundle${wasm_flags[*]:+ (size-optimised)}"
  cargo build --quiet -p frontend --lib --target wasm32-unknown-unknown "${wasm_flags[@]}"
  cargo build --quiet -p split-bundle --release
  local pkg="$SITE_ROOT/pkg" wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/$wasm_dir/frontend.wasm"
  mkdir -p "$pkg"
  rm -f "$pkg"/*.wasm "$pkg"/__wasm_split*
  "$CARGO_TARGET_DIR/release/split-bundle" "${split_flags[@]}" "$wasm" "$pkg" /pkg/klustra.js
  wasm-bindgen --target web --no-typescript --out-dir "$pkg" --out-name klustra "${bindgen_flags[@]}" \
    "${wasm%.wasm}_split.wasm"
  cp style/main.css "$pkg/klustra.css"
  KLUSTRA_BIN="$CARGO_TARGET_DIR/$server_dir/klustra"
}
