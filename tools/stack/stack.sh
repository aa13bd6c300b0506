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
mkdir -p "$DIR"

cluster() { SEARCH_NODE_COUNT="$SEARCH_NODES" SEARCH_NODE_PORT="$SEARCH_PORT" bash tools/searchnode/node.sh "$@"; }

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

daemon() {  # daemon NAME COMMAND...: start in its own session, pid in $DIR/NAME.pid
  local name="$1"
  shift
  if pid_alive "$DIR/$name.pid"; then return 0; fi
  setsid "$@" >> "$DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$DIR/$name.pid"
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
  write_env
  load_env
  "$VENV/bin/python" - <<PY
import psycopg
url = "$(bash tools/postgres.sh url)"
with psycopg.connect(url, autocommit=True) as conn:
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
  daemon worker "$VENV/bin/python" manage.py db_worker --interval 0.5
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

stop_pid_file() {
  local f="$1" pid i
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$f"
}

stop_apps() {
  local f
  for f in "$DIR"/proxy.pid "$DIR"/worker.pid "$DIR"/app-*.pid; do stop_pid_file "$f"; done
}

cmd_down() {
  stop_apps
  started cluster && cluster stop >/dev/null
  started s3proxy && bash tools/s3proxy/s3proxy.sh stop
  started redis && bash tools/redis.sh stop
  started postgres && bash tools/postgres.sh stop
  rm -f "$DIR/started"
  echo "stack: down"
}

cmd_status() {
  local ok=0 f
  for f in "$DIR"/app-*.pid "$DIR"/worker.pid "$DIR"/proxy.pid; do
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
