#!/usr/bin/env bash
# Throughput of the main pages: the demo under gunicorn (2 sync workers, SQLite, DEBUG off),
# loaded with `wrk -t2 -c8` on 127.0.0.1. Prints req/s, p50, p99 and SQL queries per page.
# Then the search page (a word with 20+ hits) and the catalogue served from a real search node
# (started here on port 9251 from tools/searchnode, or BENCH_SEARCH_URL), over the demo plus
# 600 generated goods. BENCH_SEARCH=0 skips that part.
# Usage: bash bench/run.sh            (BENCH_DURATION=10s BENCH_PORT=8765 to change)
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"
PY="${PY:-.venv/bin/python}"
PORT="${BENCH_PORT:-8765}"
DURATION="${BENCH_DURATION:-10s}"
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)"; exit 1; }

WORK="$(mktemp -d -t thecen-bench-XXXXXX)"
export THECEN_VAR_DIR="$WORK"
export DJANGO_SETTINGS_MODULE=thecen.settings.production
export DJANGO_SECRET_KEY="bench-only-not-secret"
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
export DJANGO_LOG_LEVEL=ERROR
unset DATABASE_URL THECEN_SEARCH_URL

GUNICORN_PID=""
NODE_STARTED=""
cleanup() {
  if [[ -n "$GUNICORN_PID" ]]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
  if [[ -n "$NODE_STARTED" ]]; then tools/searchnode/node.sh stop >/dev/null || true; fi
  if [[ -n "${THECEN_SEARCH_URL:-}" ]]; then  # the throwaway indices on a node we did not start
    curl -fs -X DELETE "$THECEN_SEARCH_URL/bench-$$-*" >/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Preparing the demo in $WORK (SQLite) ..."
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo >/dev/null
"$PY" manage.py collectstatic --noinput -v0

serve() {  # (re)start gunicorn with the current environment
  if [[ -n "$GUNICORN_PID" ]]; then kill "$GUNICORN_PID"; wait "$GUNICORN_PID" 2>/dev/null || true; fi
  .venv/bin/gunicorn thecen.wsgi:application --workers 2 --worker-class sync \
    --bind "127.0.0.1:$PORT" --log-level warning &
  GUNICORN_PID=$!
  for _ in $(seq 50); do
    curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && return
    sleep 0.2
  done
}

measure() {  # rows of bench/pages.py: name, path, queries, CPU ms
  local row name path queries cpu_ms url out rps p50 p99 errors
  for row in "$@"; do
    IFS=$'\t' read -r name path queries cpu_ms <<<"$row"
    url="http://127.0.0.1:$PORT$path"
    wrk -t2 -c8 -d "$DURATION" --latency "$url" >/dev/null  # warm-up run, not reported
    out="$(wrk -t2 -c8 -d "$DURATION" --latency "$url")"
    rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
    p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
    p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
    errors="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
    printf "%-26s %9s %10s %10s %8s %11s%s\n" "$name" "$rps" "$p50" "$p99" "$queries" "$cpu_ms" \
      "${errors:+  (non-2xx: $errors)}"
  done
}

printf "\n%-26s %9s %10s %10s %8s %11s\n" "page" "req/s" "p50" "p99" "queries" "CPU ms/req"

# 1. The demo as `make run` serves it: SQLite, no search engine.
mapfile -t PAGES < <("$PY" bench/pages.py)
serve
measure "${PAGES[@]}"

# 2. Search and the catalogue served by a real search node, over the demo plus generated goods.
if [[ "${BENCH_SEARCH:-1}" == 0 ]]; then exit 0; fi
if [[ -z "${BENCH_SEARCH_URL:-}" ]]; then
  export SEARCH_NODE_DIR="$WORK/searchnode" SEARCH_NODE_PORT="${BENCH_SEARCH_PORT:-9251}"
  tools/searchnode/node.sh start >/dev/null
  NODE_STARTED=1
  BENCH_SEARCH_URL="http://127.0.0.1:$SEARCH_NODE_PORT"
fi
export THECEN_SEARCH_URL="$BENCH_SEARCH_URL" THECEN_SEARCH_INDEX_PREFIX="bench-$$"
"$PY" bench/catalogue_fill.py >/dev/null
"$PY" manage.py search_reindex >/dev/null
mapfile -t PAGES < <("$PY" bench/pages.py --engine)
serve
measure "${PAGES[@]}"
