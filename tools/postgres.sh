#!/usr/bin/env bash
# A private PostgreSQL server for the tests: its own data directory and port, loopback only.
# Usage: tools/postgres.sh start|stop|status|url
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${THECEN_PG_PORT:-5499}"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
  echo "PostgreSQL server binaries not found (Debian: apt-get install postgresql)." >&2
  exit 1
fi

# initdb and postgres refuse to run as root: as root, run them as the postgres user, in a
# directory that user owns (a clone under a private folder may not be reachable by it).
if [ "$(id -u)" = 0 ]; then
  DIR="${THECEN_PG_DIR:-/var/tmp/thecen-postgres-$PORT}"
  as_pg() { runuser -u postgres -- "$@"; }
else
  DIR="${THECEN_PG_DIR:-$REPO/var/postgres-$PORT}"
  as_pg() { "$@"; }
fi
URL="postgresql://postgres@127.0.0.1:$PORT/thecen"

running() { as_pg "$PG_BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; }

case "${1:-}" in
  start)
    if running; then echo "PostgreSQL already running: $URL"; exit 0; fi
    if [ ! -f "$DIR/PG_VERSION" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
      chmod 700 "$DIR"
      as_pg "$PG_BIN/initdb" -D "$DIR" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    # Test data is throwaway: skip the durability work that makes a test server slow.
    as_pg "$PG_BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
      start >/dev/null || { tail -n 30 "$DIR/server.log" >&2; exit 1; }
    as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qtAc \
      "SELECT 1 FROM pg_database WHERE datname='thecen'" | grep -q 1 \
      || as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres thecen
    echo "PostgreSQL running: $URL"
    ;;
  stop)
    if running; then as_pg "$PG_BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null; fi
    echo "PostgreSQL stopped."
    ;;
  status) running ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
