# Source after lib.sh: a throw-away PostgreSQL server on 127.0.0.1 for the tests.
#
# start_throwaway_postgres installs PostgreSQL from Debian's packages when missing, creates a
# cluster in a temporary directory, starts it on a free port (TCP on 127.0.0.1 only, its
# socket inside that directory), and exports KLUSTRA_TEST_POSTGRES_URL, an administrator URL
# the tests create their own databases with. stop_throwaway_postgres stops it and deletes it.
# fsync is off (nothing here outlives the run) unless KLUSTRA_PG_FSYNC=on, as benchmarks set.

postgres_bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# Runs a PostgreSQL tool as the cluster's owner: `postgres` when we are root (PostgreSQL
# refuses to run as root), else ourselves.
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_throwaway_postgres() {
  if [ -z "$(postgres_bin_dir)" ]; then apt_install postgresql; fi
  # Debian starts a cluster of its own on installation; ours does not need it.
  local bin
  bin="$(postgres_bin_dir)"
  PG_DIR="$(mktemp -d)"
  if [ "$(id -u)" -eq 0 ]; then chown postgres "$PG_DIR"; fi
  local port
  port="$(free_port)"
  say "starting a throw-away PostgreSQL on 127.0.0.1:$port"
  as_pg_owner "$bin/initdb" -D "$PG_DIR/data" -U klustra --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  as_pg_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -s \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c max_connections=400 -c fsync=${KLUSTRA_PG_FSYNC:-off}" start
  export KLUSTRA_TEST_POSTGRES_URL="postgres://klustra@127.0.0.1:$port/postgres"
}

stop_throwaway_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    as_pg_owner "$(postgres_bin_dir)/pg_ctl" -D "$PG_DIR/data" -m immediate -s stop || true
    rm -rf "$PG_DIR"
  fi
  unset KLUSTRA_TEST_POSTGRES_URL PG_DIR
}
