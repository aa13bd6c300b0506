#!/usr/bin/env bash
# A local S3 API server for the tests and `make stack`: S3Proxy (org.gaul:s3proxy, Maven
# Central) with the jclouds `filesystem` backend on a local folder, on 127.0.0.1 only.
# Jars come from Maven Central once (pom.xml beside this script) and are reused from ~/.m2.
#
# Usage: tools/s3proxy/s3proxy.sh start|stop|status|url|env
#   env prints the THECEN_S3_* variables that point the site at this server.
#
# Environment:
#   THECEN_S3PROXY_PORT  port (default 9364)
#   THECEN_S3PROXY_DIR   data folder, pid file, log, classpath cache (default <repo>/var/s3proxy-<port>)
#   THECEN_S3_BUCKET     bucket created at start (default thecen-media)
#   JAVA_HOME            JDK 17+ (default: java on PATH)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/../.." && pwd)"
POM="$SCRIPT_DIR/pom.xml"
PORT="${THECEN_S3PROXY_PORT:-9364}"
DIR="${THECEN_S3PROXY_DIR:-$REPO_DIR/var/s3proxy-$PORT}"
BUCKET="${THECEN_S3_BUCKET:-thecen-media}"
IDENTITY="local-identity"
CREDENTIAL="local-credential"
URL="http://127.0.0.1:$PORT"
MAIN_CLASS="org.gaul.s3proxy.Main"
PID_FILE="$DIR/s3proxy.pid"
LOG_FILE="$DIR/s3proxy.log"
CP_FILE="$DIR/classpath.txt"
CP_KEY_FILE="$DIR/classpath.key"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

die() { echo "s3proxy: $*" >&2; exit 1; }

pom_key() { sha256sum "$POM" | cut -d' ' -f1; }

build_classpath() {
  if [ -s "$CP_FILE" ] && [ "$(cat "$CP_KEY_FILE" 2>/dev/null)" = "$(pom_key)" ] \
     && tr ':' '\n' < "$CP_FILE" | while read -r j; do [ -f "$j" ] || exit 1; done; then
    return
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven is needed once to fetch S3Proxy from Maven Central"
  echo "s3proxy: resolving jars from Maven Central (first run only) ..."
  mvn -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$CP_FILE.tmp" >"$DIR/mvn.log" 2>&1 \
    || { tail -n 30 "$DIR/mvn.log" >&2; die "could not resolve S3Proxy"; }
  mv "$CP_FILE.tmp" "$CP_FILE"
  pom_key > "$CP_KEY_FILE"
}

our_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(tr -dc '0-9' < "$PID_FILE")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && ps -o args= -p "$pid" | grep -q "$MAIN_CLASS" \
    && echo "$pid"
}

# S3Proxy answers an anonymous GET / with 403 (signature required): any HTTP answer means up.
answering() { curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$URL/" | grep -qv '^000$'; }

make_bucket() {  # a bucket is a folder of the filesystem backend
  mkdir -p "$DIR/data/$BUCKET"
}

case "${1:-}" in
  start)
    mkdir -p "$DIR"
    if our_pid >/dev/null && answering; then make_bucket; echo "S3Proxy already running: $URL"; exit 0; fi
    answering && die "port $PORT already answers HTTP but not from $DIR; set THECEN_S3PROXY_PORT"
    build_classpath
    make_bucket
    cat > "$DIR/s3proxy.conf" <<CONF
s3proxy.endpoint=$URL
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$IDENTITY
s3proxy.credential=$CREDENTIAL
jclouds.provider=filesystem
jclouds.filesystem.basedir=$DIR/data
CONF
    setsid "$JAVA" -Xms64m -Xmx256m -Djava.io.tmpdir="$DIR" -cp "$(cat "$CP_FILE")" "$MAIN_CLASS" \
      --properties "$DIR/s3proxy.conf" >> "$LOG_FILE" 2>&1 < /dev/null &
    echo $! > "$PID_FILE"
    for _ in $(seq 1 120); do
      if answering; then echo "S3Proxy running: $URL (bucket $BUCKET)"; exit 0; fi
      kill -0 "$(cat "$PID_FILE")" 2>/dev/null || break
      sleep 0.5
    done
    tail -n 30 "$LOG_FILE" >&2 || true
    die "did not start"
    ;;
  stop)
    if pid="$(our_pid)"; then
      kill -TERM "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$PID_FILE"
    echo "S3Proxy stopped."
    ;;
  status) our_pid >/dev/null && answering ;;
  url) echo "$URL" ;;
  env)
    echo "THECEN_S3_BUCKET=$BUCKET"
    echo "THECEN_S3_ENDPOINT_URL=$URL"
    echo "THECEN_S3_REGION=us-east-1"
    echo "THECEN_S3_ACCESS_KEY_ID=$IDENTITY"
    echo "THECEN_S3_SECRET_ACCESS_KEY=$CREDENTIAL"
    ;;
  *) echo "usage: $0 start|stop|status|url|env" >&2; exit 2 ;;
esac
