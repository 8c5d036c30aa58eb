#!/usr/bin/env bash
# Where the wall time of `center up -d` goes: one `up -d` (then `down`) with every JVM on the path
# logging its class loads with wall-clock times (JAVA_TOOL_OPTIONS=-Xlog:class+load, ~3 % slower),
# and a timeline of phases in ms from the moment `up -d` was run:
#   cli        the CLI JVM: created, main class loaded, the supervisor JVM asked for, its exit
#   supervisor its JVM created, main, the archive checked, first node started, first readiness poll
#   <node>     each node: JVM created, main, Hazelcast started, joined (the cluster manager's
#              Vert.x up), roles deployed, ready (its own log line)
# Markers are the first load of a class that each phase loads first (see MARKS below), so a phase
# ends when the next one's class is loaded. Usage (same env as local-cluster.sh):
#   bench/up-phases.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${CENTER_JAR:-cli/target/center.jar}
JAVA=${BENCH_JAVA:-java}
RUNS=${1:-1}
[ -f "$JAR" ] || mvn -q -B package -DskipTests
export CENTER_HOME
CENTER_HOME=$(mktemp -d /tmp/center-phases.XXXXXX)
trap '"$JAVA" -jar "$JAR" down >/dev/null 2>&1 || true; rm -rf "$CENTER_HOME"' EXIT

center() { "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "$@"; }
ms() { date +%s%3N; }

# phase name = first class loaded in it (picocli loads every command's classes at start, so only
# classes loaded by code that runs serve as marks)
MARKS=(
  "main=io.vertxcenter.cli.Center"
  "archive-check=io.vertxcenter.local.NodeClassArchive"
  "supervisor=io.vertxcenter.local.Supervisor"
  "poll=io.vertxcenter.connect.BridgeClient"
  "hazelcast=com.hazelcast.instance.impl.HazelcastInstanceFactory"
  "join=com.hazelcast.internal.cluster.impl.TcpIpJoiner"
  "joined=io.vertxcenter.node.GracefulShutdown"
  "node-verticle=io.vertxcenter.node.NodeVerticle"
  "roles=io.vertxcenter.node.LauncherVerticle"
)

one_run() {
  local logs="$CENTER_HOME/classes" start end
  rm -rf "$logs" && mkdir -p "$logs"
  start=$(ms)
  JAVA_TOOL_OPTIONS="-Xlog:class+load=info:file=$logs/%p.log:tm,um" \
    center up -d --bridge-port "${BENCH_BRIDGE_PORT:-7640}" --server-port "${BENCH_SERVER_PORT:-5640}" \
    --ack-port "${BENCH_ACK_PORT:-5641}" --cluster-port "${BENCH_CLUSTER_PORT:-6240}" --http-port "${BENCH_HTTP_PORT:-8640}" >"$CENTER_HOME/up.out" 2>&1
  end=$(ms)
  echo "up -d: $((end - start)) ms ($(grep -o 'ready in [0-9.]* s' "$CENTER_HOME/up.out"))"
  for f in "$logs"/*.log; do
    local pid name created
    pid=$(basename "$f" .log)
    # the JVM's creation: the first line's wall time minus its uptime
    created=$(head -1 "$f" | sed -E 's/^\[([0-9]+)ms\]\[([0-9]+)ms\].*/\1 \2/' | awk '{ printf "%.0f", $1 - $2 }')
    supervisor=$(tr -d '\n ' <"$CENTER_HOME/cluster.json" | grep -o '"supervisor":[0-9]*' | grep -o '[0-9]*$')
    name=$(tr -d '\n ' <"$CENTER_HOME/cluster.json" | grep -o "\"name\":\"[a-z0-9-]*\",\"roles\":\"[a-z]*\",\"pid\":$pid[,}]" \
      | sed -E 's/"name":"([^"]*)".*/\1/' || true)
    if [ "$pid" = "$supervisor" ]; then name=supervisor
    elif [ -z "$name" ]; then name=cli
    fi
    local line="$name: created $((created - start))"
    for mark in "${MARKS[@]}"; do
      local at
      at=$(grep -m1 " ${mark#*=} source" "$f" | sed -E 's/^\[([0-9]+)ms\].*/\1/' || true)
      [ -n "$at" ] && line="$line, ${mark%%=*} $((at - start))"
    done
    if [ "$name" = cli ]; then line="$line, exit $((end - start))"; fi
    local log="$CENTER_HOME/logs/$name.log"
    if [ -f "$log" ]; then
      local ready
      ready=$(grep -o 'ready in [0-9]* ms' "$log" | grep -o '[0-9]*' | head -1 || true)
      [ -n "$ready" ] && line="$line, ready $((created + ready - start))"
    fi
    line="$line; classes $(wc -l <"$f")"
    echo "  $line"
  done | sort -t' ' -k3 -n
  start=$(ms)
  center down >/dev/null
  end=$(ms)
  echo "down: $((end - start)) ms; each node's leave from its log (told to stop, left the cluster), ms from 'down':"
  for log in "$CENTER_HOME"/logs/*.log; do
    local told left
    told=$(grep -m1 'leaving the cluster' "$log" | cut -d' ' -f1 || true)
    left=$(grep -m1 'left the cluster' "$log" | cut -d' ' -f1 || true)
    [ -n "$told" ] && echo "  $(basename "$log" .log): told $(($(of_day "$told") - $(of_day_ms "$start"))), left $(($(of_day "${left:-$told}") - $(of_day_ms "$start")))"
  done | sort -t' ' -k3 -n
}
# a log's HH:MM:SS.mmm (UTC) and an epoch ms, as ms of the day
of_day() { echo "$1" | awk -F'[:.]' '{ printf "%d", (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }'; }
of_day_ms() { echo $(($1 % 86400000)); }

echo "java: $("$JAVA" -version 2>&1 | head -1); load average: $(cut -d' ' -f1-3 /proc/loadavg); times in ms from 'up -d'"
for ((run = 1; run <= RUNS; run++)); do
  one_run
done
