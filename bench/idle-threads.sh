#!/usr/bin/env bash
# Where an idle node's CPU goes, per thread: one `center up -d`, BENCH_SETTLE_SECONDS (90: the JIT
# is done by then) after ready, then the CPU ticks (utime+stime, /proc/<pid>/task/*/stat) of every
# thread of every node over BENCH_IDLE_SECONDS (60). Prints, per node, its total in % of one core
# and each thread that used any CPU (name from /proc/<pid>/task/*/comm; threads of one pool whose
# names differ only in a number are summed), then its RSS and PSS in MB. Then `center down`.
# Env: CENTER_JAR, BENCH_JAVA (java), BENCH_SETTLE_SECONDS, BENCH_IDLE_SECONDS, CENTER_JAVA_OPTS,
#      BENCH_UP_ARGS (more options of `up`, e.g. --client-rate=0: no lines flowing),
#      and the ports of bench/local-cluster.sh (BENCH_BRIDGE_PORT, ...).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${CENTER_JAR:-cli/target/center.jar}
JAVA=${BENCH_JAVA:-java}
SETTLE=${BENCH_SETTLE_SECONDS:-90}
IDLE=${BENCH_IDLE_SECONDS:-60}
TICKS=$(getconf CLK_TCK)
export CENTER_HOME
CENTER_HOME=$(mktemp -d /tmp/center-idle.XXXXXX)
trap '"$JAVA" -jar "$JAR" down >/dev/null 2>&1 || true; rm -rf "$CENTER_HOME"' EXIT
center() { "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$JAR" "$@"; }
# "tid name ticks" for every thread of a pid
threads() {
  local t
  for t in /proc/"$1"/task/*; do
    awk -v tid="${t##*/}" -v name="$(tr ' ' '_' <"$t/comm" 2>/dev/null)" \
      '{ sub(/^.*\) /, ""); print tid, name, $12 + $13 }' "$t/stat" 2>/dev/null || true
  done
}
center up -d --bridge-port "${BENCH_BRIDGE_PORT:-7640}" --server-port "${BENCH_SERVER_PORT:-5640}" \
  --ack-port "${BENCH_ACK_PORT:-5641}" --cluster-port "${BENCH_CLUSTER_PORT:-6240}" \
  --http-port "${BENCH_HTTP_PORT:-8640}" ${BENCH_UP_ARGS:-} >/dev/null
mapfile -t NODES < <(jq -r '.. | objects | select(has("pid") and has("name")) | "\(.name) \(.pid)"' "$CENTER_HOME/cluster.json")
sleep "$SETTLE"
declare -A before
for n in "${NODES[@]}"; do threads "${n#* }" >"$CENTER_HOME/${n% *}.before"; done
sleep "$IDLE"
echo "java: $("$JAVA" -version 2>&1 | head -1); CENTER_JAVA_OPTS='${CENTER_JAVA_OPTS:-}'; up ${BENCH_UP_ARGS:-}; settle ${SETTLE} s, idle ${IDLE} s; load $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${NODES[@]}"; do
  name=${n% *} pid=${n#* }
  threads "$pid" >"$CENTER_HOME/$name.after"
  # full thread names (comm holds 15 characters): "tid name" from a thread dump, taken after the measurement
  jcmd "$pid" Thread.print 2>/dev/null | sed -n 's/^"\([^"]*\)".* nid=0x\([0-9a-f]*\).*/\2 \1/p' \
    | while read -r nid full; do echo "$((16#$nid)) ${full// /_}"; done >"$CENTER_HOME/$name.names"
  rss=$(awk '/^Rss:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/smaps_rollup")
  pss=$(awk '/^Pss:/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/smaps_rollup")
  awk -v node="$name" -v t="$TICKS" -v idle="$IDLE" -v rss="$rss" -v pss="$pss" -v nthreads="$(wc -l <"$CENTER_HOME/$name.after")" '
    FILENAME ~ /names$/ { full[$1] = $2; next }
    FILENAME ~ /before$/ { b[$1] = $3; next }
    { d = $3 - b[$1]; if (d <= 0) next; g = ($1 in full) ? full[$1] : $2; sub(/^hz\.[^.]*\./, "hz.", g); gsub(/[0-9]+/, "#", g); sum[g] += d; total += d }
    END {
      printf "%s: %.2f %% of a core (%d threads, RSS %s MB, PSS %s MB)\n", node, total * 100 / t / idle, nthreads, rss, pss
      for (g in sum) printf "  %-48s %6.3f %%\n", g, sum[g] * 100 / t / idle | "sort -k2 -g -r"
      close("sort -k2 -g -r")
    }' "$CENTER_HOME/$name.names" "$CENTER_HOME/$name.before" "$CENTER_HOME/$name.after"
done
