#!/usr/bin/env bash
# Builds Klustra and starts it on http://127.0.0.1:3000 with its SQLite database in ./data.
# Flags are passed on to `klustra` (see `klustra --help`), e.g. `--bind 127.0.0.1:8080`;
# KLUSTRA_RELEASE=1 builds optimised binaries (for production).
cd "$(dirname "$0")/.."
source scripts/lib.sh
ensure_rust_tools
ensure_model
build_all
# The address `klustra` will bind: --bind, else KLUSTRA_BIND, else its default.
bind="${KLUSTRA_BIND:-127.0.0.1:3000}"
args=("$@")
for i in "${!args[@]}"; do
  case "${args[$i]}" in
    --bind) bind="${args[$((i + 1))]:-$bind}" ;;
    --bind=*) bind="${args[$i]#--bind=}" ;;
  esac
done
say "starting Klustra on $bind (Ctrl-C stops it)"
exec "$KLUSTRA_BIN" "$@"
