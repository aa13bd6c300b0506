#!/usr/bin/env bash
# The production-like stack on one machine: PostgreSQL, Redis, S3Proxy, a 3-node search
# cluster, two gunicorn app servers behind a small proxy, and the task worker.
#
# Usage: tools/stack/stack.sh up|down|restart|status|env
#   up      starts what is not running, migrates, loads the demo, prints the URL
#   down    stops what `up` started (PostgreSQL only if `up` started it)
#   env     prints the environment the app servers run with (for manage.py against the stack)
#
# Ports (all on 127.0.0.1), each overridable:
#   STACK_PROXY_PORT 8470, STACK_APP_PORTS 8471,8472, STACK_SEARCH_PORT 9291 (nodes 9291-9293,
#   transport 9491-9493), THECEN_REDIS_PORT 6394, THECEN_S3PROXY_PORT 9364, THECEN_PG_PORT 5499.
#   STACK_PROXY_CACHE=1 makes the proxy cache public pages, as a CDN would.
#
# Every process the stack starts has its pid file in one place, $STACK_DIR/pids/ (the services'
# own scripts keep theirs too). `down` stops by those pid files, then by port: whatever still
# listens on one of the stack's ports and was started from this checkout (its command line or
# working directory under this folder) is stopped too, so a lost pid file leaves nothing running.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$REPO"
VENV="${VENV:-$REPO/.venv}"
DIR="${STACK_DIR:-$REPO/var/stack}"
PROXY_PORT="${STACK_PROXY_PORT:-8470}"
APP_PORTS="${STACK_APP_PORTS:-8471,8472}"
SEARCH_PORT="${STACK_SEARCH_PORT:-9291}"
SEARCH_NODES="${STACK_SEARCH_NODES:-3}"
export THECEN_REDIS_PORT="${THECEN_REDIS_PORT:-6394}"
export THECEN_S3PROXY_PORT="${THECEN_S3PROXY_PORT:-9364}"
export THECEN_S3_BUCKET="${STACK_S3_BUCKET:-thecen-stack}"
DB_NAME="${STACK_DB_NAME:-thecen_stack}"
PIDS="$DIR/pids"
SEARCH_TRANSPORT_PORT="${STACK_SEARCH_TRANSPORT_PORT:-$((SEARCH_PORT + 200))}"
# The cluster's folder, whatever a developer's single node is set to (SEARCH_NODE_DIR).
SEARCH_DIR="${STACK_SEARCH_DIR:-$REPO/var/searchcluster-$SEARCH_PORT}"
mkdir -p "$DIR" "$PIDS"

cluster() {
  SEARCH_NODE_COUNT="$SEARCH_NODES" SEARCH_NODE_PORT="$SEARCH_PORT" SEARCH_NODE_DIR="$SEARCH_DIR" \
    SEARCH_NODE_TRANSPORT_PORT="$SEARCH_TRANSPORT_PORT" bash tools/searchnode/node.sh "$@"
}

write_env() {
  local pg_url secret
  pg_url="$(bash tools/postgres.sh url)"
  [ -s "$DIR/secret" ] || "$VENV/bin/python" -c "import secrets; print(secrets.token_urlsafe(50))" > "$DIR/secret"
  secret="$(cat "$DIR/secret")"
  {
    echo "DJANGO_SETTINGS_MODULE=thecen.settings.stack"
    echo "DJANGO_SECRET_KEY=$secret"
    echo "DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost"
    echo "DJANGO_CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$PROXY_PORT$(echo ",$APP_PORTS" | sed 's/,/,http:\/\/127.0.0.1:/g')"
    echo "DATABASE_URL=${pg_url%/*}/$DB_NAME"
    echo "THECEN_REDIS_URL=redis://127.0.0.1:$THECEN_REDIS_PORT/1"
    bash tools/s3proxy/s3proxy.sh env
    echo "THECEN_SEARCH_URL=$(cluster urls)"
    echo "THECEN_SEARCH_INDEX_PREFIX=stack"
    echo "THECEN_SEARCH_REPLICAS=1"
    echo "THECEN_SEARCH_TIMEOUT=${STACK_SEARCH_TIMEOUT:-10}"
    echo "DJANGO_STATIC_ROOT=$DIR/static"
    echo "DJANGO_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend"
    echo "DJANGO_EMAIL_FILE_PATH=$DIR/mail"
    echo "WAGTAILADMIN_BASE_URL=http://127.0.0.1:$PROXY_PORT"
    echo "THECEN_FRONTEND_CACHE_URL=http://127.0.0.1:$PROXY_PORT"
    echo "THECEN_LOG_FORMAT=json"
    echo "DJANGO_LOG_LEVEL=INFO"
  } > "$DIR/env"
}

