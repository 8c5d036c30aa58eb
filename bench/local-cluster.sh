#!/usr/bin/env bash
# Local cluster benchmark: what `center up -d` costs on this machine. Runs BENCH_RUNS (5) times:
#   up      wall seconds of `up -d` until it returns (every node ready)
#   cpu     CPU seconds (user+sys, /proc/<pid>/stat) the server node used until then: its start
#   all     CPU seconds all nodes used until then (on an idle machine, up takes at least all/cores)
#   rss     RSS of each node BENCH_IDLE_SECONDS (30) after ready, MB (per node, and the max)
#   idle    CPU the nodes used over that idle time, % of one core (the busiest node)
#   down    wall seconds of `center down`
# then prints the median of each. A first run before the measured ones is reported apart (it may
# make the class archive). Usage:
#   bench/local-cluster.sh                              # java on PATH, cli/target/center.jar
#   BENCH_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/local-cluster.sh
# Env: CENTER_JAR, BENCH_JAVA, BENCH_RUNS, BENCH_IDLE_SECONDS, BENCH_BRIDGE_PORT (7640),
#      BENCH_SERVER_PORT (5640), BENCH_CLUSTER_PORT (6240), BENCH_HTTP_PORT (8640), CENTER_JAVA_OPTS
#      (passed on to the nodes). CENTER_HOME is a fresh temporary directory per invocation.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${CENTER_JAR:-cli/target/center.jar}
JAVA=${BENCH_JAVA:-java}
RUNS=${BENCH_RUNS:-5}
IDLE=${BENCH_IDLE_SECONDS:-30}
[ -f "$JAR" ] || mvn -q -B package -DskipTests
export CENTER_HOME
CENTER_HOME=$(mktemp -d /tmp/center-bench.XXXXXX)
trap 'center down >/dev/null 2>&1 || true; rm -rf "$CENTER_HOME"' EXIT
TICKS=$(getconf CLK_TCK)
PAGE_KB=$(($(getconf PAGESIZE) / 1024))

center() {
  "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "$@"
}
now() { date +%s.%N; }
# CPU seconds (user+sys) of a pid so far
cpu_of() { awk -v t="$TICKS" '{ sub(/^.*\) /, ""); print ($12 + $13) / t }' "/proc/$1/stat"; }
rss_mb_of() { awk -v p="$PAGE_KB" '{ printf "%.0f", $2 * p / 1024 }' "/proc/$1/statm"; }
pids() { grep -o '"pid" : [0-9]*' "$CENTER_HOME/cluster.json" | grep -o '[0-9]*$'; }
server_pid() { tr -d '\n ' <"$CENTER_HOME/cluster.json" | grep -o '"name":"server","roles":"server","pid":[0-9]*' | grep -o '[0-9]*$'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

one_run() {
  local start up_s server cpu all rss_list rss_max idle_max down_s p
  declare -A before
  start=$(now)
  center up -d --bridge-port "${BENCH_BRIDGE_PORT:-7640}" --server-port "${BENCH_SERVER_PORT:-5640}" \
    --cluster-port "${BENCH_CLUSTER_PORT:-6240}" --http-port "${BENCH_HTTP_PORT:-8640}" >"$CENTER_HOME/up.out"
  up_s=$(echo "$(now) - $start" | bc)
  server=$(server_pid)
  cpu=$(cpu_of "$server")
  all=0
  for p in $(pids); do
    before[$p]=$(cpu_of "$p")
    all=$(echo "$all + ${before[$p]}" | bc)
  done
  sleep "$IDLE"
  rss_list="" rss_max=0 idle_max=0
  for p in $(pids); do
    local r i
    r=$(rss_mb_of "$p")
    i=$(echo "scale=2; ($(cpu_of "$p") - ${before[$p]}) * 100 / $IDLE" | bc)
    rss_list="$rss_list $r"
    ((r > rss_max)) && rss_max=$r
    (($(echo "$i > $idle_max" | bc))) && idle_max=$i
  done
  start=$(now)
  center down >/dev/null
  down_s=$(echo "$(now) - $start" | bc)
  echo "$up_s $cpu $rss_max $idle_max $down_s $all |$rss_list"
}

echo "java: $("$JAVA" -version 2>&1 | head -1); jar: $JAR; CENTER_JAVA_OPTS='${CENTER_JAVA_OPTS:-}'"
echo "columns: up-s server-start-cpu-s rss-max-MB idle-cpu-max-% down-s all-nodes-start-cpu-s | rss-per-node-MB"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "first: $(one_run)"
results=()
for ((run = 1; run <= RUNS; run++)); do
  line=$(one_run)
  echo "run $run: $line"
  results+=("$line")
done
col() { printf '%s\n' "${results[@]}" | awk -v c="$1" '{ print $c }' | median; }
rss_all=$(printf '%s\n' "${results[@]}" | sed 's/.*|//' | tr ' ' '\n' | grep . | median)
printf 'median of %d: up -d %.1f s, server start CPU %.2f s, all nodes start CPU %.1f s, idle RSS per node %s MB (max %s), idle CPU max %s %%, down %.1f s; load average %s\n' \
  "$RUNS" "$(col 1)" "$(col 2)" "$(col 6)" "$rss_all" "$(col 3)" "$(col 4)" "$(col 5)" "$(cut -d' ' -f1-3 /proc/loadavg)"
