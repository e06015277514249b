#!/usr/bin/env bash
# Runs every measurement behind BENCHMARKS.md with optimised builds and writes the
# generated section of BENCHMARKS.md (between its "suite" markers): note ingest, live
# latency at 100 and 300 participants, server memory with 1,000 open sockets, clustering
# time for 800 and 10,000 notes, the browser bundle's size and the join page's first paint,
# with the machine and the date; ingest on SQLite and on a throw-away PostgreSQL. Takes
# 15-30 minutes (longer the first time: release builds).
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_rust_tools
if ! command -v chromium >/dev/null; then apt_install chromium; fi
if ! command -v brotli >/dev/null; then apt_install brotli; fi
if [ ! -d end2end/node_modules/playwright-core ]; then
  (cd end2end && npm ci --no-audit --no-fund --silent)
fi
# The measurements' own output is kept (a report that fails can be written again from it:
# python3 scripts/bench_report.py "$CARGO_TARGET_DIR/bench-out" BENCHMARKS.md).
out="$CARGO_TARGET_DIR/bench-out"
rm -rf "$out" && mkdir -p "$out"
trap 'stop_throwaway_postgres 2>/dev/null' EXIT

KLUSTRA_RELEASE=1 build_all
scripts/bundle_size.py "$SITE_ROOT/pkg" | tee "$out/bundle.txt"

# The one-minute load average as the measurements begin, halfway and at the end: other
# processes' load shows in the figures, so the report says how much there was.
load_now() { echo "$(cut -d' ' -f1 /proc/loadavg) $1" >>"$out/load.txt"; }
load_now "at the start"

say "note ingest (SQLite)"
cargo bench --quiet -p server --bench ingest | tee "$out/ingest.txt"

say "note ingest (PostgreSQL, fsync on)"
source scripts/postgres.sh
KLUSTRA_PG_FSYNC=on start_throwaway_postgres
psql -q "$KLUSTRA_TEST_POSTGRES_URL" -c "CREATE DATABASE klustra_bench"
KLUSTRA_BENCH_DATABASE_URL="${KLUSTRA_TEST_POSTGRES_URL%/*}/klustra_bench" \
  cargo bench --quiet -p server --bench ingest | tee "$out/ingest-postgres.txt"
stop_throwaway_postgres

# Each configuration twice: Klustra (with a SIGTERM and a SIGKILL restart), then the same
# clients against the fan-out floor (one broadcast channel, a durable insert per note), so
# BENCHMARKS.md can give Klustra's latency as a multiple of what the machine allows.
for participants in 100 300; do
  for pace in 2000 80; do
    say "live board: $participants participants, a note every $pace-$((pace + 199)) ms each"
    KLUSTRA_LOAD_PARTICIPANTS=$participants KLUSTRA_LOAD_PAUSE_MS=$pace \
      cargo test --quiet --release -p server --test live_load notes_survive -- --nocapture \
      | tee "$out/live-$participants-$pace.txt"
    KLUSTRA_LOAD_PARTICIPANTS=$participants KLUSTRA_LOAD_PAUSE_MS=$pace \
      cargo test --quiet --release -p server --test live_load fan_out_floor -- --nocapture \
      | tee "$out/floor-$participants-$pace.txt"
  done
  # The generated summary reads the workshop-pace run.
  cp "$out/live-$participants-2000.txt" "$out/live-$participants.txt"
done

load_now "after the live-board runs"
say "server memory with 1,000 open sockets"
KLUSTRA_LOAD_SOCKETS=1000 cargo test --quiet --release -p server --test live_load many_open_sockets -- --nocapture \
  | tee "$out/sockets.txt"

say "clustering time (best of 3, klustra cluster, release)"
python3 - "$out" <<'PY'
import json, sys
data = "testdata/clustering"
files = ["swefaq_sv.jsonl", "argsent_sv.jsonl", "sib200_sv.jsonl", "sib200_en.jsonl",
         "stackoverflow.jsonl", "searchsnippets.ws800.jsonl", "agnews.ws800.jsonl",
         "biomedical.ws800.jsonl"]
notes = []
for name in files:
    for line in open(f"{data}/{name}", encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            notes.append({"id": f"{name}:{row['id']}", "text": row["text"]})
with open(f"{sys.argv[1]}/10000.jsonl", "w", encoding="utf-8") as out:
    for row in notes[:10000]:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
PY
cp testdata/clustering/argsent_sv.ws800.jsonl "$out/800.jsonl"
for size in 800 10000; do
  best=""
  for _ in 1 2 3; do
    start=$(date +%s%N)
    # Words alone, as before: with the model this command would also embed every note,
    # which the server does once per note when it is written (criterion's
    # klustra_*_vectors benchmarks time clustering from stored vectors).
    "$KLUSTRA_BIN" cluster --input "$out/$size.jsonl" --output "$out/themes.jsonl" \
      --embedding-model "$out/no-model" 2>/dev/null
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "clustering $size notes: $best ms" | tee -a "$out/clustering.txt"
done

say "first paint of the join page (Chromium)"
workdir="$(mktemp -d)"
port="$(free_port)"
# The board measurement signs in as this admin to make a facilitator.
export KLUSTRA_ADMIN_EMAIL="${KLUSTRA_ADMIN_EMAIL:-admin@klustra.test}"
export KLUSTRA_ADMIN_PASSWORD="${KLUSTRA_ADMIN_PASSWORD:-bench-admin-password-$RANDOM$RANDOM}"
"$KLUSTRA_BIN" --data-dir "$workdir" admin create --email "$KLUSTRA_ADMIN_EMAIL" 2>>"$workdir/server.log"
"$KLUSTRA_BIN" --bind "127.0.0.1:$port" --data-dir "$workdir" --demo false >"$workdir/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; stop_throwaway_postgres; rm -rf "$workdir"' EXIT
wait_for_server "$port"
(cd end2end && KLUSTRA_URL="http://127.0.0.1:$port" node bench/first-paint.mjs) | tee "$out/paint.txt"

say "the facilitator's board with 800 notes (Chromium)"
(cd end2end && KLUSTRA_URL="http://127.0.0.1:$port" node bench/board-800.mjs) | tee "$out/board.txt"

say "the round's analysis page at 800 notes over 8 workshops (Chromium)"
(cd end2end && KLUSTRA_URL="http://127.0.0.1:$port" node bench/analysis-800.mjs) | tee "$out/analysis.txt"

load_now "at the end"
say "writing BENCHMARKS.md"
python3 scripts/bench_report.py "$out" BENCHMARKS.md
