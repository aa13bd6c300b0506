#!/usr/bin/env bash
# A private Redis server (Debian's redis-server) for the cache and cross-host locks:
# its own directory and port, loopback only, no persistence (a cache, not a store).
# Usage: tools/redis.sh start|stop|status|url
#
# Environment:
#   THECEN_REDIS_PORT  port on 127.0.0.1 (default 6394)
#   THECEN_REDIS_DIR   pid file, log, working directory (default <repo>/var/redis-<port>)
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${THECEN_REDIS_PORT:-6394}"
DIR="${THECEN_REDIS_DIR:-$REPO/var/redis-$PORT}"
PID_FILE="$DIR/redis.pid"
URL="redis://127.0.0.1:$PORT/0"
BIN="${REDIS_SERVER:-$(command -v redis-server || true)}"

answering() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null)" = PONG ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'PING\r\n' >&3 && head -c5 <&3 | grep -q PONG) 2>/dev/null
  fi
}

our_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ps -o args= -p "$pid" | grep -q redis-server \
    && echo "$pid"
}

case "${1:-}" in
  start)
    if our_pid >/dev/null; then echo "Redis already running: $URL"; exit 0; fi
    [ -n "$BIN" ] || { echo "redis-server not found (Debian: apt-get install redis-server)." >&2; exit 1; }
    if answering; then echo "port $PORT already answers Redis but not from $DIR; set THECEN_REDIS_PORT" >&2; exit 1; fi
    mkdir -p "$DIR"
    # A cache: evict the least recently used keys past maxmemory, never write to disk.
    setsid "$BIN" --port "$PORT" --bind 127.0.0.1 --dir "$DIR" --daemonize no \
      --save '' --appendonly no --maxmemory "${THECEN_REDIS_MAXMEMORY:-256mb}" \
      --maxmemory-policy allkeys-lru --protected-mode yes \
      >> "$DIR/redis.log" 2>&1 < /dev/null &
    echo $! > "$PID_FILE"
    for _ in $(seq 1 50); do
      if answering; then echo "Redis running: $URL"; exit 0; fi
      kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break
      sleep 0.1
    done
    tail -n 20 "$DIR/redis.log" >&2 || true
    echo "Redis did not start" >&2; exit 1
    ;;
  stop)
    if pid="$(our_pid)"; then
      kill -TERM "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$PID_FILE"
    echo "Redis stopped."
    ;;
  status) our_pid >/dev/null && answering ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