load_env() { set -a; . "$DIR/env"; set +a; }

started() { grep -qx "$1" "$DIR/started" 2>/dev/null; }
mark_started() { started "$1" || echo "$1" >> "$DIR/started"; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

daemon() {  # daemon NAME COMMAND...: start in its own session, pid in $PIDS/NAME.pid
  local name="$1"
  shift
  if pid_alive "$PIDS/$name.pid"; then return 0; fi
  setsid "$@" >> "$DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
}

# Copies a service's own pid file into $PIDS (S3Proxy, the search nodes, Redis).
record_pid() {  # record_pid NAME FILE
  [ -s "$2" ] && tr -dc '0-9' < "$2" > "$PIDS/$1.pid" || true
}

record_services() {
  local i
  record_pid s3proxy "${THECEN_S3PROXY_DIR:-$REPO/var/s3proxy-$THECEN_S3PROXY_PORT}/s3proxy.pid"
  for i in $(seq 1 "$SEARCH_NODES"); do record_pid "search-$i" "$SEARCH_DIR/member-$i/node.pid"; done
  started redis && record_pid redis "${THECEN_REDIS_DIR:-$REPO/var/redis-$THECEN_REDIS_PORT}/redis.pid"
  return 0
}

wait_http() {  # wait_http URL SECONDS
  local i
  for i in $(seq 1 "$(( $2 * 2 ))"); do
    curl -s -o /dev/null --max-time 5 -w '%{http_code}' "$1" | grep -q '^[23]' && return 0
    sleep 0.5
  done
  echo "stack: $1 did not answer within $2 s" >&2
  return 1
}

cmd_up() {
  local t0=$SECONDS
  [ -x "$VENV/bin/gunicorn" ] || { echo "stack: run make install first" >&2; exit 1; }
  bash tools/postgres.sh status >/dev/null 2>&1 || { bash tools/postgres.sh start; mark_started postgres; }
  bash tools/redis.sh status >/dev/null 2>&1 || { bash tools/redis.sh start; mark_started redis; }
  bash tools/s3proxy/s3proxy.sh status >/dev/null 2>&1 || mark_started s3proxy
  bash tools/s3proxy/s3proxy.sh start  # (also creates the bucket)
  cluster status >/dev/null 2>&1 || { cluster start >/dev/null; mark_started cluster; }
  record_services
  write_env
  load_env
  # A new stack folder (no demo-loaded mark) has a new bucket and search cluster: a database
  # left on the server by an earlier checkout (PostgreSQL's folder is outside the checkout when
  # run as root) would point at files and documents that are not there, so it starts afresh.
  local fresh=0
  [ -f "$DIR/demo-loaded" ] || fresh=1
  "$VENV/bin/python" - <<PY
import psycopg
url = "$(bash tools/postgres.sh url)"
with psycopg.connect(url, autocommit=True) as conn:
    if $fresh:
        conn.execute('DROP DATABASE IF EXISTS "$DB_NAME" WITH (FORCE)')
    if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", ["$DB_NAME"]).fetchone():
        conn.execute('CREATE DATABASE "$DB_NAME"')
PY
  "$VENV/bin/python" manage.py migrate --noinput -v0
  "$VENV/bin/python" manage.py collectstatic --noinput -v0
  # The demo loader is idempotent but slow on a busy machine: once per stack database.
  if [ ! -f "$DIR/demo-loaded" ]; then
    "$VENV/bin/python" manage.py load_demo --admin-password admin
    touch "$DIR/demo-loaded"
  fi
  local port ports=()
  IFS=, read -r -a ports <<< "$APP_PORTS"
  for port in "${ports[@]}"; do
    daemon "app-$port" "$VENV/bin/gunicorn" thecen.wsgi:application --bind "127.0.0.1:$port" \
      --workers "${STACK_APP_WORKERS:-2}" --threads 4 --worker-class gthread --timeout 60 \
      --access-logfile - --access-logformat '%(h)s "%(r)s" %(s)s %(b)s %(L)ss id=%({x-request-id}i)s'
  done
  # Supervised as systemd does in production (Restart=always): a PostgreSQL restart or a
  # killed worker does not leave the queue without one.
  daemon worker "$VENV/bin/python" tools/stack/supervise.py -- \
    "$VENV/bin/python" manage.py db_worker --interval 0.5
  local upstream="127.0.0.1:${APP_PORTS//,/,127.0.0.1:}"
  daemon proxy "$VENV/bin/python" tools/stack/proxy.py --listen "127.0.0.1:$PROXY_PORT" \
    --upstream "$upstream" ${STACK_PROXY_CACHE:+--cache}
  for port in "${ports[@]}"; do wait_http "http://127.0.0.1:$port/" 120; done
  wait_http "http://127.0.0.1:$PROXY_PORT/" 30
  echo "stack: up in $((SECONDS - t0)) s"
  curl -s --max-time 30 "http://127.0.0.1:$PROXY_PORT/-/health/?format=json" || true
  echo
  echo "http://127.0.0.1:$PROXY_PORT/   (app servers: $APP_PORTS; admin / admin; env: tools/stack/stack.sh env)"
}

# True if PID was started from this checkout: its command line or working directory is under
# $REPO/ (other worktrees and other people's servers on the machine are never touched).
ours() {
  local pid="$1" cwd
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF "$REPO/" && return 0
  cwd="$(readlink "/proc/$pid/cwd" 2>/dev/null || true)"
  case "$cwd/" in "$REPO"/*) return 0 ;; esac
  return 1
}

stop_pid() {  # TERM, up to 10 s, then KILL
  local pid="$1" i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_pid_file() {
  local f="$1" pid
  [ -f "$f" ] || return 0
  pid="$(tr -dc '0-9' < "$f")"
  [ -n "$pid" ] && ours "$pid" && stop_pid "$pid"
  rm -f "$f"
}

port_pids() {  # the pids listening on a TCP port
  ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
}

stack_ports() {  # every port the stack itself serves (Redis and PostgreSQL only if it started them)
  local i port ports=()
  IFS=, read -r -a ports <<< "$APP_PORTS"
  echo "$PROXY_PORT" "${ports[@]}" "$THECEN_S3PROXY_PORT"
  for i in $(seq 0 $((SEARCH_NODES - 1))); do echo "$((SEARCH_PORT + i)) $((SEARCH_TRANSPORT_PORT + i))"; done
  if started redis; then echo "$THECEN_REDIS_PORT"; fi
}

stop_by_port() {
  local port pid
  for port in $(stack_ports); do
    for pid in $(port_pids "$port"); do
      if ours "$pid"; then
        echo "stack: stopping pid $pid still on port $port"
        stop_pid "$pid"
      fi
    done
  done
}

stop_worker_by_command_line() {  # the task worker listens on no port
  local p pid
  for p in /proc/[0-9]*; do
    pid="${p#/proc/}"
    tr '\0' ' ' < "$p/cmdline" 2>/dev/null | grep -q 'manage.py db_worker' || continue
    ours "$pid" && [ "$(readlink "$p/cwd" 2>/dev/null)" = "$REPO" ] && stop_pid "$pid"
  done
  return 0
}

stop_apps() {
  local f
  for f in "$PIDS"/proxy.pid "$PIDS"/worker.pid "$PIDS"/app-*.pid "$DIR"/*.pid; do stop_pid_file "$f"; done
}

cmd_down() {
  stop_apps
  cluster stop >/dev/null 2>&1 || true
  bash tools/s3proxy/s3proxy.sh stop >/dev/null
  started redis && bash tools/redis.sh stop
  local f
  for f in "$PIDS"/*.pid; do stop_pid_file "$f"; done
  stop_by_port
  stop_worker_by_command_line
  started postgres && bash tools/postgres.sh stop
  rm -f "$DIR/started"
  echo "stack: down"
}

cmd_status() {
  local ok=0 f
  for f in "$PIDS"/app-*.pid "$PIDS"/worker.pid "$PIDS"/proxy.pid; do
    if pid_alive "$f"; then echo "$(basename "$f" .pid): running"; else echo "$(basename "$f" .pid): stopped"; ok=1; fi
  done
  cluster status || ok=1
  return $ok
}

case "${1:-}" in
  up) cmd_up ;;
  restart) stop_apps; cmd_up ;;  # after a code change: the app servers, worker and proxy
  down) cmd_down ;;
  status) cmd_status ;;
  env) cat "$DIR/env" ;;
  *) echo "usage: $0 up|down|restart|status|env" >&2; exit 2 ;;
esac
