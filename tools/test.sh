#!/usr/bin/env bash
# The whole test suite against real services: a search node, PostgreSQL and Chromium.
# Starts what is not already running, and stops (by PID) only what it started.
# Usage: tools/test.sh [pytest arguments]
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
cd "$REPO"
PY="${PY:-.venv/bin/python}"

stop_list=()
cleanup() {
  for svc in "${stop_list[@]}"; do "$svc" stop || true; done
}
trap cleanup EXIT

start() {  # start SERVICE_SCRIPT unless it already answers
  if "$1" status >/dev/null 2>&1; then
    echo "Using the running service: $1"
  else
    stop_list+=("$1")
    "$1" start
  fi
}

start tools/searchnode/node.sh
start tools/postgres.sh
start tools/redis.sh

export THECEN_SEARCH_URL="${THECEN_SEARCH_URL:-http://127.0.0.1:${SEARCH_NODE_PORT:-9250}}"
export DATABASE_URL="${DATABASE_URL:-$(tools/postgres.sh url)}"
# Tests that need Redis say so (tests/integration/thecen/test_jobs_and_locks.py); the suite's
# own cache stays per process. tests/stack/ starts the whole production-like stack itself.
export THECEN_TEST_REDIS_URL="${THECEN_TEST_REDIS_URL:-$(tools/redis.sh url)}"
export THECEN_BROWSER="${THECEN_BROWSER:-/usr/bin/chromium}"

"$PY" -m pytest "$@"
