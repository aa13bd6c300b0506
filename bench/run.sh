#!/usr/bin/env bash
# Throughput of the main pages: the demo under gunicorn (2 sync workers, SQLite, DEBUG off),
# loaded with `wrk -t2 -c8` on 127.0.0.1. Prints req/s, p50, p99 and SQL queries per page.
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
cleanup() {
  if [[ -n "$GUNICORN_PID" ]]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Preparing the demo in $WORK (SQLite) ..."
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo >/dev/null
"$PY" manage.py collectstatic --noinput -v0

mapfile -t PAGES < <("$PY" bench/pages.py)

.venv/bin/gunicorn thecen.wsgi:application --workers 2 --worker-class sync \
  --bind "127.0.0.1:$PORT" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break
  sleep 0.2
done

printf "\n%-26s %9s %10s %10s %8s %14s\n" "page" "req/s" "p50" "p99" "queries" "CPU ms/req"
for row in "${PAGES[@]}"; do
  IFS=$'\t' read -r name path queries cpu_ms <<<"$row"
  url="http://127.0.0.1:$PORT$path"
  wrk -t2 -c8 -d "$DURATION" --latency "$url" >/dev/null  # warm-up run, not reported
  out="$(wrk -t2 -c8 -d "$DURATION" --latency "$url")"
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  printf "%-26s %9s %10s %10s %8s %14s%s\n" "$name" "$rps" "$p50" "$p99" "$queries" "$cpu_ms" \
    "${errors:+  (non-2xx: $errors)}"
done
