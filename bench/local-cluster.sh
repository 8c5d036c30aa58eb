#!/usr/bin/env bash
# Local cluster benchmark: what `center up -d` costs on this machine. Runs BENCH_RUNS (5) times:
#   up      wall seconds of `up -d` until it returns (every node ready)
#   cpu     CPU seconds (user+sys, /proc/<pid>/stat) the server node used until then: its start
#   all     CPU seconds all nodes used until then (on an idle machine, up takes at least all/cores)
#   rss     RSS of each node BENCH_SETTLE_SECONDS (30) after ready, MB (per node, and the max)
#   pss     the nodes' PSS then, MB (the mean): RSS with each shared page divided among its users
#   idle    CPU the nodes used over the next BENCH_IDLE_SECONDS (60), % of one core (the busiest node)
#   down    wall seconds of `center down`
# then prints the median of each. A first run before the measured ones is reported apart (it makes
# the class archive). The CLI runs as bin/center runs it (C1 only, serial GC, a class archive of
# its own made by the first run). Each JVM of BENCH_JAVAS is measured in turn, and a table of the
# medians ends the output. Usage:
#   bench/local-cluster.sh          # java on PATH, then every /usr/lib/jvm/*25*/bin/java
#   BENCH_JAVAS=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bench/local-cluster.sh
# Env: CENTER_JAR, BENCH_JAVAS (or BENCH_JAVA: one JVM), BENCH_RUNS, BENCH_SETTLE_SECONDS, BENCH_IDLE_SECONDS,
#      BENCH_BRIDGE_PORT (7640), BENCH_SERVER_PORT (5640), BENCH_ACK_PORT (5641),
#      BENCH_CLUSTER_PORT (6240), BENCH_HTTP_PORT (8640), CENTER_JAVA_OPTS (passed on to the nodes).
#      CENTER_HOME is a fresh temporary directory per JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${CENTER_JAR:-cli/target/center.jar}
RUNS=${BENCH_RUNS:-5}
SETTLE=${BENCH_SETTLE_SECONDS:-30}
IDLE=${BENCH_IDLE_SECONDS:-60}
if [ -n "${BENCH_JAVAS:-}" ]; then read -r -a JAVAS <<<"$BENCH_JAVAS"
elif [ -n "${BENCH_JAVA:-}" ]; then JAVAS=("$BENCH_JAVA")
else JAVAS=(java); for j in /usr/lib/jvm/*25*/bin/java; do [ -x "$j" ] && JAVAS+=("$j"); done
fi
[ -f "$JAR" ] || mvn -q -B package -DskipTests
export CENTER_HOME
CENTER_HOME=""
trap '[ -z "$CENTER_HOME" ] || { center down >/dev/null 2>&1 || true; rm -rf "$CENTER_HOME"; }' EXIT
TICKS=$(getconf CLK_TCK)
PAGE_KB=$(($(getconf PAGESIZE) / 1024))

# as bin/center runs a command: C1 only, serial GC, the CLI's class archive once the first run wrote it
center() {
  local archive="$CENTER_HOME/cli.jsa" flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k -Xshare:auto)
  if [ -f "$archive" ]; then
    "$JAVA" "${flags[@]}" -XX:SharedArchiveFile="$archive" -jar "$JAR" "$@"
  else
    "$JAVA" "${flags[@]}" -XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$JAR" "$@"
  fi
}
now() { date +%s.%N; }
# CPU seconds (user+sys) of a pid so far
cpu_of() { awk -v t="$TICKS" '{ sub(/^.*\) /, ""); print ($12 + $13) / t }' "/proc/$1/stat"; }
# proportional set size: the node's private pages plus its share of the pages it shares with the
# other nodes (the class archives, libjvm): what a node adds to the machine's memory
pss_mb_of() { awk '/^Pss:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/smaps_rollup"; }
rss_mb_of() { awk -v p="$PAGE_KB" '{ printf "%.0f", $2 * p / 1024 }' "/proc/$1/statm"; }
pids() { grep -o '"pid" : [0-9]*' "$CENTER_HOME/cluster.json" | grep -o '[0-9]*$'; }
server_pid() { tr -d '\n ' <"$CENTER_HOME/cluster.json" | grep -o '"name":"server","roles":"server","pid":[0-9]*' | grep -o '[0-9]*$'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

one_run() {
  local start up_s server cpu all rss_list rss_max pss_sum idle_max down_s p r
  declare -A before
  start=$(now)
  center up -d --bridge-port "${BENCH_BRIDGE_PORT:-7640}" --server-port "${BENCH_SERVER_PORT:-5640}" \
    --ack-port "${BENCH_ACK_PORT:-5641}" --cluster-port "${BENCH_CLUSTER_PORT:-6240}" --http-port "${BENCH_HTTP_PORT:-8640}" >"$CENTER_HOME/up.out"
  up_s=$(echo "$(now) - $start" | bc)
  server=$(server_pid)
  cpu=$(cpu_of "$server")
  all=0
  for p in $(pids); do
    all=$(echo "$all + $(cpu_of "$p")" | bc)
  done
  sleep "$SETTLE"
  rss_list="" rss_max=0 pss_sum=0
  for p in $(pids); do
    r=$(rss_mb_of "$p")
    rss_list="$rss_list $r"
    ((r > rss_max)) && rss_max=$r
    pss_sum=$((pss_sum + $(pss_mb_of "$p")))
    before[$p]=$(cpu_of "$p")
  done
  sleep "$IDLE"
  idle_max=0
  for p in $(pids); do
    local i
    i=$(echo "scale=2; ($(cpu_of "$p") - ${before[$p]}) * 100 / $IDLE" | bc)
    (($(echo "$i > $idle_max" | bc))) && idle_max=$i
  done
  local pss_mean=$((pss_sum / $(pids | wc -l)))
  start=$(now)
  center down >/dev/null
  down_s=$(echo "$(now) - $start" | bc)
  echo "$up_s $cpu $rss_max $idle_max $down_s $all $pss_mean |$rss_list"
}

summary=()
for JAVA in "${JAVAS[@]}"; do
  CENTER_HOME=$(mktemp -d /tmp/center-bench.XXXXXX)
  version=$("$JAVA" -version 2>&1 | head -1)
  echo "java: $version; jar: $JAR; CENTER_JAVA_OPTS='${CENTER_JAVA_OPTS:-}'"
  echo "columns: up-s server-start-cpu-s rss-max-MB idle-cpu-max-% down-s all-nodes-start-cpu-s pss-mean-MB | rss-per-node-MB"
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
  line=$(printf '| %s | %.1f | %.2f | %.1f | %s (%s) | %s | %s | %.1f | %s |' "$(echo "$version" | grep -o '"[^"]*"' | tr -d '"')" \
    "$(col 1)" "$(col 2)" "$(col 6)" "$rss_all" "$(col 3)" "$(col 7)" "$(col 4)" "$(col 5)" "$(cut -d' ' -f1-3 /proc/loadavg)")
  echo "median of $RUNS: $line"
  summary+=("$line")
  center down >/dev/null 2>&1 || true
  rm -rf "$CENTER_HOME"
  CENTER_HOME=""
done
echo
echo "| JDK | up -d (s) | server start CPU (s) | all 4 nodes' start CPU (s) | idle RSS per node, MB (max) | idle PSS per node, MB | idle CPU, busiest node (% of a core over ${IDLE} s) | down (s) | load average at the end |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${summary[@]}"
